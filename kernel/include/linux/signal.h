/* SPDX-License-Identifier: GPL-2.0-only */
/* The verdict of a trap handler for a user task: a signal and its info. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <signal.h>

struct kernel_siginfo {
	int signo;
	int code;
	void *addr;
	int trapno;
	unsigned long error_code;
	unsigned long perf_data; /* TRAP_PERF: the event's sig_data */
	unsigned int perf_type; /* ... and its attr.type */
};

#ifndef TRAP_PERF
#define TRAP_PERF 6 /* include/uapi/asm-generic/siginfo.h */
#endif
int force_sig_perf(void *addr, unsigned int type, unsigned long sig_data);
/* A task's own perf breakpoints (kernel/events/hw_breakpoint.c). */
int hw_breakpoint_user_init(void);
void hw_breakpoint_user_exit(void);

int force_sig(int sig);
int force_sig_fault(int sig, int code, void *addr);
extern int show_unhandled_signals;
struct task_struct;
int unhandled_signal(struct task_struct *tsk, int sig);
const char *print_vma_addr(struct task_struct *tsk);

#endif
