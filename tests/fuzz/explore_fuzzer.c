// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness of the storm's explorer: the input's bytes choose,
 * at each instrumentation point of the entry and NMI code the run
 * passes, whether to inject an NMI, a user-mode NMI, an int3, a single
 * step or a vmalloc fault there (kernel/storm/explore.c).  The whole
 * simulated CPU runs: the boot CPU alone, booted once.  A violation of
 * any invariant is printed with its schedule and is a crash.
 *
 * VKERNEL_FUZZ_NMI_ENTRY=naive and VKERNEL_FUZZ_NMI_BREAK=cr2,dr7,...
 * plant the broken variants, as vkernel's --nmi-entry and --nmi-break.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/storm.h>
#include <options.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct vk_options opt;

	(void)argc;
	(void)argv;
	opt.bp.nr_cpus = 1;
	opt.bp.quiet = 3;
	opt.bp.gdb_fd = -1;
	opt.bp.dr_backend = DR_BACKEND_AUTO;
	opt.bp.storm.explore = 1;
	opt.bp.storm.seed = 1;
	if (vk_apply_nmi_options(&opt, NULL, getenv("VKERNEL_FUZZ_NMI_ENTRY"),
				 getenv("VKERNEL_FUZZ_NMI_BREAK"), NULL))
		exit(2);
	if (start_kernel_explore_fuzz(&opt.bp)) {
		fprintf(stderr,
			"explore_fuzzer: the simulated CPU did not boot\n");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (explore_fuzz_one(data, size)) {
		console_flush_and_stop();
		abort();
	}
	return 0;
}
