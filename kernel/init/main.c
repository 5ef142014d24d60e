// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot, after init/main.c: start_kernel() on the boot CPU, secondaries
 * brought up by smp_init(), then the exception self-test on every CPU.
 */
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/pgtable.h>
#include <asm/trace_buf.h>
#include <asm/timex.h>
#include <asm/traps.h>
#include <linux/extable.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/nmi_scenarios.h>
#include <asm/nmi_hw.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/storm.h>
#include <linux/traps.h>
#include <linux/uprobes.h>
#include <linux/userland.h>
#include <linux/vk_stats.h>
#include <linux/vmalloc.h>

struct boot_params boot_params;
static int selftest_done;

int workload_init(void);
void workload_exit(void);
void cpu_startup_entry(int cpu, unsigned long long deadline_ns);

static void start_secondary(int cpu)
{
	if (arch_cpu_park_setup())
		return; /* parked dead: only leave */
	pr_info("smpboot: CPU %d is up\n", cpu);
	traps_selftest_cpu(cpu);
	__atomic_add_fetch(&selftest_done, 1, __ATOMIC_RELEASE);
	watchdog_cpu_start();
	cpu_startup_entry(cpu, 0);
	watchdog_cpu_stop();
}

static void wait_for_selftests(void)
{
	while (__atomic_load_n(&selftest_done, __ATOMIC_ACQUIRE) < nr_cpu_ids &&
	       !cpu_should_stop())
		arch_msleep(1);
}

static void log_hw_breakpoints(void)
{
	enum dr_backend b = debugreg_backend();

	if (b == DR_BACKEND_PERF)
		pr_info("hw-breakpoint: DR0-3/DR7 backed by perf breakpoints of each CPU thread\n");
	else if (b == DR_BACKEND_PTRACE)
		pr_info("hw-breakpoint: DR0-3/DR7 backed by a ptrace helper (u_debugreg)\n");
	else
		pr_warn("hw-breakpoint: unavailable: %s\n",
			debugreg_unavailable_reason());
}

static int setup_arch(void)
{
	if (kallsyms_init())
		pr_warn("kallsyms: no symbol table, traces will be raw\n");
	else
		pr_info("kallsyms: %lu symbols from the vkernel image\n",
			kallsyms_nr_syms());
	if (sort_main_extable())
		return -1;
	if (vmalloc_init())
		return -1;
	pr_info("vmalloc: %lu MiB at 0x%lx\n",
		(VMALLOC_END - VMALLOC_START) >> 20, VMALLOC_START);
	debugreg_init(boot_params.dr_backend);
	log_hw_breakpoints();
	trap_init();
	return 0;
}

/* --gdb: kgdboc on the debug port; --wait-gdb stops here (kgdbwait) */
static int kgdb_start(const struct boot_params *params)
{
	pr_notice("KGDB: gdb stub listening on %s%s\n", params->gdb_spec,
		  params->gdb_wait ? ", boot waits for gdb" : "");
	return kgdboc_init(params->gdb_fd, params->gdb_wait);
}

static int selftest_summary(void)
{
	int ok, failed, skipped;

	traps_selftest_report(nr_cpu_ids, &ok, &failed, &skipped);
	vk_stats.selftest_ok = ok;
	vk_stats.selftest_failed = failed;
	vk_stats.selftest_skipped = skipped;
	if (failed)
		pr_err("traps-selftest: %d ok, %d FAILED, %d skipped on %d CPUs\n",
		       ok, failed, skipped, nr_cpu_ids);
	else
		pr_info("traps-selftest: %d ok, %d failed, %d skipped on %d CPUs\n",
			ok, failed, skipped, nr_cpu_ids);
	return failed ? VK_EXIT_SELFTEST : VK_EXIT_HALT;
}

/* At halt: each CPU's NMI counters (vkernel-nmi(7) says how they add up). */
static void nmi_report(void)
{
	unsigned long refused = 0;
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct nmi_line *n = &sim_cpus[cpu].nmi;
		const struct nmi_stats *k = nmi_cpu_stats(cpu);

		pr_info("nmi: CPU%d: received %lu handled %u latched %lu lost %lu unknown %u swallowed %u external %u restarts %lu nested %lu repeats %lu\n",
			cpu, n->received, k->normal, n->latches, n->lost,
			k->unknown, k->swallow, k->external, k->restarts,
			n->nested, n->repeats);
		refused += n->refused;
	}
	/* the host, not the simulation: say so, or it reads as a lost NMI */
	if (refused)
		pr_warn("nmi: the host refused %lu NMI IPI(s): this user's queued realtime signals reached vkernel's RLIMIT_SIGPENDING (ulimit -i)\n",
			refused);
}

static void teardown(void)
{
	watchdog_exit();
	unregister_nmi_cpu_backtrace_handler();
	traps_selftest_exit();
	workload_exit();
	arch_trap_exit();
	debugreg_exit();
	vmalloc_exit();
	free_main_extable();
}

static unsigned long long run_deadline(void)
{
	if (boot_params.run_for_ns < 0)
		return 0;
	/* 1 ns past now at least, so 0 still means "no deadline" */
	return local_clock() + boot_params.run_for_ns + 1;
}

/* vkernel run: the program's status is the machine's */
static int run_program(const struct boot_params *params)
{
	int status;

	if (params->uprobe && uprobe_register_spec(params->uprobe))
		pr_err("uprobe: cannot register %s\n", params->uprobe);
	status = userland_run(params->run_argv, params->run_cpu);
	uprobe_unregister_all();
	return status;
}

/* The command line's switches, where the kernel keeps them. */
static void boot_switches(const struct boot_params *params)
{
	boot_params = *params;
	nr_cpu_ids = params->nr_cpus;
	nmi_entry_kind = params->nmi_entry_naive ? NMI_ENTRY_NAIVE :
						   NMI_ENTRY_UPSTREAM;
	nmi_break = params->nmi_break;
	nmi_latch_broken = !!(params->nmi_break & NMI_BREAK_LATCH);
	nmi_restore_broken = !!(params->nmi_break & NMI_BREAK_EXECUTING);
	trace_nmi = params->trace_nmi;
	trace_traps = params->trace_traps;
	trace_ptrace = params->trace_ptrace;
	unknown_nmi_panic = !!(params->nmi_panic & NMI_PANIC_UNKNOWN);
	panic_on_unrecovered_nmi =
		!!(params->nmi_panic & NMI_PANIC_UNRECOVERED);
	panic_on_io_nmi = !!(params->nmi_panic & NMI_PANIC_IO);
}

/* The boot CPU, its console and the architecture, before anything runs. */
static int boot_cpu0(const struct boot_params *params)
{
	if (params->trace_json && trace_buf_alloc(params->nr_cpus))
		return VK_EXIT_PANIC;
	arch_clock_init();
	if (arch_cpu_init_this(0))
		return VK_EXIT_PANIC;
	init_idle(0);
	if (printk_init(params->quiet == 3 ? CONSOLE_LOGLEVEL_NOTICE :
			params->quiet > 1  ? CONSOLE_LOGLEVEL_SILENT :
			params->quiet	   ? CONSOLE_LOGLEVEL_QUIET :
					     CONSOLE_LOGLEVEL_DEFAULT))
		return VK_EXIT_PANIC;
	pr_notice("vkernel version %s: simulated x86-64, %d CPUs\n",
		  UTS_RELEASE, nr_cpu_ids);
	if (setup_arch())
		panic("boot: out of memory");
	return 0;
}

/*
 * A libFuzzer harness drives the explorer: the boot CPU alone, up to the
 * point where the explorer can run one schedule after another.
 */
int start_kernel_explore_fuzz(const struct boot_params *params)
{
	int status;

	boot_switches(params);
	status = boot_cpu0(params);
	if (status)
		return status;
	system_state = SYSTEM_RUNNING;
	return explore_fuzz_init(&params->storm);
}

int start_kernel(const struct boot_params *params)
{
	volatile int status = VK_EXIT_HALT;

	boot_switches(params);
	status = boot_cpu0(params);
	if (status)
		return status;
	if (traps_selftest_init() || workload_init() ||
	    register_nmi_cpu_backtrace_handler() ||
	    watchdog_init(params->watchdog_thresh))
		panic("boot: out of memory");
	if (arch_cpu_park_setup())
		goto halt; /* this CPU panicked */
	if (params->gdb_fd >= 0 && kgdb_start(params))
		panic("kgdb: cannot start the debug port");
	smp_init(start_secondary);
	pr_info("smp: Brought up 1 node, %d CPUs\n", nr_cpu_ids);
	traps_selftest_cpu(0);
	__atomic_add_fetch(&selftest_done, 1, __ATOMIC_RELEASE);
	wait_for_selftests();
	status = selftest_summary();
	/* a storm tests the NMI code itself, planted bugs and all */
	if (!params->storm.on && nmi_selftest())
		status = VK_EXIT_SELFTEST;
	watchdog_cpu_start();
	if (params->nmi_scenario[0] && nmi_run_scenarios(params->nmi_scenario))
		status = VK_EXIT_SELFTEST;
	if (params->backtrace)
		trigger_all_cpu_backtrace();
	system_state = SYSTEM_RUNNING;
	if (params->oops_test)
		oops_test();
	if (params->storm.on)
		status = status ? status : storm_main(&params->storm);
	else if (params->run_argv)
		status = run_program(params);
	else if (params->run_for_ns)
		cpu_startup_entry(0, run_deadline());
halt:
	watchdog_cpu_stop();
	smp_send_stop();
	smp_wait_secondaries_offline();
	kgdboc_exit();
	nmi_report();
	kernel_halt();
	if (system_state == SYSTEM_PANIC)
		status = VK_EXIT_PANIC;
	vk_stats.exit_status = status;
	vk_stats_snapshot();
	if (params->trace_json && trace_json_write(params->trace_json))
		pr_err("trace: cannot write %s\n", params->trace_json);
	trace_buf_free();
	console_flush_and_stop();
	teardown();
	kallsyms_exit();
	arch_cpu_exit_this();
	return status;
}
