/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ptrace, emulated for userland tasks (kernel/ptrace.c): vkernel holds the
 * host tracer slot of every task, so a task that traces another one gets
 * this instead, as under rr.
 */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H

#include <asm/user.h>

/* include/uapi/linux/ptrace.h */
#define PTRACE_TRACEME 0
#define PTRACE_PEEKTEXT 1
#define PTRACE_PEEKDATA 2
#define PTRACE_PEEKUSR 3
#define PTRACE_POKETEXT 4
#define PTRACE_POKEDATA 5
#define PTRACE_POKEUSR 6
#define PTRACE_CONT 7
#define PTRACE_KILL 8
#define PTRACE_SINGLESTEP 9
#define PTRACE_GETREGS 12
#define PTRACE_SETREGS 13
#define PTRACE_GETFPREGS 14
#define PTRACE_SETFPREGS 15
#define PTRACE_ATTACH 16
#define PTRACE_DETACH 17
#define PTRACE_SYSCALL 24
#define PTRACE_SETOPTIONS 0x4200
#define PTRACE_GETEVENTMSG 0x4201
#define PTRACE_GETSIGINFO 0x4202
#define PTRACE_SETSIGINFO 0x4203
#define PTRACE_GETREGSET 0x4204
#define PTRACE_SETREGSET 0x4205
#define PTRACE_SEIZE 0x4206
#define PTRACE_INTERRUPT 0x4207
#define PTRACE_LISTEN 0x4208

#define PTRACE_EVENT_EXEC 4
#define PTRACE_EVENT_EXIT 6
#define PTRACE_EVENT_STOP 128

#define PTRACE_O_TRACESYSGOOD 1
#define PTRACE_O_TRACEEXEC 0x10
#define PTRACE_O_TRACEEXIT 0x40
#define PTRACE_O_EXITKILL 0x100000
#define PTRACE_O_MASK 0x3000ff

struct task_struct;

/* --trace ptrace: each emulated request, stop and wait on the console */
extern int trace_ptrace;

struct task_ptrace {
	int tracer; /* the emulated tracer's thread group; 0: not traced */
	int seized;
	int auto_attached; /* by a fork event: its first stop is reported */
	unsigned long options;
	enum user_resume how; /* what the tracer's last resume asked */
	int stopped; /* held in a stop for the tracer */
	int reported; /* ... whose status a wait has collected */
	int status; /* the wait status of that stop */
	int interrupt; /* PTRACE_INTERRUPT asked, its stop to come */
	int parent_is_tracer; /* else its exit is the tracer's to collect */
	int zombie; /* exited, its status not yet collected by the tracer */
	/* a tracer thread sent to the host's wait: a stop interrupts it */
	int in_host_wait;
	/* a tracer blocked in a wait on a tracee that is not its child */
	int waiting;
	struct user_syscall wait;
};

/* Resume t as vkernel does everywhere: as its tracer asked. */
void task_resume(struct task_struct *t, int sig);
/* Hold a traced task in a stop; report status to its tracer. */
void ptrace_stop(struct task_struct *t, int status);
/* A ptrace(2) call of t's, aimed inside the task tree. */
void ptrace_syscall(struct task_struct *t, const struct user_syscall *sc);
/* wait4/waitid/waitpid: 1 when emulation answered it or holds it. */
int ptrace_wait(struct task_struct *t, const struct user_syscall *sc);
/*
 * A task is gone (wait status): its tracees and its tracer's waits
 * follow.  1 when it stays a zombie for a tracer that is not its parent.
 */
int ptrace_task_gone(struct task_struct *t, int status);
/*
 * t forked child (event: PTRACE_EVENT_FORK, VFORK or CLONE): the child
 * inherits t's tracer when its options ask (TRACEFORK...), and t stops
 * for it; returns 1 when t was stopped so.
 */
int ptrace_fork(struct task_struct *t, struct task_struct *child, int event);
/* A new child's first stop: its (inherited) tracer's, or it runs. */
void ptrace_first_stop(struct task_struct *child);

static inline int ptrace_status(int sig, int event)
{
	return (sig | event << 8) << 8 | 0x7f;
}

#endif
