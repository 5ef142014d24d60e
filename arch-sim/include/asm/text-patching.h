/* SPDX-License-Identifier: GPL-2.0-only */
/* After arch/x86/include/asm/text-patching.h: writing into kernel text. */
#ifndef _ASM_TEXT_PATCHING_H
#define _ASM_TEXT_PATCHING_H

#include <stddef.h>
#include <asm/compiler.h>

int text_poke_init(void);
/* With every other CPU held (kgdb): 0, or -EFAULT for a bad address. */
__nmisafe long text_poke_kgdb(void *addr, const void *opcode, size_t len);

#endif
