/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * int3 hooks, in the style of kprobes: a handler registered for the
 * address of an int3 in kernel text is called from exc_int3 before the
 * die chain, and claims the trap by returning 1.  Unlike kprobes nothing
 * is patched: the int3 is already in the text.
 */
#ifndef _LINUX_INT3_H
#define _LINUX_INT3_H

#include <asm/ptrace.h>

struct int3_hook;
typedef int (*int3_handler_t)(struct int3_hook *hook, struct pt_regs *regs);

struct int3_hook {
	unsigned long addr; /* address of the int3 byte */
	int3_handler_t handler; /* must be __nmisafe */
	unsigned long hits;
};

int register_int3_hook(struct int3_hook *hook);
void unregister_int3_hook(struct int3_hook *hook);
/* Called from do_int3 where upstream calls kprobe_int3_handler(). */
int int3_hook_handler(struct pt_regs *regs);

#endif
