/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_TIMEX_H
#define _ASM_TIMEX_H

/* Nanoseconds since the machine was powered on (the TSC, scaled). */
unsigned long long local_clock(void);
void arch_clock_init(void);
/* Busy-free wait, for boot-time polling loops only. */
void arch_msleep(unsigned int msecs);
void udelay(unsigned long usecs);

static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
}

#endif
