/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_ENTRY_COMMON_H
#define _LINUX_ENTRY_COMMON_H

#include <asm/ptrace.h>

typedef struct irqentry_state {
	int exit_rcu;
	int lockdep;
} irqentry_state_t;

irqentry_state_t irqentry_enter(struct pt_regs *regs);
void irqentry_exit(struct pt_regs *regs, irqentry_state_t state);
irqentry_state_t irqentry_nmi_enter(struct pt_regs *regs);
void irqentry_nmi_exit(struct pt_regs *regs, irqentry_state_t irq_state);

#endif
