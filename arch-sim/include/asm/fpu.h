/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The FPU state the kernel looks at, after arch/x86/include/asm/fpu/types.h:
 * the legacy FXSAVE area.  The simulated CPU copies it out of the host's
 * signal frame when it delivers #MF or #XF, as fpu_sync_fpstate() would.
 */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H

#include <stdint.h>

#define MXCSR_DEFAULT 0x1f80

struct fxregs_state {
	uint16_t cwd;
	uint16_t swd;
	uint16_t twd;
	uint16_t fop;
	uint64_t rip;
	uint64_t rdp;
	uint32_t mxcsr;
	uint32_t mxcsr_mask;
};

union fpregs_state {
	struct fxregs_state fxsave;
};

struct fpstate {
	union fpregs_state regs;
};

struct fpu {
	struct fpstate *fpstate;
	struct fpstate __fpstate;
};

#endif
