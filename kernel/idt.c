// SPDX-License-Identifier: GPL-2.0-only
/* Interrupt descriptor table setup, after arch/x86/kernel/idt.c. */
#define pr_fmt(fmt) "IDT: " fmt
#include <asm/idtentry.h>
#include <asm/percpu.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/traps.h>

#define DEFAULT_STACK 0

/* clang-format off: laid out as upstream */
#define G(_vector, _addr, _ist, _type, _dpl, _segment)                   \
	{                                                                \
		.vector = _vector, .bits.ist = _ist, .bits.type = _type, \
		.bits.dpl = _dpl, .bits.p = 1, .addr = _addr,            \
		.segment = _segment,                                     \
	}
/* clang-format on */

/* Interrupt gate */
#define INTG(_vector, _addr) \
	G(_vector, _addr, DEFAULT_STACK, GATE_INTERRUPT, DPL0, __KERNEL_CS)

/* System interrupt gate */
#define SYSG(_vector, _addr) \
	G(_vector, _addr, DEFAULT_STACK, GATE_INTERRUPT, DPL3, __KERNEL_CS)

/* Interrupt gate with interrupt stack. The _ist index is the index in
 * the tss.ist[] array, but for the descriptor it needs to start at 1.
 */
#define ISTG(_vector, _addr, _ist) \
	G(_vector, _addr, _ist + 1, GATE_INTERRUPT, DPL0, __KERNEL_CS)

/*
 * Early traps running on the DEFAULT_STACK because the other interrupt
 * stacks work only after cpu_init().
 */
static const struct idt_data early_idts[] = {
	INTG(X86_TRAP_DB, asm_exc_debug),
	SYSG(X86_TRAP_BP, asm_exc_int3),
};

/*
 * The default IDT entries which are set up in trap_init() before
 * cpu_init() is invoked. Interrupt stacks cannot be used at that point and
 * the traps which use them are reinitialized with IST after cpu_init() has
 * set up TSS.
 */
static const struct idt_data def_idts[] = {
	INTG(X86_TRAP_DE, asm_exc_divide_error),
	ISTG(X86_TRAP_NMI, asm_exc_nmi, IST_INDEX_NMI),
	INTG(X86_TRAP_BR, asm_exc_bounds),
	INTG(X86_TRAP_UD, asm_exc_invalid_op),
	INTG(X86_TRAP_NM, asm_exc_device_not_available),
	INTG(X86_TRAP_OLD_MF, asm_exc_coproc_segment_overrun),
	INTG(X86_TRAP_TS, asm_exc_invalid_tss),
	INTG(X86_TRAP_NP, asm_exc_segment_not_present),
	INTG(X86_TRAP_SS, asm_exc_stack_segment),
	INTG(X86_TRAP_GP, asm_exc_general_protection),
	INTG(X86_TRAP_SPURIOUS, asm_exc_spurious_interrupt_bug),
	INTG(X86_TRAP_MF, asm_exc_coprocessor_error),
	INTG(X86_TRAP_AC, asm_exc_alignment_check),
	INTG(X86_TRAP_XF, asm_exc_simd_coprocessor_error),
	ISTG(X86_TRAP_DF, asm_exc_double_fault, IST_INDEX_DF),
	ISTG(X86_TRAP_DB, asm_exc_debug, IST_INDEX_DB),
	ISTG(X86_TRAP_MC, asm_exc_machine_check, IST_INDEX_MCE),
	SYSG(X86_TRAP_OF, asm_exc_overflow),
};

/* The #PF gate, after the early ones, as idt_setup_early_pf(). */
static const struct idt_data early_pf_idts[] = {
	INTG(X86_TRAP_PF, asm_exc_page_fault),
};

static void idt_setup_from_table(gate_desc *idt, const struct idt_data *t,
				 int size)
{
	gate_desc desc;

	for (; size > 0; t++, size--) {
		desc.handler = t->addr;
		desc.segment = t->segment;
		desc.bits = t->bits;
		write_idt_entry(idt, t->vector, &desc);
	}
}

void idt_setup_early_traps(void)
{
	idt_setup_from_table(idt_table, early_idts, ARRAY_SIZE(early_idts));
}

void idt_setup_traps(void)
{
	idt_setup_from_table(idt_table, def_idts, ARRAY_SIZE(def_idts));
}

void idt_setup_early_pf(void)
{
	idt_setup_from_table(idt_table, early_pf_idts,
			     ARRAY_SIZE(early_pf_idts));
}

/* No device raises an external vector yet: each lands here. */
DEFINE_IDTENTRY(spurious_interrupt)
{
	(void)regs;
	pr_info("spurious interrupt on CPU %d\n", smp_processor_id());
}

static void idt_setup_apic_and_irq_gates(void)
{
	int i;

	for (i = FIRST_EXTERNAL_VECTOR; i < NR_VECTORS; i++) {
		struct idt_data d = INTG(i, asm_spurious_interrupt);

		idt_setup_from_table(idt_table, &d, 1);
	}
}

void trap_init(void)
{
	int i, n = 0, ist = 0;

	idt_setup_early_traps();
	idt_setup_early_pf();
	idt_setup_traps();
	idt_setup_apic_and_irq_gates();
	for (i = 0; i < NR_VECTORS; i++) {
		n += idt_table[i].bits.p;
		ist += !!idt_table[i].bits.ist;
	}
	if (arch_trap_init())
		panic("IDT: a gate's entry point is not NMI-safe text");
	pr_info("%d gates present, %d on IST stacks (NMI #DB #MC #DF)\n", n,
		ist);
}

const char *trap_mnemonic(int vector)
{
	static const char *const names[32] = {
		"#DE", "#DB",  "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
		"#DF", "#MF9", "#TS", "#NP", "#SS", "#GP", "#PF", "#SPUR",
		"#MF", "#AC",  "#MC", "#XF", "#VE", "#CP",
	};

	if (vector < 0 || vector >= 32 || !names[vector])
		return "#??";
	return names[vector];
}
