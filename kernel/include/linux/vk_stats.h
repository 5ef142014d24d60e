/* SPDX-License-Identifier: GPL-2.0-only */
/* What the machine counted, snapshotted at halt for --stats-json. */
#ifndef _LINUX_VK_STATS_H
#define _LINUX_VK_STATS_H

#include <asm/percpu.h>
#include <linux/traps.h>

struct vk_cpu_stats {
	unsigned long traps;
	unsigned long vector_count[32];
	unsigned long vmalloc_faults;
	unsigned long workload_ticks;
	struct selftest_result selftest[NR_TRAP_SELFTESTS];
	/* the NMI line (arch-sim) and nmi.c's nmi_stats */
	unsigned long nmi_received, nmi_taken, nmi_latches, nmi_lost;
	unsigned long nmi_latched_now, nmi_firsts, nmi_nested, nmi_repeats;
	unsigned long nmi_nested_out, nmi_corrupted, nmi_from_user;
	unsigned long nmi_normal, nmi_unknown, nmi_external, nmi_swallow;
	unsigned long nmi_restarts, nmi_idt_calls;
};

struct vk_stats {
	int nr_cpus;
	int exit_status;
	unsigned long long uptime_ns;
	int selftest_ok, selftest_failed, selftest_skipped;
	const char *hw_breakpoints;
	unsigned long printk_records, printk_dropped;
	unsigned long spurious_host_signals;
	unsigned long kallsyms;
	struct vk_cpu_stats cpu[NR_CPUS];
};

extern struct vk_stats vk_stats;
void vk_stats_snapshot(void);

#endif
