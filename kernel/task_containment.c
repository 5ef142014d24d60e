// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a userland task may reach: its own task tree.  The seccomp filter
 * stops the calls that name another process (signals, pidfds, ptrace,
 * cross-process memory, /proc/<pid>/mem); aimed inside the tree they run,
 * aimed at vkernel or anything else they fail with EPERM and a log line,
 * as a security module's task_kill/ptrace_access_check hooks would.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/user.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/userland.h>

static const char *const syscall_names[] = {
	[USC_OTHER] = "syscall",
	[USC_KILL] = "kill",
	[USC_TKILL] = "tkill",
	[USC_TGKILL] = "tgkill",
	[USC_RT_SIGQUEUEINFO] = "rt_sigqueueinfo",
	[USC_RT_TGSIGQUEUEINFO] = "rt_tgsigqueueinfo",
	[USC_PIDFD_OPEN] = "pidfd_open",
	[USC_PIDFD_SEND_SIGNAL] = "pidfd_send_signal",
	[USC_PTRACE] = "ptrace",
	[USC_PROCESS_VM_READV] = "process_vm_readv",
	[USC_PROCESS_VM_WRITEV] = "process_vm_writev",
	[USC_OPEN] = "open",
	[USC_OPENAT] = "openat",
	[USC_OPENAT2] = "openat2",
	[USC_WAIT4] = "wait4",
	[USC_WAITID] = "waitid",
	[USC_WAITPID] = "waitpid",
};

static int in_tree(long pid)
{
	return pid > 0 && userland_task_of((int)pid);
}

/* A decimal number at *p, advancing past it; -1 when there is none. */
static long parse_pid(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + *(*p)++ - '0';
	return v;
}

static int skip(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n))
		return 0;
	*p += n;
	return 1;
}

/* "/proc/<pid>/mem" or "/proc/<pid>/task/<tid>/mem": the pid, else 0 */
static long proc_mem_pid(const char *path)
{
	const char *p = path;
	long pid, tid;

	if (!skip(&p, "/proc/") || (pid = parse_pid(&p)) < 0)
		return 0;
	if (!strcmp(p, "/mem"))
		return pid;
	if (!skip(&p, "/task/") || (tid = parse_pid(&p)) < 0 ||
	    strcmp(p, "/mem"))
		return 0;
	return in_tree(pid) ? tid : pid;
}

static long open_target(int pid, unsigned long path_addr)
{
	char path[256];

	if (arch_user_read_string(pid, path_addr, path, sizeof(path)))
		return 0;
	return proc_mem_pid(path);
}

/*
 * kill(0), kill(-pgrp), kill(-1): the members of the task tree the call
 * would reach; vkernel itself, sharing the terminal's process group, is
 * never one of them.
 */
static long kill_group(struct task_struct *t, long pid, int sig)
{
	int caller_tgid, caller_pgid, tgid, pgid, i, hit = 0;

	if (arch_user_ids(t->pid, &caller_tgid, &caller_pgid))
		return -ESRCH;
	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		int p = READ_ONCE(userland_tasks[i].pid);

		if (p <= 0 || arch_user_ids(p, &tgid, &pgid) || tgid != p)
			continue;
		if (pid == -1 ? tgid == caller_tgid :
				pgid != (pid ? -pid : caller_pgid))
			continue;
		if (!sig || !arch_user_signal(p, sig))
			hit++;
	}
	return hit ? 0 : -ESRCH;
}

void syscall_return(struct task_struct *t, long ret)
{
	arch_user_syscall_return(t->pid, ret);
	task_resume(t, 0);
}

/* The process the call reaches, or -1 when it names none (allowed). */
static long syscall_target(struct task_struct *t, const struct user_syscall *sc)
{
	const long *a = sc->args;

	switch (sc->kind) {
	case USC_KILL:
	case USC_TKILL:
	case USC_RT_SIGQUEUEINFO:
	case USC_PIDFD_OPEN:
	case USC_PROCESS_VM_READV:
	case USC_PROCESS_VM_WRITEV:
		return a[0];
	case USC_TGKILL:
	case USC_RT_TGSIGQUEUEINFO:
		return in_tree(a[0]) ? a[1] : a[0];
	case USC_PIDFD_SEND_SIGNAL:
		return arch_user_pidfd_pid(t->pid, (int)a[0]);
	case USC_PTRACE: /* PTRACE_TRACEME names the parent */
		return a[0] == 0 ? arch_user_ppid(t->pid) : a[1];
	case USC_OPEN:
		return open_target(t->pid, a[0]) ?: -1;
	case USC_OPENAT:
	case USC_OPENAT2:
		return open_target(t->pid, a[1]) ?: -1;
	default:
		return -1;
	}
}

void task_contained_syscall(struct task_struct *t)
{
	struct user_syscall sc;
	long target;

	t->ptrace.in_host_wait = 0; /* a new call: out of any wait */
	if (arch_user_syscall(t->pid, &sc)) {
		task_resume(t, 0);
		return;
	}
	if (sc.kind == USC_KILL && sc.args[0] <= 0) {
		syscall_return(t, kill_group(t, sc.args[0], (int)sc.args[1]));
		return;
	}
	if ((sc.kind == USC_WAIT4 || sc.kind == USC_WAITID ||
	     sc.kind == USC_WAITPID) &&
	    ptrace_wait(t, &sc))
		return;
	target = syscall_target(t, &sc);
	if (target == -1) {
		task_resume(t, 0);
		return;
	}
	if (in_tree(target)) {
		if (sc.kind == USC_PTRACE)
			ptrace_syscall(t, &sc); /* vkernel is the host tracer */
		else
			task_resume(t, 0);
		return;
	}
	arch_user_comm(t->pid, t->comm, sizeof(t->comm));
	pr_warn("userland: %s[%d]: %s(%ld) reaches outside its task tree: EPERM\n",
		t->comm, t->pid, syscall_names[sc.kind], target);
	syscall_return(t, -EPERM);
}
