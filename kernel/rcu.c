// SPDX-License-Identifier: GPL-2.0-only
/* The grace period of linux/rcupdate.h. */
#include <asm/cpu.h>
#include <asm/timex.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>

DEFINE_PER_CPU(struct rcu_cpu, rcu_cpu_data);

void synchronize_rcu(void)
{
	unsigned long seen[NR_CPUS];
	int cpu;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		seen[cpu] = __atomic_load_n(&rcu_cpu_data[cpu].seq,
					    __ATOMIC_SEQ_CST);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct rcu_cpu *r = &rcu_cpu_data[cpu];

		if (cpu == smp_processor_id())
			continue;
		while (__atomic_load_n(&r->nesting, __ATOMIC_SEQ_CST) &&
		       __atomic_load_n(&r->seq, __ATOMIC_SEQ_CST) == seen[cpu])
			arch_msleep(1);
	}
}
