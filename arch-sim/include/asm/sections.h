/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

/* A symbol of the running vkernel image, at its run-time address. */
struct image_symbol {
	unsigned long addr;
	unsigned long size;
	const char *name;
};

/*
 * The image's function symbols, read by the firmware from the ELF file;
 * the array is the caller's to free with arch_image_symbols_free().
 */
int arch_image_symbols(struct image_symbol **syms, unsigned long *nr,
		       char **strtab);
void arch_image_symbols_free(struct image_symbol *syms, char *strtab);

/* weak: an image without entries has no section and no symbols */
extern char __start___ex_table[] __attribute__((weak));
extern char __stop___ex_table[] __attribute__((weak));
extern char __start___bug_table[] __attribute__((weak));
extern char __stop___bug_table[] __attribute__((weak));

#endif
