/* SPDX-License-Identifier: GPL-2.0-only */
/* What the firmware (the command line and config file) hands the kernel. */
#ifndef _ASM_BOOTPARAM_H
#define _ASM_BOOTPARAM_H

#include <asm/debugreg.h>

/* vkernel storm (see vkernel-storm(1)): the kinds of --mix, in order */
enum storm_kind {
	STORM_NMI,
	STORM_INT3,
	STORM_DB,
	STORM_PF,
	STORM_MF,
	STORM_XF,
	STORM_USER,
	STORM_REG,
	STORM_GDB, /* not a CPU op: the storm's debugger, stops per second */
	NR_STORM_KINDS
};

struct storm_params {
	int on;
	int explore; /* the deterministic explorer, not host signals */
	unsigned long long seed;
	long long duration_ns; /* 0: until events */
	unsigned long long events; /* 0: until duration */
	unsigned int mix[NR_STORM_KINDS];
	unsigned long long rate; /* external NMIs per second, 0: flat out */
	int depth; /* explorer: most injections per schedule */
	int target; /* explorer: the invariant to find (0: any) */
	long long budget_ns; /* explorer: give up after this long */
	int quiet; /* no progress lines */
	char record[256]; /* where a failing schedule goes ("": default) */
	char schedule[4096]; /* explorer: replay this schedule exactly */
	char task[256]; /* the storm task's program (vkernel storm-task) */
};

struct boot_params {
	int nr_cpus;
	int quiet;
	int oops_test;
	/* Keep running after boot: 0 halt at once, <0 until a signal. */
	long long run_for_ns;
	enum dr_backend dr_backend;
	/* NMI scenario to run after boot ("" none), and broken variants */
	char nmi_scenario[32];
	int nmi_entry_naive;
	int nmi_break;
	/* unknown_nmi_panic, panic_on_unrecovered_nmi, panic_on_io_nmi */
	int nmi_panic;
	/* trigger_all_cpu_backtrace() once after boot */
	int backtrace;
	/* the NMI watchdog's period in seconds, 0 off */
	int watchdog_thresh;
	/* --trace nmi, --trace-json FILE */
	int trace_nmi;
	const char *trace_json;
	/* vkernel run: the program and its arguments, the CPU it runs on */
	char **run_argv;
	int run_cpu;
	int run_landlock; /* vkernel run --landlock auto (1) or off (0) */
	int trace_traps;
	int trace_ptrace;
	/* --uprobe PATH:OFFSET, or NULL */
	char *uprobe;
	/* --gdb: the listening socket the firmware opened (-1: none) */
	int gdb_fd;
	const char *gdb_spec;
	int gdb_wait;
	struct storm_params storm;
};

#endif
