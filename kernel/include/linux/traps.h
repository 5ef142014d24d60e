/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_TRAPS_H
#define _LINUX_TRAPS_H

#include <asm/ptrace.h>

void trap_init(void);
void idt_setup_traps(void);
void idt_setup_early_traps(void);
void idt_setup_early_pf(void);
const char *trap_mnemonic(int vector);

/* Boot self-test of every exception class, run on each CPU. */
enum selftest_status { ST_NOT_RUN, ST_OK, ST_FAILED, ST_SKIPPED };

struct selftest_result {
	const char *mnemonic;
	int vector;
	const char *what;
	enum selftest_status status;
	char detail[160];
};

#define NR_TRAP_SELFTESTS 9

int traps_selftest_init(void);
void traps_selftest_exit(void);
void traps_selftest_cpu(int cpu);
const struct selftest_result *traps_selftest_results(int cpu);
void traps_selftest_report(int nr_cpus, int *ok, int *failed, int *skipped);

/* The --oops-test: an unhandled kernel int3, a few frames deep. */
void oops_test(void);

#endif
