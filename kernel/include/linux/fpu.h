/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_FPU_H
#define _LINUX_FPU_H

#include <asm/asm.h>
#include <asm/fpu.h>

int fpu__exception_code(struct fpu *fpu, int trap_nr);
/* The FPU image the CPU latched at its last #MF/#XF. */
void fpu_sync_fpstate(struct fpu *fpu);

/*
 * An unmasked divide by zero, x87 (#MF at the fwait) or SSE (#XF), fixed
 * up through the exception table: returns the vector the fixup saw, or
 * -1 if nothing trapped.  The fixup writes RAX before the asm's last
 * instruction, so RAX is early-clobber.
 */
static __always_inline unsigned long fpu_divzero_x87(void)
{
	unsigned short cw = 0x037f & ~0x4; /* unmask divide-by-zero */
	unsigned long ax;

	asm volatile("fninit\n\t"
		     "fldcw %1\n\t"
		     "fld1\n\t"
		     "fldz\n\t"
		     "fdivrp\n"
		     "1:\tfwait\n\t"
		     "mov $-1, %%rax\n"
		     "2:\tfnclex\n\t"
		     "fninit\n" _ASM_EXTABLE_FAULT(1b, 2b)
		     : "=&a"(ax)
		     : "m"(cw)
		     : "memory");
	return ax;
}

static __always_inline unsigned long fpu_divzero_simd(void)
{
	unsigned int mx = MXCSR_DEFAULT & ~0x200, mxd = MXCSR_DEFAULT;
	float one = 1.0f, zero = 0.0f;
	unsigned long ax;

	asm volatile("ldmxcsr %1\n\t"
		     "movss %3, %%xmm0\n"
		     "1:\tdivss %4, %%xmm0\n\t"
		     "mov $-1, %%rax\n"
		     "2:\tldmxcsr %2\n" _ASM_EXTABLE_FAULT(1b, 2b)
		     : "=&a"(ax)
		     : "m"(mx), "m"(mxd), "m"(one), "m"(zero)
		     : "xmm0", "memory");
	return ax;
}

#endif
