/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _FAKE_HW_H
#define _FAKE_HW_H

#include <asm/ptrace.h>

/* The sandbox the stub's memory accesses reach: 64 KiB at this address. */
#define FAKE_MEM_BASE 0x300000000000UL
#define FAKE_MEM_SIZE 0x10000UL

void fake_hw_reset(void);
struct pt_regs *fake_hw_stop_regs(void);

#endif
