// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdb's "monitor" commands (qRcmd), in the spirit of kdb's: the log, NMIs
 * on demand, each CPU's NMI counters and state, every CPU's backtrace,
 * tracing, and how a single step treats NMIs.  Output goes to gdb as
 * console output (O packets) while the kernel is stopped.
 */
#include <string.h>
#include <asm/cpu.h>
#include <asm/nmi_hw.h>
#include <asm/timex.h>
#include <asm/unwind.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/smp.h>

static char line[1024];
static char bt_buf[8192];
static int bt_len;

static __nmisafe __printf(1, 2) void mon_printf(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	gdbstub_msg_write(line, n);
}

static __nmisafe void mon_help(void)
{
	mon_printf(
		"vkernel monitor commands:\n"
		"  dmesg            the kernel log\n"
		"  nmi CPU|all      send an NMI (taken when the CPU runs again)\n"
		"  nmistat          each CPU's NMI counters and exc_nmi state\n"
		"  bt all           every CPU's backtrace at its stop\n"
		"  trace on|off     --trace nmi: log each NMI handler call\n"
		"  sstep [noirq|irq]  NMIs during a single step: held (default) or taken\n"
		"  help             this text\n");
}

static __nmisafe void mon_dmesg(void)
{
	unsigned long long seq = 0;
	int n;

	while ((n = kmsg_dump_get_line(&seq, line, sizeof(line))) > 0)
		gdbstub_msg_write(line, n);
}

static __nmisafe int parse_cpu(const char *s)
{
	int cpu = 0;

	if (!*s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		cpu = cpu * 10 + (*s - '0');
	return *s || cpu >= nr_cpu_ids ? -1 : cpu;
}

static __nmisafe void mon_nmi(const char *arg)
{
	int cpu = parse_cpu(arg), all = !strcmp(arg, "all");

	if (cpu < 0 && !all) {
		mon_printf("nmi: '%s' is not a CPU (0-%d) or all\n", arg,
			   nr_cpu_ids - 1);
		return;
	}
	for (int c = 0; c < nr_cpu_ids; c++) {
		if (!all && c != cpu)
			continue;
		if (apic_send_nmi(c))
			mon_printf("nmi: CPU %d is offline\n", c);
		else
			mon_printf(
				"nmi: sent to CPU %d, taken when it runs again\n",
				c);
	}
}

static __nmisafe void mon_nmistat(void)
{
	static const char *const states[] = { "NOT_RUNNING", "EXECUTING",
					      "LATCHED" };

	for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const struct nmi_line *n = &sim_cpus[cpu].nmi;
		const struct nmi_stats *k = nmi_cpu_stats(cpu);
		unsigned int st = per_cpu(nmi_state, cpu);

		mon_printf(
			"CPU%d: received %lu handled %u latched %lu lost %lu unknown %u swallowed %u nested %lu repeats %lu from_user %lu\n",
			cpu, n->received, k->normal, n->latches, n->lost,
			k->unknown, k->swallow, n->nested, n->repeats,
			n->from_user);
		mon_printf(
			"CPU%d: nmi_state=%s nmi_cr2=%#lx nmi_dr7=%#lx cr2=%#lx\n",
			cpu, st < 3 ? states[st] : "?", per_cpu(nmi_cr2, cpu),
			per_cpu(nmi_dr7, cpu), READ_ONCE(sim_cpus[cpu].cr2));
	}
}

/* This CPU's stack from regs, into bt_buf: the unwinder is CPU-local. */
static __nmisafe void backtrace_into_buf(struct pt_regs *regs)
{
	struct unwind_state state;
	char sym[KSYM_SYMBOL_LEN];
	int frames = 0;

	bt_len = 0;
	unwind_start(&state, regs);
	for (; !unwind_done(&state) && frames < 64;
	     unwind_next_frame(&state), frames++) {
		unsigned long ip = unwind_get_return_address(&state);

		if (frames)
			sprint_backtrace(sym, ip);
		else
			sprint_symbol(sym, ip);
		bt_len += scnprintf(bt_buf + bt_len, sizeof(bt_buf) - bt_len,
				    "  #%-2d %016lx %s\n", frames, ip, sym);
	}
}

/* DCPU_WANT_BT: a slave unwinds itself, the master waits. */
__nmisafe void kgdb_slave_backtrace(int cpu)
{
	backtrace_into_buf(kgdb_info[cpu].debuggerinfo);
}

static __nmisafe void mon_bt_all(struct kgdb_state *ks)
{
	for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct pt_regs *regs = kgdb_info[cpu].debuggerinfo;
		int wait = 2000;

		mon_printf("CPU %d:\n", cpu);
		if (!regs) {
			mon_printf("  not stopped in the debugger\n");
			continue;
		}
		if (cpu == ks->cpu) {
			backtrace_into_buf(regs);
		} else {
			bt_len = 0;
			__atomic_or_fetch(&kgdb_info[cpu].exception_state,
					  DCPU_WANT_BT, __ATOMIC_RELEASE);
			while ((__atomic_load_n(&kgdb_info[cpu].exception_state,
						__ATOMIC_ACQUIRE) &
				DCPU_WANT_BT) &&
			       --wait)
				udelay(1000);
		}
		gdbstub_msg_write(bt_buf, bt_len);
	}
}

static __nmisafe void mon_trace(int on)
{
	WRITE_ONCE(trace_nmi, on);
	mon_printf("trace: NMI handler calls %s\n",
		   on ? "logged (on the console)" : "not logged");
}

static __nmisafe void mon_sstep(const char *arg)
{
	if (!strcmp(arg, "noirq"))
		WRITE_ONCE(kgdb_sstep_noirq, 1);
	else if (!strcmp(arg, "irq"))
		WRITE_ONCE(kgdb_sstep_noirq, 0);
	else if (*arg) {
		mon_printf("sstep: '%s' is not noirq or irq\n", arg);
		return;
	}
	mon_printf("sstep: %s\n",
		   READ_ONCE(kgdb_sstep_noirq) ?
			   "noirq (NMIs wait until a step is done)" :
			   "irq (NMIs are taken during a step)");
}

__nmisafe void gdb_monitor(struct kgdb_state *ks, const char *cmd)
{
	if (!strcmp(cmd, "help") || !*cmd)
		mon_help();
	else if (!strcmp(cmd, "dmesg"))
		mon_dmesg();
	else if (!strncmp(cmd, "nmi ", 4))
		mon_nmi(cmd + 4);
	else if (!strcmp(cmd, "nmistat"))
		mon_nmistat();
	else if (!strcmp(cmd, "bt all"))
		mon_bt_all(ks);
	else if (!strcmp(cmd, "trace on") || !strcmp(cmd, "trace off"))
		mon_trace(cmd[7] == 'n');
	else if (!strcmp(cmd, "sstep") || !strncmp(cmd, "sstep ", 6))
		mon_sstep(cmd[5] ? cmd + 6 : "");
	else
		mon_printf("unknown monitor command '%s' (monitor help)\n",
			   cmd);
}
