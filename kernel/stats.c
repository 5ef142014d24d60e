// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>
#include <asm/cpu.h>
#include <asm/timex.h>
#include <asm/traps.h>
#include <linux/kallsyms.h>
#include <linux/nmi.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/vk_stats.h>

struct vk_stats vk_stats;
DECLARE_PER_CPU(unsigned long, vmalloc_fault_count);
DECLARE_PER_CPU(unsigned long, workload_ticks);

static void vk_stats_nmi(struct vk_cpu_stats *s, int cpu)
{
	const struct nmi_line *n = &sim_cpus[cpu].nmi;
	const struct nmi_stats *k = nmi_cpu_stats(cpu);

	s->nmi_received = n->received;
	s->nmi_taken = n->taken;
	s->nmi_latches = n->latches;
	s->nmi_lost = n->lost;
	s->nmi_latched_now = n->latched;
	s->nmi_firsts = n->firsts;
	s->nmi_nested = n->nested;
	s->nmi_repeats = n->repeats;
	s->nmi_nested_out = n->nested_out;
	s->nmi_corrupted = n->corrupted;
	s->nmi_from_user = n->from_user;
	s->nmi_normal = k->normal;
	s->nmi_unknown = k->unknown;
	s->nmi_external = k->external;
	s->nmi_swallow = k->swallow;
	s->nmi_restarts = k->restarts;
	s->nmi_idt_calls = k->idt_calls;
}

void vk_stats_snapshot(void)
{
	int cpu;

	vk_stats.nr_cpus = nr_cpu_ids;
	vk_stats.uptime_ns = local_clock();
	vk_stats.hw_breakpoints = debugreg_backend_name(debugreg_backend());
	vk_stats.printk_records = printk_records();
	vk_stats.printk_dropped = printk_dropped();
	vk_stats.spurious_host_signals = arch_spurious_host_signals();
	vk_stats.kallsyms = kallsyms_nr_syms();
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct vk_cpu_stats *s = &vk_stats.cpu[cpu];

		s->traps = sim_cpus[cpu].traps;
		memcpy(s->vector_count, sim_cpus[cpu].vector_count,
		       sizeof(s->vector_count));
		s->vmalloc_faults = per_cpu(vmalloc_fault_count, cpu);
		s->workload_ticks = per_cpu(workload_ticks, cpu);
		memcpy(s->selftest, traps_selftest_results(cpu),
		       sizeof(s->selftest));
		vk_stats_nmi(s, cpu);
	}
}
