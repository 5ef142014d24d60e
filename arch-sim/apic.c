// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPIs between simulated CPUs: an NMI IPI is the NMI signal sent with
 * tgkill to the target CPU's thread.  Other vectors have no devices yet.
 */
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/nmi_hw.h>

static __nmisafe void sim_send_IPI_mask(const cpumask_t *mask, int vector)
{
	cpumask_t m = __atomic_load_n(mask, __ATOMIC_ACQUIRE);
	int cpu;

	if (vector != NMI_VECTOR)
		return;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (m & (1ULL << cpu))
			apic_send_nmi(cpu);
	}
}

static __nmisafe void sim_send_IPI_self(int vector)
{
	if (vector == NMI_VECTOR)
		apic_send_nmi(smp_processor_id());
}

static struct apic sim_apic = {
	.send_IPI_mask = sim_send_IPI_mask,
	.send_IPI_self = sim_send_IPI_self,
};

struct apic *apic = &sim_apic;
