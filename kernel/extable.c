// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exception fixups, after arch/x86/mm/extable.c.  The __ex_table section
 * holds self-relative entries written by _ASM_EXTABLE*; at boot they are
 * resolved and sorted (upstream sorts at build time) into an array that
 * the fault path searches without locks.
 */
#include <stdlib.h>
#include <asm/asm.h>
#include <asm/sections.h>
#include <linux/extable.h>

struct ex_entry {
	unsigned long insn;
	unsigned long fixup;
	int type;
};

static struct ex_entry *main_extable;
static unsigned long main_extable_nr;

static int cmp_insn(const void *a, const void *b)
{
	const struct ex_entry *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

int sort_main_extable(void)
{
	const struct exception_table_entry *e =
		(const void *)__start___ex_table;
	unsigned long i,
		n = (__stop___ex_table - __start___ex_table) / sizeof(*e);

	main_extable = calloc(n ? n : 1, sizeof(*main_extable));
	if (!main_extable)
		return -1;
	for (i = 0; i < n; i++) {
		main_extable[i].insn = (unsigned long)&e[i].insn + e[i].insn;
		main_extable[i].fixup = (unsigned long)&e[i].fixup + e[i].fixup;
		main_extable[i].type = e[i].data & EX_DATA_TYPE_MASK;
	}
	qsort(main_extable, n, sizeof(*main_extable), cmp_insn);
	main_extable_nr = n;
	return 0;
}

void free_main_extable(void)
{
	free(main_extable);
	main_extable = NULL;
	main_extable_nr = 0;
}

static __nmisafe const struct ex_entry *
search_exception_tables(unsigned long ip)
{
	unsigned long lo = 0, hi = main_extable_nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (main_extable[mid].insn == ip)
			return &main_extable[mid];
		if (main_extable[mid].insn < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static __nmisafe int ex_handler_default(const struct ex_entry *e,
					struct pt_regs *regs)
{
	regs->ip = e->fixup;
	return 1;
}

static __nmisafe int ex_handler_fault(const struct ex_entry *e,
				      struct pt_regs *regs, int trapnr)
{
	regs->ax = trapnr;
	return ex_handler_default(e, regs);
}

__nmisafe int ex_get_fixup_type(unsigned long ip)
{
	const struct ex_entry *e = search_exception_tables(ip);

	return e ? e->type : EX_TYPE_NONE;
}

__nmisafe int fixup_exception(struct pt_regs *regs, int trapnr,
			      unsigned long error_code,
			      unsigned long fault_addr)
{
	const struct ex_entry *e = search_exception_tables(regs->ip);

	(void)error_code;
	(void)fault_addr;
	if (!e)
		return 0;
	switch (e->type) {
	case EX_TYPE_DEFAULT:
		return ex_handler_default(e, regs);
	case EX_TYPE_FAULT:
		return ex_handler_fault(e, regs, trapnr);
	}
	return 0;
}
