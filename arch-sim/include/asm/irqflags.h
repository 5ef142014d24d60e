/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RFLAGS.IF of the simulated CPU.  vkernel has no interrupt controller
 * yet: IF gates the CPU's periodic tick (the watchdog's hrtimer), which is
 * what the hard-lockup detector watches.  NMIs ignore IF, as on x86.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <asm/cpu.h>

static __always_inline void arch_local_irq_disable(void)
{
	WRITE_ONCE(this_sim_cpu()->irqs_off, 1);
}

static __always_inline void arch_local_irq_enable(void)
{
	WRITE_ONCE(this_sim_cpu()->irqs_off, 0);
}

static __always_inline int arch_irqs_disabled(void)
{
	return READ_ONCE(this_sim_cpu()->irqs_off);
}

#define local_irq_disable() arch_local_irq_disable()
#define local_irq_enable() arch_local_irq_enable()
#define irqs_disabled() arch_irqs_disabled()

/*
 * The performance counter that drives the NMI watchdog: it raises this
 * CPU's NMI pin every period, and its overflow status says an NMI was
 * its own (as the PMU's status register does).
 */
int arch_pmu_watchdog_start(unsigned long long period_ns);
void arch_pmu_watchdog_stop(void);
int arch_pmu_overflowed(void);

#endif
