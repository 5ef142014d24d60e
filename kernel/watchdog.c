// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hard-lockup detector, after kernel/watchdog.c and
 * kernel/watchdog_perf.c: a per-CPU counter NMI every watchdog_thresh
 * seconds checks that the CPU's timer tick (hrtimer_interrupts) moved
 * since the last one; a CPU spinning with interrupts disabled does not
 * tick, and the NMI, which ignores IF, catches it.
 */
#include <asm/irqflags.h>
#include <asm/timex.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>

int watchdog_thresh = 10;
int hardlockup_panic;
static int watchdog_enabled;

static DEFINE_PER_CPU(unsigned long, hrtimer_interrupts);
static DEFINE_PER_CPU(unsigned long, hrtimer_interrupts_saved);
static DEFINE_PER_CPU(int, watchdog_hardlockup_warned);
static DEFINE_PER_CPU(unsigned long long, next_tick);
DEFINE_PER_CPU(unsigned long, hardlockups);

static __always_inline unsigned long long sample_period(void)
{
	/* the softlockup hrtimer: watchdog_thresh * 2 / 5 seconds */
	return watchdog_thresh * 400000000ULL;
}

/* watchdog_timer_fn() -> watchdog_hardlockup_kick(): the CPU's tick */
void watchdog_tick(void)
{
	unsigned long long now = local_clock();

	if (!watchdog_enabled || irqs_disabled() ||
	    now < this_cpu_read(next_tick))
		return;
	this_cpu_write(next_tick, now + sample_period());
	this_cpu_inc(hrtimer_interrupts);
}

static __nmisafe int is_hardlockup(unsigned int cpu)
{
	unsigned long hrint = READ_ONCE(per_cpu(hrtimer_interrupts, cpu));

	if (per_cpu(hrtimer_interrupts_saved, cpu) == hrint)
		return 1;

	/*
	 * NOTE: we don't need any fancy atomic_t or READ_ONCE/WRITE_ONCE
	 * for hrtimer_interrupts_saved. hrtimer_interrupts_saved is
	 * written/read by a single CPU.
	 */
	per_cpu(hrtimer_interrupts_saved, cpu) = hrint;

	return 0;
}

static __nmisafe void watchdog_hardlockup_check(unsigned int cpu,
						struct pt_regs *regs)
{
	/*
	 * Check for a hardlockup by making sure the CPU's timer
	 * interrupt is incrementing. The timer interrupt should have
	 * fired multiple times before we overflow'd. If it hasn't
	 * then this is a good indication the cpu is stuck
	 */
	if (is_hardlockup(cpu)) {
		/* Only print hardlockups once. */
		if (per_cpu(watchdog_hardlockup_warned, cpu))
			return;

		pr_emerg("Watchdog detected hard LOCKUP on cpu %d\n", cpu);
		per_cpu(hardlockups, cpu)++;
		if (regs)
			show_regs(regs);
		else
			dump_stack();

		if (hardlockup_panic)
			panic("Hard LOCKUP");

		per_cpu(watchdog_hardlockup_warned, cpu) = 1;
	} else {
		per_cpu(watchdog_hardlockup_warned, cpu) = 0;
	}
}

/* watchdog_overflow_callback(), called from the PMI's NMI handler */
static __nmisafe int watchdog_nmi_handler(unsigned int type,
					  struct pt_regs *regs)
{
	(void)type;
	if (!arch_pmu_overflowed())
		return NMI_DONE;
	watchdog_hardlockup_check(smp_processor_id(), regs);
	return NMI_HANDLED;
}

int watchdog_init(int thresh)
{
	if (thresh <= 0)
		return 0;
	watchdog_thresh = thresh;
	watchdog_enabled = 1;
	pr_info("NMI watchdog: Enabled. Permanently consumes one hw-PMU counter.\n");
	return register_nmi_handler(NMI_LOCAL, watchdog_nmi_handler, 0, "PMI");
}

int nmi_watchdog_running(void)
{
	return watchdog_enabled;
}

void watchdog_exit(void)
{
	if (watchdog_enabled)
		unregister_nmi_handler(NMI_LOCAL, "PMI");
	watchdog_enabled = 0;
}

/* watchdog_enable() on each CPU as it comes up, and the way down */
void watchdog_cpu_start(void)
{
	if (!watchdog_enabled)
		return;
	this_cpu_write(next_tick, 0);
	watchdog_tick();
	if (arch_pmu_watchdog_start(watchdog_thresh * 1000000000ULL))
		pr_warn("NMI watchdog: CPU%d: no counter\n",
			smp_processor_id());
}

void watchdog_cpu_stop(void)
{
	if (watchdog_enabled)
		arch_pmu_watchdog_stop();
}
