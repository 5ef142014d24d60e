/* SPDX-License-Identifier: GPL-2.0-only */
/* After arch/x86/include/asm/kdebug.h and include/linux/kdebug.h. */
#ifndef _LINUX_KDEBUG_H
#define _LINUX_KDEBUG_H

#include <asm/ptrace.h>
#include <linux/notifier.h>

enum die_val {
	DIE_OOPS = 1,
	DIE_INT3,
	DIE_DEBUG,
	DIE_PANIC,
	DIE_NMI,
	DIE_DIE,
	DIE_KERNELDEBUG,
	DIE_TRAP,
	DIE_GPF,
	DIE_CALL,
	DIE_PAGE_FAULT,
	DIE_NMIUNKNOWN,
};

struct die_args {
	struct pt_regs *regs;
	const char *str;
	long err;
	int trapnr;
	int signr;
};

int register_die_notifier(struct notifier_block *nb);
int unregister_die_notifier(struct notifier_block *nb);
int notify_die(enum die_val val, const char *str, struct pt_regs *regs,
	       long err, int trap, int sig);

void die(const char *str, struct pt_regs *regs, long err);
int __die(const char *str, struct pt_regs *regs, long err);
unsigned long oops_begin(void);
void oops_end(unsigned long flags, struct pt_regs *regs, int signr);
void show_regs(struct pt_regs *regs);
void show_stack_regs(struct pt_regs *regs);
void dump_stack(void);

#endif
