/* SPDX-License-Identifier: GPL-2.0-only */
/* What the firmware (the command line and config file) hands the kernel. */
#ifndef _ASM_BOOTPARAM_H
#define _ASM_BOOTPARAM_H

#include <asm/debugreg.h>

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
	int trace_traps;
	int trace_ptrace;
	/* --uprobe PATH:OFFSET, or NULL */
	char *uprobe;
	/* --gdb: the listening socket the firmware opened (-1: none) */
	int gdb_fd;
	const char *gdb_spec;
	int gdb_wait;
};

#endif
