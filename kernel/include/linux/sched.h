/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <asm/fpu.h>
#include <asm/percpu.h>
#include <linux/ptrace.h>
#include <linux/signal.h>

#define TASK_COMM_LEN 16

struct thread_struct {
	unsigned long trap_nr;
	unsigned long error_code;
	unsigned long cr2;
	unsigned long virtual_dr6;
	struct fpu fpu;
};

/* A call of the task's that containment follows to its exit. */
struct task_contain {
	int open_exit; /* an open's exit is the next syscall stop */
	int compat; /* ... of an i386 open */
	int closing; /* closing what it opened: 1 entry next, 2 exit next */
	int deferred_sig; /* a signal that came meanwhile */
	struct user_saved_regs saved;
};

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];
	int user; /* a userland task, run by the supervisor */
	unsigned long long sigcgt; /* the signals it catches, bit sig-1 */
	/* print_vma_addr(): the mapping of the last trap's ip */
	char vma_name[64];
	unsigned long vma_start, vma_size, vma_offset;
	struct thread_struct thread;
	/* The signal the kernel decided this task gets (force_sig*). */
	struct kernel_siginfo pending;
	int has_pending;
	struct user_perf_bp perf_bp; /* the perf breakpoint that just fired */
	int tgid; /* 0 until asked (task_tgid) */
	int fresh; /* auto-attached: its first stop is not a group stop */
	int born; /* its parent's fork event was seen */
	int held_first_stop; /* ... not yet: the first stop waits for it */
	struct task_ptrace ptrace;
	struct task_contain contain;
};

DECLARE_PER_CPU(struct task_struct *, current_task);

static __always_inline struct task_struct *get_current(void)
{
	return this_cpu_read(current_task);
}

#define current get_current()

void init_idle(int cpu);
static __always_inline int task_pid_nr(struct task_struct *t)
{
	return t->pid;
}

#endif
