// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a CPU does once booted: a kernel workload (a checksum over its own
 * vmalloc buffer and a claimed int3 now and then, so exceptions keep
 * flowing), then the idle instruction, until it is asked to stop.  CPU 0
 * also watches the power button (SIGINT/SIGTERM) and the --run-for clock.
 */
#include <asm/cpu.h>
#include <asm/timex.h>
#include <asm/nmi_reason.h>
#include <linux/int3.h>
#include <linux/nmi.h>
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/storm.h>
#include <linux/userland.h>
#include <linux/vmalloc.h>

#define WORK_PAGES 4
#define WORK_INT3_EVERY 64

DEFINE_PER_CPU(unsigned long, workload_ticks);
DEFINE_PER_CPU(unsigned long, workload_sum);
static DEFINE_PER_CPU(unsigned long *, work_buf);
extern const char workload_int3_insn[];

static __nmisafe int workload_int3(struct int3_hook *hook, struct pt_regs *regs)
{
	(void)hook;
	(void)regs;
	return 1;
}

static struct int3_hook workload_hook = { .handler = workload_int3 };

int workload_init(void)
{
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		per_cpu(work_buf, cpu) = vmalloc(WORK_PAGES * 4096);
		if (!per_cpu(work_buf, cpu))
			return -1;
	}
	workload_hook.addr = (unsigned long)workload_int3_insn;
	return register_int3_hook(&workload_hook);
}

void workload_exit(void)
{
	int cpu;

	unregister_int3_hook(&workload_hook);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		vfree(per_cpu(work_buf, cpu));
		per_cpu(work_buf, cpu) = NULL;
	}
}

static __attribute__((noinline)) void kernel_workload_tick(void)
{
	unsigned long *buf = this_cpu_read(work_buf);
	unsigned long tick = this_cpu_inc_return(workload_ticks);
	unsigned long sum = 0, i, n = WORK_PAGES * 4096 / sizeof(*buf);

	for (i = tick % 8; i < n; i += 8) {
		buf[i] += tick;
		sum += buf[i];
	}
	this_cpu_write(workload_sum, sum);
	if (tick % WORK_INT3_EVERY == 0)
		asm volatile(".globl workload_int3_insn\n"
			     "workload_int3_insn:\n\tint3" ::
				     : "memory");
}

void cpu_startup_entry(int cpu, unsigned long long deadline_ns)
{
	while (!cpu_should_stop()) {
		if (storm_running()) {
			storm_cpu_tick_secondary(cpu);
			continue;
		}
		userland_poll(cpu);
		kernel_workload_tick();
		watchdog_tick();
		if (arch_cpu_idle() && cpu == 0)
			ctrl_alt_del();
		if (cpu == 0 && deadline_ns && local_clock() >= deadline_ns)
			ctrl_alt_del();
		/* sysrq-l, pressed from outside (vkernel nmi --backtrace) */
		if (cpu == 0 && platform_take_sysrq() == PLATFORM_SYSRQ_L)
			trigger_all_cpu_backtrace();
	}
}
