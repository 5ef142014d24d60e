/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IDT of the simulated CPU, after arch/x86/include/asm/desc_defs.h.
 * A gate holds the entry point (a C function standing in for the asm
 * stub), its type, DPL and IST index; the CPU dispatches every vector it
 * raises through this table.
 */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <asm/ptrace.h>
#include <asm/trapnr.h>

enum {
	GATE_INTERRUPT = 0xE,
	GATE_TRAP = 0xF,
	GATE_CALL = 0xC,
	GATE_TASK = 0x5,
};

/* IST indices, arch/x86/include/asm/page_64_types.h. */
#define IST_INDEX_DF 0
#define IST_INDEX_NMI 1
#define IST_INDEX_DB 2
#define IST_INDEX_MCE 3
#define IST_INDEX_VC 4
#define N_EXCEPTION_STACKS 5

#define DPL0 0x0
#define DPL3 0x3

typedef void (*idtentry_t)(struct pt_regs *regs, unsigned long error_code);

struct idt_bits {
	unsigned char ist; /* 0: no IST; else IST index + 1 */
	unsigned char type;
	unsigned char dpl;
	unsigned char p;
};

typedef struct gate_struct {
	idtentry_t handler;
	unsigned short segment;
	struct idt_bits bits;
} gate_desc;

struct idt_data {
	unsigned int vector;
	unsigned int segment;
	struct idt_bits bits;
	idtentry_t addr;
};

extern gate_desc idt_table[NR_VECTORS];

void write_idt_entry(gate_desc *idt, int entry, const gate_desc *gate);
/* Loading the IDT checks every gate's entry point is NMI-safe text. */
int load_idt(void);

#endif
