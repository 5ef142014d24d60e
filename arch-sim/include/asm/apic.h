/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC's IPI side, after arch/x86/include/asm/apic.h. */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <asm/compiler.h>

#define NMI_VECTOR 0x02

/* A CPU mask: bit n is CPU n (NR_CPUS is 64). */
typedef unsigned long long cpumask_t;

struct apic {
	void (*send_IPI_mask)(const cpumask_t *mask, int vector);
	void (*send_IPI_self)(int vector);
};

extern struct apic *apic;

#endif
