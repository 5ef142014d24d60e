/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_FPU_H
#define _LINUX_FPU_H

#include <asm/fpu.h>

int fpu__exception_code(struct fpu *fpu, int trap_nr);
/* The FPU image the CPU latched at its last #MF/#XF. */
void fpu_sync_fpstate(struct fpu *fpu);

#endif
