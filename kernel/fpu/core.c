// SPDX-License-Identifier: GPL-2.0-only
/* After arch/x86/kernel/fpu/core.c. */
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/trapnr.h>
#include <linux/fpu.h>

/*
 * The CPU latched the FXSAVE image when it delivered the exception, which
 * is where fpu_sync_fpstate() upstream puts the live registers.
 */
__nmisafe void fpu_sync_fpstate(struct fpu *fpu)
{
	memcpy(fpu->fpstate, &this_sim_cpu()->trap_fpstate,
	       sizeof(*fpu->fpstate));
}

__nmisafe int fpu__exception_code(struct fpu *fpu, int trap_nr)
{
	int err;

	if (trap_nr == X86_TRAP_MF) {
		unsigned short cwd, swd;
		/*
		 * (~cwd & swd) will mask out exceptions that are not set to
		 * unmasked status.  0x3f is the exception bits in these regs,
		 * 0x200 is the C1 reg you need in case of a stack fault,
		 * 0x040 is the stack fault bit.  We should only be taking one
		 * exception at a time, so if this combination doesn't produce
		 * any single exception, then we have a bad program that isn't
		 * synchronizing its FPU usage and it will suffer the
		 * consequences since we won't be able to fully reproduce the
		 * context of the exception.
		 */
		cwd = fpu->fpstate->regs.fxsave.cwd;
		swd = fpu->fpstate->regs.fxsave.swd;

		err = swd & ~cwd;
	} else {
		/*
		 * The SIMD FPU exceptions are handled a little differently,
		 * as there is only a single status/control register.  Thus,
		 * to determine which unmasked exception was caught we must
		 * mask the exception mask bits at 0x1f80, and then use these
		 * to mask the exception bits at 0x3f.
		 */
		unsigned short mxcsr = fpu->fpstate->regs.fxsave.mxcsr;

		err = ~(mxcsr >> 7) & mxcsr;
	}

	if (err & 0x001) { /* Invalid op */
		/*
		 * swd & 0x240 == 0x040: Stack Underflow
		 * swd & 0x240 == 0x240: Stack Overflow
		 * User must clear the SF bit (0x40) if set
		 */
		return FPE_FLTINV;
	} else if (err & 0x004) { /* Divide by Zero */
		return FPE_FLTDIV;
	} else if (err & 0x008) { /* Overflow */
		return FPE_FLTOVF;
	} else if (err & 0x012) { /* Denormal, Underflow */
		return FPE_FLTUND;
	} else if (err & 0x020) { /* Precision */
		return FPE_FLTRES;
	}

	/*
	 * If we're using IRQ 13, or supposedly even some trap
	 * X86_TRAP_MF implementations, it's possible
	 * we get a spurious trap, which is not an error.
	 */
	return 0;
}
