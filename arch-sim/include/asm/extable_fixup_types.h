/* SPDX-License-Identifier: GPL-2.0-only */
/* As arch/x86/include/asm/extable_fixup_types.h (the types vkernel uses). */
#ifndef _ASM_EXTABLE_FIXUP_TYPES_H
#define _ASM_EXTABLE_FIXUP_TYPES_H

#define EX_DATA_TYPE_MASK 0x000000FF

#define EX_TYPE_NONE 0
#define EX_TYPE_DEFAULT 1
#define EX_TYPE_FAULT 2 /* regs->ax = trapnr, then default */

#endif
