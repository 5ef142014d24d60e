/* SPDX-License-Identifier: GPL-2.0-only */
/* vkernel storm: the storm driver and the explorer (kernel/storm/). */
#ifndef _LINUX_STORM_H
#define _LINUX_STORM_H

#include <stddef.h>
#include <asm/bootparam.h>

/* On CPU 0 after the boot: run the storm or the explorer; exit status. */
int storm_main(const struct storm_params *p);
/* A CPU's idle loop while a storm runs: one step of its plan. */
int storm_running(void);
void storm_cpu_tick(int cpu);
void storm_cpu_tick_secondary(int cpu);
/* The explorer under libFuzzer (tests/fuzz/explore_fuzzer.c) */
int explore_fuzz_init(const struct storm_params *p);
int explore_fuzz_one(const unsigned char *data, size_t size);

#endif
