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
};

int force_sig(int sig);
int force_sig_fault(int sig, int code, void *addr);
extern int show_unhandled_signals;
struct task_struct;
int unhandled_signal(struct task_struct *tsk, int sig);
const char *print_vma_addr(struct task_struct *tsk);

#endif
