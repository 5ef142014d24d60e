/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <stddef.h>

#define KSYM_NAME_LEN 512
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 64)

int kallsyms_init(void);
void kallsyms_exit(void);
unsigned long kallsyms_nr_syms(void);
/* The symbol containing addr: its name, size and offset, or NULL. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);
/* "func+0x1f/0x40", or the address in hex. */
int sprint_symbol(char *buffer, unsigned long address);
int sprint_backtrace(char *buffer, unsigned long address);

#endif
