// SPDX-License-Identifier: GPL-2.0-only
/*
 * kallsyms, after kernel/kallsyms.c: the image's function symbols, sorted
 * by address at boot and then only read, so a lookup is safe from any
 * context (a binary search, no allocation).
 */
#include <stdlib.h>
#include <string.h>
#include <asm/sections.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>

static struct image_symbol *syms;
static unsigned long nr_syms;
static char *strtab;

static int cmp_addr(const void *a, const void *b)
{
	const struct image_symbol *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* prefer the sized symbol when two names share an address */
	return x->size > y->size ? -1 : x->size < y->size;
}

int kallsyms_init(void)
{
	unsigned long i;
	int err = arch_image_symbols(&syms, &nr_syms, &strtab);

	if (err)
		return err;
	qsort(syms, nr_syms, sizeof(*syms), cmp_addr);
	/* asm labels have no size: they run to the next symbol */
	for (i = 0; i + 1 < nr_syms; i++) {
		if (!syms[i].size)
			syms[i].size = syms[i + 1].addr - syms[i].addr;
	}
	return 0;
}

void kallsyms_exit(void)
{
	arch_image_symbols_free(syms, strtab);
	syms = NULL;
	strtab = NULL;
	nr_syms = 0;
}

unsigned long kallsyms_nr_syms(void)
{
	return nr_syms;
}

__nmisafe const char *kallsyms_lookup(unsigned long addr,
				      unsigned long *symbolsize,
				      unsigned long *offset)
{
	unsigned long lo = 0, hi = nr_syms;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	/* among equal addresses the sort put the sized one first */
	while (lo > 1 && syms[lo - 2].addr == syms[lo - 1].addr)
		lo--;
	lo--;
	if (addr - syms[lo].addr >= (syms[lo].size ? syms[lo].size : 1))
		return NULL;
	if (symbolsize)
		*symbolsize = syms[lo].size;
	if (offset)
		*offset = addr - syms[lo].addr;
	return syms[lo].name;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long i;

	for (i = 0; i < nr_syms; i++) {
		if (!strcmp(syms[i].name, name))
			return syms[i].addr;
	}
	return 0;
}

__nmisafe int sprint_symbol(char *buffer, unsigned long address)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(address, &size, &offset);

	if (!name)
		return scnprintf(buffer, KSYM_SYMBOL_LEN, "0x%lx", address);
	return scnprintf(buffer, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name,
			 offset, size);
}

/* For a return address: the symbol of the call, the offset of the return. */
__nmisafe int sprint_backtrace(char *buffer, unsigned long address)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup(address - 1, &size, &offset);

	if (!name)
		return scnprintf(buffer, KSYM_SYMBOL_LEN, "0x%lx", address);
	return scnprintf(buffer, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name,
			 offset + 1, size);
}
