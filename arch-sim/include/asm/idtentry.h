/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IDT entry points, after arch/x86/include/asm/idtentry.h.  Upstream an
 * asm stub (asm_exc_*) saves pt_regs and calls the C function; here the
 * simulated CPU has built pt_regs from the host signal frame and calls the
 * asm_exc_* function through the gate, which calls the C entry the way
 * the stub would.
 */
#ifndef _ASM_IDTENTRY_H
#define _ASM_IDTENTRY_H

#include <asm/desc.h>
#include <linux/entry-common.h>

#define DECLARE_IDTENTRY(vector, func)                                   \
	void asm_##func(struct pt_regs *regs, unsigned long error_code); \
	void func(struct pt_regs *regs)

#define DECLARE_IDTENTRY_ERRORCODE(vector, func)                         \
	void asm_##func(struct pt_regs *regs, unsigned long error_code); \
	void func(struct pt_regs *regs, unsigned long error_code)

#define DECLARE_IDTENTRY_RAW(vector, func) DECLARE_IDTENTRY(vector, func)
#define DECLARE_IDTENTRY_RAW_ERRORCODE(vector, func) \
	DECLARE_IDTENTRY_ERRORCODE(vector, func)
#define DECLARE_IDTENTRY_IST(vector, func) DECLARE_IDTENTRY(vector, func)
#define DECLARE_IDTENTRY_DF(vector, func) \
	DECLARE_IDTENTRY_ERRORCODE(vector, func)

#define __IDTENTRY_STUB(func)                               \
	__nmisafe void asm_##func(struct pt_regs *regs,     \
				  unsigned long error_code) \
	{                                                   \
		(void)error_code;                           \
		func(regs);                                 \
	}

#define __IDTENTRY_STUB_ERRORCODE(func)                     \
	__nmisafe void asm_##func(struct pt_regs *regs,     \
				  unsigned long error_code) \
	{                                                   \
		func(regs, error_code);                     \
	}

/* DEFINE_IDTENTRY: a plain exception, irqentry_enter/exit around it. */
#define DEFINE_IDTENTRY(func)                                       \
	static __always_inline void __##func(struct pt_regs *regs); \
	__nmisafe void func(struct pt_regs *regs)                   \
	{                                                           \
		irqentry_state_t state = irqentry_enter(regs);      \
		__##func(regs);                                     \
		irqentry_exit(regs, state);                         \
	}                                                           \
	__IDTENTRY_STUB(func)                                       \
	static __always_inline void __##func(struct pt_regs *regs)

#define DEFINE_IDTENTRY_ERRORCODE(func)                                     \
	static __always_inline void __##func(struct pt_regs *regs,          \
					     unsigned long error_code);     \
	__nmisafe void func(struct pt_regs *regs, unsigned long error_code) \
	{                                                                   \
		irqentry_state_t state = irqentry_enter(regs);              \
		__##func(regs, error_code);                                 \
		irqentry_exit(regs, state);                                 \
	}                                                                   \
	__IDTENTRY_STUB_ERRORCODE(func)                                     \
	static __always_inline void __##func(struct pt_regs *regs,          \
					     unsigned long error_code)

/* DEFINE_IDTENTRY_RAW: the handler does its own entry work. */
#define DEFINE_IDTENTRY_RAW(func)                  \
	__nmisafe void func(struct pt_regs *regs); \
	__IDTENTRY_STUB(func)                      \
	__nmisafe void func(struct pt_regs *regs)

#define DEFINE_IDTENTRY_RAW_ERRORCODE(func)                                  \
	__nmisafe void func(struct pt_regs *regs, unsigned long error_code); \
	__IDTENTRY_STUB_ERRORCODE(func)                                      \
	__nmisafe void func(struct pt_regs *regs, unsigned long error_code)

#define DEFINE_IDTENTRY_IST(func) DEFINE_IDTENTRY_RAW(func)
/* The NMI entry stub is arch-sim/entry_nmi.c, a port of the asm. */
#define DEFINE_IDTENTRY_NMI(func) __nmisafe void func(struct pt_regs *regs)
#define DEFINE_IDTENTRY_DEBUG DEFINE_IDTENTRY_IST
#define DEFINE_IDTENTRY_DF(func) DEFINE_IDTENTRY_RAW_ERRORCODE(func)
#define DEFINE_IDTENTRY_MCE DEFINE_IDTENTRY_IST

DECLARE_IDTENTRY(X86_TRAP_DE, exc_divide_error);
DECLARE_IDTENTRY(X86_TRAP_OF, exc_overflow);
DECLARE_IDTENTRY(X86_TRAP_BR, exc_bounds);
DECLARE_IDTENTRY(X86_TRAP_NM, exc_device_not_available);
DECLARE_IDTENTRY(X86_TRAP_OLD_MF, exc_coproc_segment_overrun);
DECLARE_IDTENTRY(X86_TRAP_SPURIOUS, exc_spurious_interrupt_bug);
DECLARE_IDTENTRY(X86_TRAP_MF, exc_coprocessor_error);
DECLARE_IDTENTRY(X86_TRAP_XF, exc_simd_coprocessor_error);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_TS, exc_invalid_tss);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_NP, exc_segment_not_present);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_SS, exc_stack_segment);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_GP, exc_general_protection);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_AC, exc_alignment_check);
DECLARE_IDTENTRY_RAW(X86_TRAP_UD, exc_invalid_op);
DECLARE_IDTENTRY_RAW(X86_TRAP_BP, exc_int3);
DECLARE_IDTENTRY_RAW_ERRORCODE(X86_TRAP_PF, exc_page_fault);
DECLARE_IDTENTRY_IST(X86_TRAP_MC, exc_machine_check);
DECLARE_IDTENTRY_IST(X86_TRAP_NMI, exc_nmi);
DECLARE_IDTENTRY_IST(X86_TRAP_DB, exc_debug);
DECLARE_IDTENTRY_DF(X86_TRAP_DF, exc_double_fault);
DECLARE_IDTENTRY(FIRST_EXTERNAL_VECTOR, spurious_interrupt);

#endif
