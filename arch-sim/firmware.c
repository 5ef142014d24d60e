// SPDX-License-Identifier: GPL-2.0-only
/* What the firmware tells the kernel about its own image. */
#include <stdlib.h>
#include <asm/sections.h>
#include <os.h>

int arch_image_symbols(struct image_symbol **syms, unsigned long *nr,
		       char **strtab)
{
	struct os_symbol *os_syms;
	struct image_symbol *out;
	unsigned long i, bias;
	int err;

	err = os_read_image_symbols(&os_syms, nr, strtab, &bias);
	if (err)
		return err;
	out = calloc(*nr ? *nr : 1, sizeof(*out));
	if (!out) {
		free(os_syms);
		free(*strtab);
		return -1;
	}
	for (i = 0; i < *nr; i++) {
		out[i].addr = os_syms[i].addr + bias;
		out[i].size = os_syms[i].size;
		out[i].name = *strtab + os_syms[i].name;
	}
	free(os_syms);
	*syms = out;
	return 0;
}

void arch_image_symbols_free(struct image_symbol *syms, char *strtab)
{
	free(syms);
	free(strtab);
}
