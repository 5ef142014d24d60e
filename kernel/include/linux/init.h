/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <asm/bootparam.h>

/* Exit statuses of the machine, documented in vkernel(1). */
#define VK_EXIT_HALT 0
#define VK_EXIT_SELFTEST 1
#define VK_EXIT_USAGE 2
#define VK_EXIT_PANIC 3

extern struct boot_params boot_params;

/*
 * Boot on the calling thread as CPU 0, run until a halt is requested,
 * halt, and return the machine's exit status.
 */
int start_kernel(const struct boot_params *params);
int start_kernel_explore_fuzz(const struct boot_params *params);

#endif
