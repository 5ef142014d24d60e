/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User mode of the simulated CPU: userland tasks are host processes under
 * ptrace, and a signal-delivery stop is the CPU noticing an exception in
 * user mode (arch-sim/user.c).
 */
#ifndef _ASM_USER_H
#define _ASM_USER_H

#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/signal.h>

enum user_event_kind {
	USER_EXITED, /* code: the exit status */
	USER_KILLED, /* sig: the signal that killed it */
	USER_SIGNAL, /* a signal reached the task: sig */
	USER_NEWTASK, /* new_pid was forked or cloned from pid */
	USER_OTHER, /* exec, group stop and the like: resume */
};

struct user_event {
	int pid;
	enum user_event_kind kind;
	int sig;
	int code;
	int new_pid;
	int group_stop;
};

struct user_fault {
	struct sim_trap trap;
	struct pt_regs regs;
	char comm[16];
	/* for the show_unhandled_signals line: the mapping of ip */
	char vma_name[64];
	unsigned long vma_start, vma_size;
	unsigned long long sigcgt; /* the signals the task catches, bit sig-1 */
};

int arch_user_spawn(char *const argv[], int *pid);
int arch_user_wait(struct user_event *ev);
/* Resume a stopped task; sig 0 delivers nothing. */
int arch_user_resume(int pid, int sig);
int arch_user_kill(int pid);
/*
 * Decode the exception behind a signal-delivery stop; -1 when the signal
 * is not an exception (kill(2), SIGCHLD, ...) and passes through as is.
 */
int arch_user_decode(int pid, int sig, struct user_fault *f);
/* Deliver the kernel's verdict in place of the host's signal. */
int arch_user_deliver(int pid, const struct kernel_siginfo *verdict);
/* Pin the calling CPU thread (and the tasks it forks) to one host CPU. */
int arch_user_pin(int cpu);

#endif
