/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_SPECIAL_INSNS_H
#define _ASM_SPECIAL_INSNS_H

#include <asm/cpu.h>

/* CR2 is per simulated CPU, written by the CPU when it delivers a #PF. */
static __always_inline unsigned long native_read_cr2(void)
{
	return READ_ONCE(this_sim_cpu()->cr2);
}

static __always_inline void native_write_cr2(unsigned long val)
{
	WRITE_ONCE(this_sim_cpu()->cr2, val);
}

#define read_cr2() native_read_cr2()
#define write_cr2(x) native_write_cr2(x)

#endif
