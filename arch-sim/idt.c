// SPDX-License-Identifier: GPL-2.0-only
/* The IDT register and table of the simulated CPU. */
#include <errno.h>
#include <asm/desc.h>

gate_desc idt_table[NR_VECTORS];

void write_idt_entry(gate_desc *idt, int entry, const gate_desc *gate)
{
	idt[entry] = *gate;
}

/*
 * Entry points run in signal context, so each must be NMI-safe text;
 * refusing the load here catches a handler the static check cannot see.
 */
int load_idt(void)
{
	int i;

	for (i = 0; i < NR_VECTORS; i++) {
		if (idt_table[i].bits.p &&
		    !nmisafe_text_contains((void *)idt_table[i].handler))
			return -EINVAL;
	}
	return 0;
}
