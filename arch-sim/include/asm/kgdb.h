/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the simulated hardware gives the debugger, after
 * arch/x86/include/asm/kgdb.h: the int3 it plants, every CPU's FPU state
 * at its stop, the CPU threads' perf hardware breakpoints, and how a
 * single step treats NMIs.
 */
#ifndef _ASM_KGDB_H
#define _ASM_KGDB_H

#include <stdint.h>
#include <asm/compiler.h>
#include <asm/ptrace.h>

#define BREAK_INSTR_SIZE 1
#define GDB_BREAKPOINT_INSN 0xcc
#define HBP_NUM 4

static __always_inline void arch_kgdb_breakpoint(void)
{
	__asm__ __volatile__("int3");
}

/* The FXSAVE image of the context regs stands for (x87 and SSE). */
struct kgdb_fxsave {
	uint16_t cwd, swd;
	uint8_t ftw, pad0;
	uint16_t fop;
	uint64_t rip, rdp;
	uint32_t mxcsr, mxcsr_mask;
	uint8_t st[8][16];
	uint8_t xmm[16][16];
};

/* 0, or -ENOENT when the CPU has no host frame for regs. */
int arch_kgdb_fxsave(int cpu, struct pt_regs *regs, struct kgdb_fxsave *fx);
unsigned long arch_kgdb_fs_base(int cpu);

enum kgdb_hw_type { KGDB_HW_X, KGDB_HW_W, KGDB_HW_RW };
/* Program slot on every online CPU's thread; disabled until enabled. */
int arch_kgdb_hw_set(int slot, enum kgdb_hw_type type, unsigned long addr,
		     int len);
void arch_kgdb_hw_clear(int slot);
void arch_kgdb_hw_enable(int on);
/* The slot of the debugger's breakpoint behind this #DB, or -1. */
int arch_kgdb_hw_hit(void);

/* While this CPU single-steps, NMIs wait until the step is done. */
void arch_kgdb_step_hold_nmis(int hold);
/* TF on or off in the context regs (a trap's, or an NMI's) returns to. */
void arch_kgdb_set_step(struct pt_regs *regs, int on);

#endif
