/* SPDX-License-Identifier: GPL-2.0-only */
/* The preempt count and its NMI/HARDIRQ fields, include/linux/preempt.h. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <asm/percpu.h>

#define HARDIRQ_SHIFT 16
#define NMI_SHIFT 20
#define HARDIRQ_OFFSET (1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET (1UL << NMI_SHIFT)
#define HARDIRQ_MASK (0xfUL << HARDIRQ_SHIFT)
#define NMI_MASK (0xfUL << NMI_SHIFT)

DECLARE_PER_CPU(unsigned long, __preempt_count);

static __always_inline unsigned long preempt_count(void)
{
	return this_cpu_read(__preempt_count);
}

#define in_nmi() (preempt_count() & NMI_MASK)
#define in_hardirq() (preempt_count() & HARDIRQ_MASK)
#define in_interrupt() (preempt_count() & (NMI_MASK | HARDIRQ_MASK))

static __always_inline void __nmi_enter(void)
{
	this_cpu_add(__preempt_count, NMI_OFFSET + HARDIRQ_OFFSET);
}

static __always_inline void __nmi_exit(void)
{
	this_cpu_add(__preempt_count, -(NMI_OFFSET + HARDIRQ_OFFSET));
}

#define nmi_enter() __nmi_enter()
#define nmi_exit() __nmi_exit()

#endif
