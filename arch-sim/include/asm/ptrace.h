/* SPDX-License-Identifier: GPL-2.0-only */
/* Layout as arch/x86/include/asm/ptrace.h (x86-64). */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include <asm/compiler.h>

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	/* Error code for exceptions that push one, -1 otherwise. */
	unsigned long orig_ax;
	/* The hardware frame. */
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
};

static __always_inline int user_mode(const struct pt_regs *regs)
{
	return !!(regs->cs & 3);
}

static __always_inline unsigned long instruction_pointer(struct pt_regs *regs)
{
	return regs->ip;
}

#endif
