/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_EXTABLE_H
#define _LINUX_EXTABLE_H

#include <asm/ptrace.h>

struct exception_table_entry {
	int insn, fixup, data;
};

int sort_main_extable(void);
void free_main_extable(void);
int fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		    unsigned long fault_addr);
int ex_get_fixup_type(unsigned long ip);

#endif
