// SPDX-License-Identifier: GPL-2.0-only
/*
 * The C side of exception entry, after kernel/entry/common.c.  vkernel
 * has no RCU idle or context tracking to fix up, so what remains is the
 * preempt count: exceptions from kernel mode that can hit in any context
 * (#BP, #DB, NMI) enter NMI context so in_nmi() and in_interrupt() are
 * what the handlers below expect.
 */
#include <linux/entry-common.h>
#include <linux/preempt.h>

DEFINE_PER_CPU(unsigned long, __preempt_count);

__nmisafe irqentry_state_t irqentry_enter(struct pt_regs *regs)
{
	irqentry_state_t ret = { 0, 0 };

	(void)regs;
	return ret;
}

__nmisafe void irqentry_exit(struct pt_regs *regs, irqentry_state_t state)
{
	(void)regs;
	(void)state;
}

__nmisafe irqentry_state_t irqentry_nmi_enter(struct pt_regs *regs)
{
	irqentry_state_t irq_state = { 0, 0 };

	(void)regs;
	__nmi_enter();
	return irq_state;
}

__nmisafe void irqentry_nmi_exit(struct pt_regs *regs,
				 irqentry_state_t irq_state)
{
	(void)regs;
	(void)irq_state;
	__nmi_exit();
}

NOKPROBE_SYMBOL(irqentry_nmi_enter);
NOKPROBE_SYMBOL(irqentry_nmi_exit);
