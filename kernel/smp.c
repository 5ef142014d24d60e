// SPDX-License-Identifier: GPL-2.0-only
/* Bringing CPUs up and stopping them, after kernel/smp.c and smpboot. */
#include <asm/cpu.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>

int nr_cpu_ids = 1;
static int stop_cpus;

int smp_init(void (*secondary_fn)(int cpu))
{
	int cpu, err;

	for (cpu = 1; cpu < nr_cpu_ids; cpu++) {
		init_idle(cpu);
		err = arch_cpu_up(cpu, secondary_fn);
		if (err) {
			pr_err("smpboot: CPU %d failed to start (%d)\n", cpu,
			       err);
			nr_cpu_ids = cpu;
			return err;
		}
	}
	return 0;
}

__nmisafe void smp_send_stop(void)
{
	__atomic_store_n(&stop_cpus, 1, __ATOMIC_RELEASE);
}

__nmisafe int cpu_should_stop(void)
{
	return __atomic_load_n(&stop_cpus, __ATOMIC_ACQUIRE);
}

void smp_wait_secondaries_offline(void)
{
	int cpu;

	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		arch_cpu_wait_offline(cpu);
}

__nmisafe int num_online_cpus(void)
{
	int cpu, n = 0;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		n += READ_ONCE(sim_cpus[cpu].online);
	return n;
}
