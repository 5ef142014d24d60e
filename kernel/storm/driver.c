// SPDX-License-Identifier: GPL-2.0-only
/*
 * vkernel storm: the external NMI source (a thread that is no CPU, as an
 * NMI button or another socket's APIC would be), the CPUs' workloads,
 * and the controller that watches them: progress once a second, the
 * watchdog, the first violation, the end of the run.
 */
#define pr_fmt(fmt) "storm: " fmt
#include <asm/apic.h>
#include <asm/console.h>
#include <asm/flight.h>
#include <asm/timex.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include <linux/storm.h>
#include <linux/userland.h>
#include <linux/vmalloc.h>
#include "storm.h"

#define NSEC_PER_SEC 1000000000ULL
#define STUCK_MS 3000
/*
 * NMIs the source leaves queued for one CPU at most.  A held CPU (a
 * debugger stop) would otherwise queue tens of thousands of signals and
 * fill the host's per-user RLIMIT_SIGPENDING, refusing every other
 * program's realtime signals; a pin with 256 waiting is saturated anyway.
 */
#define STORM_IN_FLIGHT_MAX 256

static int storm_on, storm_stop, storm_ticking;
static unsigned long ext_sent;
static unsigned long account_base[NR_CPUS][STORM_ACCOUNT_WORDS];
static unsigned long long storm_start;

int storm_running(void)
{
	return __atomic_load_n(&storm_on, __ATOMIC_ACQUIRE);
}

int storm_stopping(void)
{
	return __atomic_load_n(&storm_stop, __ATOMIC_ACQUIRE);
}

/* The external source: singles and bursts to random CPUs, paced by --rate. */
static void storm_sender(void *arg)
{
	struct storm_rng rng;
	unsigned long long rate = storm_p->rate, t0 = local_clock();

	(void)arg;
	storm_rng_seed(&rng, storm_p->seed, STREAM_SENDER);
	while (!storm_stopping() && storm_p->mix[STORM_NMI]) {
		unsigned long long r = storm_rand(&rng);
		int cpu = (int)(r % nr_cpu_ids);
		int burst = (r >> 32) & 3 ? 1 : 2 + (int)((r >> 40) % 7), i;

		for (i = 0; i < burst; i++) {
			if (apic_nmis_in_flight(cpu) >= STORM_IN_FLIGHT_MAX ||
			    apic_send_nmi(cpu))
				arch_msleep(1); /* the CPU's queue is full */
			else
				__atomic_add_fetch(&ext_sent, 1,
						   __ATOMIC_RELAXED);
		}
		while (rate && !storm_stopping() &&
		       local_clock() - t0 < ext_sent * NSEC_PER_SEC / rate)
			arch_msleep(1);
	}
}

struct storm_totals {
	unsigned long kind[NR_STORM_KINDS];
	unsigned long events;
	unsigned long progress[NR_CPUS];
};

static void storm_totals(struct storm_totals *t)
{
	int cpu, k;

	memset(t, 0, sizeof(*t));
	t->kind[STORM_NMI] = __atomic_load_n(&ext_sent, __ATOMIC_RELAXED);
	t->kind[STORM_GDB] =
		__atomic_load_n(&storm_gdb_stops, __ATOMIC_RELAXED);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct storm_cpu *c = &storm_cpus[cpu];

		for (k = 0; k < NR_STORM_KINDS; k++)
			t->kind[k] +=
				READ_ONCE(c->ops[k]) + READ_ONCE(c->nmi_ops[k]);
		t->progress[cpu] = READ_ONCE(c->progress);
	}
	for (k = 0; k < NR_STORM_KINDS; k++)
		t->events += t->kind[k];
}

static void storm_progress(const struct storm_totals *t,
			   const struct storm_totals *last, int secs)
{
	char line[300];
	size_t len;
	int k;

	len = scnprintf(line, sizeof(line), "%3ds %9lu events/s ", secs,
			t->events - last->events);
	for (k = 0; k < NR_STORM_KINDS; k++)
		len += scnprintf(line + len, sizeof(line) - len, " %s %lu",
				 storm_kind_names[k], t->kind[k]);
	pr_notice("%s  violations %d\n", line, storm_failed());
}

/*
 * The watchdog: every CPU must move, in its workload or its NMI handler.
 * A debugger stop holds them all: it touches the watchdog, as kgdb does.
 */
static void storm_watchdog(const struct storm_totals *t,
			   unsigned long long *moved)
{
	static unsigned long last[NR_CPUS];
	unsigned long long now = local_clock();
	int cpu, held = READ_ONCE(kgdb_active) != -1;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (t->progress[cpu] != last[cpu] || !moved[cpu] || held) {
			last[cpu] = t->progress[cpu];
			moved[cpu] = now;
		} else if (now - moved[cpu] > STUCK_MS * 1000000ULL) {
			storm_fail(NMI_CHK_STUCK, cpu,
				   (now - moved[cpu]) / 1000000ULL, 0);
		}
	}
}

static int storm_done(const struct storm_totals *t, unsigned long long now)
{
	if (storm_failed() || system_state == SYSTEM_PANIC)
		return 1;
	if (storm_p->duration_ns &&
	    now - storm_start >= (unsigned long long)storm_p->duration_ns)
		return 1;
	return storm_p->events && t->events >= storm_p->events;
}

static void storm_record_failure(unsigned long events)
{
	char body[64];

	scnprintf(body, sizeof(body), "events-at-violation %lu\n", events);
	storm_print_violation();
	pr_err("seed %llu; the schedule is in %s (vkernel storm --replay %s)\n",
	       storm_p->seed, storm_p->record, storm_p->record);
	storm_print_flight(nr_cpu_ids);
	if (storm_write_schedule(storm_p->record, body))
		pr_err("cannot write %s\n", storm_p->record);
}

/* A CPU that will never come back cannot be halted: report, power off. */
static void storm_give_up(unsigned long events)
{
	storm_record_failure(events);
	console_flush_and_stop();
	arch_power_off_now(1);
}

static void storm_controller(void *arg)
{
	struct storm_totals t, last = { 0 };
	unsigned long long moved[NR_CPUS] = { 0 }, now, next_tick;
	int secs = 0;

	(void)arg;
	next_tick = storm_start + NSEC_PER_SEC;
	for (;;) {
		if (arch_power_button_wait(10))
			break;
		storm_totals(&t);
		now = local_clock();
		storm_watchdog(&t, moved);
		if (storm_failed() && storm_violation.kind == NMI_CHK_STUCK)
			storm_give_up(t.events);
		if (system_state == SYSTEM_PANIC)
			storm_fail(NMI_CHK_CRASH, -1, 0, 0);
		if (storm_done(&t, now))
			break;
		if (now >= next_tick) {
			if (!storm_p->quiet)
				storm_progress(&t, &last, ++secs);
			last = t;
			next_tick += NSEC_PER_SEC;
		}
	}
	__atomic_store_n(&storm_stop, 1, __ATOMIC_RELEASE);
}

/* Wait for the CPUs to leave their ticks and the pins to go quiet. */
static void storm_quiesce(void)
{
	unsigned long long until = local_clock() + 2 * NSEC_PER_SEC;
	int cpu, busy;

	do {
		busy = __atomic_load_n(&storm_ticking, __ATOMIC_ACQUIRE);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
			const struct sim_cpu *c = &sim_cpus[cpu];
			const struct nmi_line *n = &c->nmi;

			busy += __atomic_load_n(&n->sent, __ATOMIC_ACQUIRE) !=
					n->received ||
				READ_ONCE(n->blocked) ||
				READ_ONCE(n->latched) ||
				READ_ONCE(c->user_nmis);
		}
		if (busy)
			arch_msleep(1);
	} while (busy && local_clock() < until);
}

void storm_cpu_tick_secondary(int cpu)
{
	__atomic_add_fetch(&storm_ticking, 1, __ATOMIC_ACQ_REL);
	if (storm_running() && !storm_stopping())
		storm_cpu_tick(cpu);
	__atomic_sub_fetch(&storm_ticking, 1, __ATOMIC_ACQ_REL);
}

static void storm_summary(const struct storm_totals *t)
{
	unsigned long long ns = local_clock() - storm_start;
	int cpu;

	pr_notice(
		"seed %llu, %d CPUs, %llu.%01llu s, %lu events (%llu/s), NMI entry %s\n",
		storm_p->seed, nr_cpu_ids, ns / NSEC_PER_SEC,
		ns % NSEC_PER_SEC / 100000000ULL, t->events,
		ns ? t->events * NSEC_PER_SEC / ns : 0,
		nmi_entry_kind == NMI_ENTRY_NAIVE ? "naive" : "upstream");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct nmi_line *n = &sim_cpus[cpu].nmi;
		const unsigned long *b = account_base[cpu];
		const struct nmi_stats *k = nmi_cpu_stats(cpu);

		pr_notice(
			"CPU%d: NMIs sent %lu received %lu taken %lu lost %lu; passes %lu merged %lu; nested %lu repeats %lu from user %lu; handler calls %lu\n",
			cpu, n->sent - b[0], n->received - b[1],
			n->taken - b[2], n->lost - b[3], k->passes - b[4],
			k->merged + n->nested_out + n->nested_merged - b[5],
			n->nested, n->repeats, n->from_user,
			storm_cpus[cpu].handler_calls);
	}
	if (storm_p->mix[STORM_GDB])
		pr_notice(
			"debugger: %lu stops, each held every CPU and let them go\n",
			storm_gdb_stops);
	if (!storm_dr_ok)
		pr_warn("the host's debug registers do not fire: DR7 was checked, the watchpoint hits were not\n");
}

static long vmalloc_base;

static int storm_start_run(void)
{
	int cpu;

	storm_gdb_stops = 0;
	vmalloc_base = vmalloc_pages_live();
	if (flight_alloc(nr_cpu_ids) || storm_work_init(nr_cpu_ids, 0)) {
		pr_err("out of memory\n");
		return -1;
	}
	storm_go = 0;
	__atomic_store_n(&storm_on, 1, __ATOMIC_RELEASE);
	/* the watchpoints first, while no NMI flies */
	storm_cpu_tick(0);
	for (cpu = 1; cpu < nr_cpu_ids; cpu++) {
		while (!__atomic_load_n(&storm_cpus[cpu].armed,
					__ATOMIC_ACQUIRE))
			arch_msleep(1);
	}
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		storm_account_base(cpu, account_base[cpu]);
	storm_fail_reset();
	nmi_check_start(storm_fail);
	storm_start = local_clock();
	__atomic_store_n(&storm_go, 1, __ATOMIC_RELEASE);
	return 0;
}

/* Handlers, vmalloc pages and userland tasks: as many as before the run. */
static void storm_check_leaks(void)
{
	long pages = vmalloc_pages_live() - vmalloc_base;
	int handlers = (int)storm_handlers_registered();
	int tasks = userland_tasks_live();

	if (handlers)
		storm_fail(NMI_CHK_LEAK, -1, handlers, 1);
	else if (pages)
		storm_fail(NMI_CHK_LEAK, -1, pages, 2);
	else if (tasks)
		storm_fail(NMI_CHK_LEAK, -1, tasks, 3);
}

static int storm_run(void)
{
	struct storm_totals t;
	void *sender, *controller, *debugger = NULL;
	int cpu;

	if (storm_start_run())
		return 1;
	if (arch_kthread_run(storm_controller, NULL, &controller) ||
	    arch_kthread_run(storm_sender, NULL, &sender) ||
	    (storm_p->mix[STORM_GDB] && boot_params.gdb_fd >= 0 &&
	     arch_kthread_run(storm_debugger, NULL, &debugger)))
		panic("storm: cannot start its threads");
	while (!storm_stopping())
		storm_cpu_tick(0);
	__atomic_store_n(&storm_on, 0, __ATOMIC_RELEASE);
	arch_kthread_join(sender);
	arch_kthread_join(controller);
	if (debugger)
		arch_kthread_join(debugger);
	storm_quiesce();
	for (cpu = 0; cpu < nr_cpu_ids && !storm_failed(); cpu++)
		storm_account(cpu, account_base[cpu]);
	nmi_check_stop();
	storm_totals(&t);
	storm_summary(&t);
	storm_work_exit(nr_cpu_ids);
	storm_check_leaks();
	if (storm_failed())
		storm_record_failure(t.events);
	else
		pr_notice("no invariant broken\n");
	flight_free();
	return storm_failed() ? 1 : 0;
}

int storm_main(const struct storm_params *p)
{
	storm_p = p;
	if (p->explore)
		return explore_main(p);
	return storm_run();
}
