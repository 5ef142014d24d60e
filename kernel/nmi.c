// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NMI gate.  The port of arch/x86/kernel/nmi.c (nmi_state, nmi_cr2,
 * nmi_dr7, handler lists, the reason port) and the NMI line itself come
 * with the NMI work; until then nothing raises vector 2, and an NMI that
 * did arrive would be counted and reported as unknown, as upstream does
 * when no handler claims it.
 */
#include <asm/idtentry.h>
#include <linux/kernel.h>
#include <linux/preempt.h>

DEFINE_PER_CPU(unsigned long, nmi_count);

DEFINE_IDTENTRY_NMI(exc_nmi)
{
	irqentry_state_t irq_state = irqentry_nmi_enter(regs);

	this_cpu_inc(nmi_count);
	pr_emerg("Uhhuh. NMI received for unknown reason %02x on CPU %d.\n", 0,
		 smp_processor_id());
	pr_emerg("Dazed and confused, but trying to continue\n");
	irqentry_nmi_exit(regs, irq_state);
}
