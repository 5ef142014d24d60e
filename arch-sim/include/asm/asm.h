/* SPDX-License-Identifier: GPL-2.0-only */
/* Exception table entries from inline asm, after arch/x86/include/asm/asm.h. */
#ifndef _ASM_ASM_H
#define _ASM_ASM_H

#include <asm/compiler.h>
#include <asm/extable_fixup_types.h>

#define _ASM_EXTABLE_TYPE(from, to, type)      \
	" .pushsection \"__ex_table\",\"a\"\n" \
	" .balign 4\n"                         \
	" .long (" #from ") - .\n"             \
	" .long (" #to ") - .\n"               \
	" .long " __stringify(type) " \n"      \
				    " .popsection\n"

#define _ASM_EXTABLE(from, to) _ASM_EXTABLE_TYPE(from, to, EX_TYPE_DEFAULT)
#define _ASM_EXTABLE_FAULT(from, to) _ASM_EXTABLE_TYPE(from, to, EX_TYPE_FAULT)

#endif
