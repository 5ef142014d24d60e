/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_USERLAND_H
#define _LINUX_USERLAND_H

#include <linux/sched.h>

#define USERLAND_MAX_TASKS 4096
extern struct task_struct userland_tasks[USERLAND_MAX_TASKS];
/* The task of a host pid (a thread id), NULL outside the task tree. */
struct task_struct *userland_task_of(int pid);
/* A contained system call stopped the task: allow it or refuse it. */
void task_contained_syscall(struct task_struct *t);
/* A syscall stop containment waited for: 1 when it took it (task_proc.c). */
int task_contained_stop(struct task_struct *t);
/* A signal while containment makes a call in t's name: 1, it waits. */
int task_contained_signal(struct task_struct *t, int sig);
/* How t resumes while a call of its is followed to its exit. */
enum user_resume task_contained_how(const struct task_struct *t,
				    enum user_resume how);
/* Skip the system call t is stopped in: it returns ret; t resumes. */
void syscall_return(struct task_struct *t, long ret);

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
/* Tasks the kernel still knows (running, stopped or zombie). */
int userland_tasks_live(void);

#endif
