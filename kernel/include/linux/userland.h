/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_USERLAND_H
#define _LINUX_USERLAND_H

/* --trace traps: one line per exception a userland task takes */
extern int trace_traps;

/*
 * vkernel run: start argv as a userland task on CPU cpu, supervise it and
 * its children until the first one exits; its shell-style status.
 */
int userland_run(char *const argv[], int cpu);
/* The idle loop of CPU cpu: run the task if it was handed to this CPU. */
void userland_poll(int cpu);
/* Halt: kill every task (they never outlive the kernel). */
void userland_kill_all(void);

#endif
