/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug registers, after arch/x86/include/asm/debugreg.h and
 * arch/x86/include/uapi/asm/debugreg.h.  DR0-3 and DR7 of each simulated
 * CPU are backed by real hardware breakpoints of its host thread (see
 * arch-sim/debugreg.c); DR6 is set by the simulated CPU on #DB delivery.
 */
#ifndef _ASM_DEBUGREG_H
#define _ASM_DEBUGREG_H

#include <asm/compiler.h>

#define DR_FIRSTADDR 0
#define DR_LASTADDR 3
#define DR_STATUS 6
#define DR_CONTROL 7

#define DR_TRAP0 (0x1)
#define DR_TRAP1 (0x2)
#define DR_TRAP2 (0x4)
#define DR_TRAP3 (0x8)
#define DR_TRAP_BITS (DR_TRAP0 | DR_TRAP1 | DR_TRAP2 | DR_TRAP3)
#define DR_BUS_LOCK (0x800)
#define DR_STEP (0x4000)
#define DR_SWITCH (0x8000)
#define DR6_RESERVED (0xFFFF0FF0)

#define DR_CONTROL_SHIFT 16
#define DR_CONTROL_SIZE 4
#define DR_RW_EXECUTE (0x0)
#define DR_RW_WRITE (0x1)
#define DR_RW_READ (0x3)
#define DR_LEN_1 (0x0)
#define DR_LEN_2 (0x4)
#define DR_LEN_4 (0xC)
#define DR_LEN_8 (0x8)
#define DR_LOCAL_ENABLE_SHIFT 0
#define DR_GLOBAL_ENABLE_SHIFT 1
#define DR_ENABLE_SIZE 2
#define DR_LOCAL_ENABLE_MASK (0x55)
#define DR_GLOBAL_ENABLE_MASK (0xAA)

/* How this run reaches the host's debug registers. */
enum dr_backend {
	DR_BACKEND_AUTO,
	DR_BACKEND_PERF, /* perf_event_open breakpoints, sigtrap = 1 */
	DR_BACKEND_PTRACE, /* a helper process pokes u_debugreg */
	DR_BACKEND_NONE, /* no access: DR writes are only remembered */
};

unsigned long native_get_debugreg(int regno);
void native_set_debugreg(int regno, unsigned long value);

#define get_debugreg(var, register) ((var) = native_get_debugreg(register))
#define set_debugreg(value, register) native_set_debugreg(register, value)

/* What the host allows, decided once at boot; reason says why not. */
enum dr_backend debugreg_backend(void);
const char *debugreg_unavailable_reason(void);
const char *debugreg_backend_name(enum dr_backend b);

static __always_inline unsigned long local_db_save(void)
{
	unsigned long dr7;

	get_debugreg(dr7, 7);
	dr7 &= ~0x400; /* architecturally set bit */
	if (dr7)
		set_debugreg(0, 7);
	/*
	 * Ensure the compiler doesn't lower the above statements into
	 * the critical section; disabling breakpoints late would not
	 * be good.
	 */
	barrier();

	return dr7;
}

static __always_inline void local_db_restore(unsigned long dr7)
{
	/*
	 * Ensure the compiler doesn't raise this statement into
	 * the critical section; enabling breakpoints early would
	 * not be good.
	 */
	barrier();
	if (dr7)
		set_debugreg(dr7, 7);
}

#endif
