// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a userland task may reach: its own task tree.  The filter stops
 * every call that can act on another process (asm/syscall_kinds.h) and
 * every call it does not know; this file decides each one from what it
 * does to which process, as a security module's task_kill, ptrace_access,
 * file_send_sigiotask and task_setscheduler hooks would: aimed inside the
 * tree it runs, aimed at vkernel or anything else it fails with EPERM and
 * a log line.  Files are decided once open, on the file (task_proc.c);
 * arguments in memory are checked on vkernel's copy, and the call is then
 * made from vkernel on its own duplicate of the task's descriptor, so no
 * thread of the task can change them in between.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/user.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/userland.h>

/* uapi values the decisions read */
#define CLONE_UNTRACED 0x00800000UL
#define F_SETOWN 8
#define F_SETOWN_EX 15
#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2
#define TIOCSCTTY 0x540e
#define TIOCSPGRP 0x5410
#define TIOCSTI 0x5412
#define TIOCCONS 0x541d
#define TIOCSETD 0x5423
#define TIOCVHANGUP 0x5437
#define FIOSETOWN 0x8901
#define SIOCSPGRP 0x8902
#define USERFAULTFD_IOC_NEW 0xaa00
#define UFFD_USER_MODE_ONLY 1
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#define PR_SET_PTRACER 0x59616d61
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define PERF_FLAG_PID_CGROUP 4
#define OPEN_TREE_CLONE 1

/* Why a call was refused, for the log line. */
#define OUTSIDE "reaches outside its task tree"

static int in_tree(long pid)
{
	return (int)pid > 0 && userland_task_of((int)pid);
}

/* The process group of a tree task, or -1. */
static int pgid_of(int pid)
{
	int tgid, pgid;

	return arch_user_ids(pid, &tgid, &pgid) ? -1 : pgid;
}

/*
 * A process group the tree made: one of its tasks is in it, and it is not
 * the group vkernel runs in (which the tree shares with vkernel).
 */
static int tree_pgrp(int pgid)
{
	int i;

	if (pgid <= 0 || pgid == arch_user_self_pgid())
		return 0;
	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		int p = READ_ONCE(userland_tasks[i].pid);

		if (p > 0 && pgid_of(p) == pgid)
			return 1;
	}
	return 0;
}

static void log_refusal(struct task_struct *t, const struct user_syscall *sc,
			long target, const char *why, long err)
{
	char name[48];

	arch_user_syscall_name(sc, name, sizeof(name));
	arch_user_comm(t->pid, t->comm, sizeof(t->comm));
	if (target)
		pr_warn("userland: %s[%d]: %s(%ld)%s %s: %s\n", t->comm, t->pid,
			name, target, sc->compat ? " (i386)" : "", why,
			err == -ENOSYS ? "ENOSYS" : "EPERM");
	else
		pr_warn("userland: %s[%d]: %s%s: %s: %s\n", t->comm, t->pid,
			name, sc->compat ? " (i386)" : "", why,
			err == -ENOSYS ? "ENOSYS" : "EPERM");
}

void syscall_return(struct task_struct *t, long ret)
{
	arch_user_syscall_return(t->pid, ret);
	task_resume(t, 0);
}

static void refuse(struct task_struct *t, const struct user_syscall *sc,
		   long target, const char *why, long err)
{
	log_refusal(t, sc, target, why, err);
	syscall_return(t, err);
}

/* Let the call run: 0.  Refuse it: the (pid) it names outside, or -1. */
#define RUN 0
#define NOT_PID (-1L)

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

/* The process a pidfd argument names, or 0 (let the host say EBADF). */
static long pidfd_target(struct task_struct *t, unsigned long fd)
{
	int pid = arch_user_pidfd_pid(t->pid, (int)fd);

	return pid > 0 ? pid : 0;
}

/* A pid argument: 0 names the caller, anything else must be the tree's. */
static long pid_target(long pid)
{
	return !(int)pid || in_tree(pid) ? RUN : (int)pid;
}

/* An owner of SIGIO/SIGURG: a pid (>0) or a process group (<0). */
static long owner_target(int owner)
{
	if (owner >= 0)
		return pid_target(owner);
	return tree_pgrp(-owner) ? RUN : owner;
}

/* A process group the call acts on: 0 is the caller's, often vkernel's. */
static long group_target(int pgid)
{
	if (pgid <= 0)
		return NOT_PID;
	return tree_pgrp(pgid) ? RUN : -pgid;
}

/* kill and friends, pidfds, ptrace, cross-process memory */
static long signal_target(struct task_struct *t, const struct user_syscall *sc)
{
	const unsigned long *a = sc->args;

	switch (sc->kind) {
	case USC_KILL:
	case USC_TKILL:
	case USC_RT_SIGQUEUEINFO:
	case USC_PIDFD_OPEN:
	case USC_PROCESS_VM_READV:
	case USC_PROCESS_VM_WRITEV:
		return in_tree(a[0]) ? RUN : (int)a[0];
	case USC_TGKILL:
	case USC_RT_TGSIGQUEUEINFO:
		/* the signal goes to the thread a1 of thread group a0 */
		return in_tree(a[1]) ? RUN :
		       in_tree(a[0]) ? (int)a[1] :
				       (int)a[0];
	case USC_PIDFD_SEND_SIGNAL:
	case USC_PIDFD_GETFD:
	case USC_PROCESS_MADVISE:
	case USC_PROCESS_MRELEASE: {
		long p = pidfd_target(t, a[0]);

		return !p || in_tree(p) ? RUN : p;
	}
	case USC_KCMP:
		return !in_tree(a[0]) ? (int)a[0] :
		       !in_tree(a[1]) ? (int)a[1] :
					RUN;
	default:
		return RUN;
	}
}

/* scheduling, limits, memory policy, profiling of another process */
static long sched_target(struct task_struct *t, const struct user_syscall *sc)
{
	const unsigned long *a = sc->args;
	int who = (int)a[1];

	switch (sc->kind) {
	case USC_PRLIMIT64:
		return a[2] ? pid_target(a[0]) : RUN; /* reading is harmless */
	case USC_SETPRIORITY:
	case USC_IOPRIO_SET:
		if ((int)a[0] == (sc->kind == USC_SETPRIORITY ?
					  PRIO_PROCESS :
					  IOPRIO_WHO_PROCESS))
			return pid_target(who);
		if ((int)a[0] ==
		    (sc->kind == USC_SETPRIORITY ? PRIO_PGRP : IOPRIO_WHO_PGRP))
			return group_target(who ? who : pgid_of(t->pid));
		return NOT_PID; /* every process of a user */
	case USC_PERF_EVENT_OPEN:
		if ((int)a[1] == -1 || (a[4] & PERF_FLAG_PID_CGROUP))
			return NOT_PID; /* every process on a CPU */
		return pid_target(a[1]);
	case USC_PRCTL:
		if ((int)a[0] != PR_SET_PTRACER || !a[1])
			return RUN;
		return (long)a[1] == -1 ? NOT_PID : pid_target(a[1]);
	default: /* sched_set*, move_pages, migrate_pages, get_robust_list */
		return pid_target(a[0]);
	}
}

/* setpgid: only into a group of the tree's own, or back into vkernel's */
static long setpgid_target(struct task_struct *t, const struct user_syscall *sc)
{
	int pid = (int)sc->args[0] ?: t->pid, pgid = (int)sc->args[1];

	if (!pgid || pgid == pid || pgid == arch_user_self_pgid() ||
	    tree_pgrp(pgid))
		return RUN;
	return -pgid;
}

/* A pid_t the call reads from the task's memory at addr. */
static int read_pid(struct task_struct *t, unsigned long addr, int *v)
{
	return arch_user_read(t->pid, addr, v, sizeof(*v)) == sizeof(*v) ?
		       0 :
		       -EFAULT;
}

/*
 * F_SETOWN_EX: on vkernel's copy of the struct, then from vkernel on its
 * own duplicate of the descriptor (the owner is the open file's).
 */
static void setown_ex(struct task_struct *t, const struct user_syscall *sc)
{
	struct {
		int type, pid;
	} ex;
	long target;

	if (arch_user_read(t->pid, sc->args[2], &ex, sizeof(ex)) !=
	    sizeof(ex)) {
		syscall_return(t, -EFAULT);
		return;
	}
	if (ex.type == F_OWNER_PGRP)
		target = tree_pgrp(ex.pid) || !ex.pid ? RUN : -ex.pid;
	else
		target = pid_target(ex.pid);
	if (target != RUN) {
		refuse(t, sc, target, OUTSIDE, -EPERM);
		return;
	}
	syscall_return(t, arch_user_fd_fcntl(t->pid, (int)sc->args[0],
					     F_SETOWN_EX, &ex));
}

static void contain_fcntl(struct task_struct *t, const struct user_syscall *sc)
{
	unsigned int cmd = (unsigned int)sc->args[1];
	long target;

	if (cmd == F_SETOWN_EX) {
		setown_ex(t, sc);
		return;
	}
	target = cmd == F_SETOWN ? owner_target((int)sc->args[2]) : RUN;
	if (target == RUN)
		task_resume(t, 0);
	else
		refuse(t, sc, target, OUTSIDE, -EPERM);
}

/* A socket's owner (FIOSETOWN, SIOCSPGRP): the int it points to. */
static void sock_setown(struct task_struct *t, const struct user_syscall *sc,
			unsigned int cmd)
{
	long target;
	int who;

	if (read_pid(t, sc->args[2], &who)) {
		syscall_return(t, -EFAULT);
		return;
	}
	target = owner_target(who);
	if (target != RUN) {
		refuse(t, sc, target, OUTSIDE, -EPERM);
		return;
	}
	syscall_return(t,
		       arch_user_fd_ioctl(t->pid, (int)sc->args[0], cmd, &who));
}

/*
 * tcsetpgrp: a terminal of a session the tree made holds only the tree's
 * groups; on vkernel's own terminal, the group must be the tree's or the
 * one vkernel started in (where a shell hands the terminal back).
 */
static void tty_setpgrp(struct task_struct *t, const struct user_syscall *sc)
{
	int pgrp;

	if (arch_user_sid(t->pid) != arch_user_self_sid()) {
		task_resume(t, 0);
		return;
	}
	if (read_pid(t, sc->args[2], &pgrp)) {
		syscall_return(t, -EFAULT);
		return;
	}
	if (pgrp != arch_user_self_pgid() && !tree_pgrp(pgrp)) {
		refuse(t, sc, -pgrp, OUTSIDE, -EPERM);
		return;
	}
	syscall_return(t, arch_user_fd_ioctl(t->pid, (int)sc->args[0],
					     TIOCSPGRP, &pgrp));
}

static void contain_ioctl(struct task_struct *t, const struct user_syscall *sc)
{
	unsigned int cmd = (unsigned int)sc->args[1];

	switch (cmd) {
	case TIOCSTI:
		refuse(t, sc, 0, "pushes input into a terminal", -EPERM);
		return;
	case TIOCVHANGUP: /* SIGHUP to the terminal's session */
	case TIOCCONS: /* the host's console messages */
	case TIOCSETD: /* the line discipline every reader sees */
		refuse(t, sc, 0, "changes a terminal others use", -EPERM);
		return;
	case TIOCSCTTY:
		if (sc->args[2])
			refuse(t, sc, 0, "takes a terminal from its session",
			       -EPERM);
		else
			task_resume(t, 0);
		return;
	case TIOCSPGRP:
		tty_setpgrp(t, sc);
		return;
	case FIOSETOWN:
	case SIOCSPGRP:
		sock_setown(t, sc, cmd);
		return;
	case USERFAULTFD_IOC_NEW:
		if (!(sc->args[2] & UFFD_USER_MODE_ONLY)) {
			refuse(t, sc, 0,
			       "vkernel's reads of its memory would wait on it",
			       -EPERM);
			return;
		}
	}
	task_resume(t, 0);
}

/*
 * A priority-inheritance futex names its owner in the word: the kernel
 * boosts that thread to the waiter's priority, whoever it is.  The word
 * of the lock (or of the requeue target) must name a thread of the tree.
 */
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_TID_MASK 0x3fffffff

static void contain_futex(struct task_struct *t, const struct user_syscall *sc)
{
	unsigned int op = (unsigned int)sc->args[1] & 0x7f;
	unsigned long word = op == FUTEX_WAIT_REQUEUE_PI ||
					     op == FUTEX_CMP_REQUEUE_PI ?
				     sc->args[4] :
				     sc->args[0];
	int owner;

	if (read_pid(t, word, &owner)) {
		task_resume(t, 0); /* the host says EFAULT */
		return;
	}
	owner &= FUTEX_TID_MASK;
	if (!owner || in_tree(owner))
		task_resume(t, 0);
	else
		refuse(t, sc, owner, OUTSIDE, -EPERM);
}

/* No task may run untraced: the flag goes, and the child is followed. */
static void contain_clone(struct task_struct *t, const struct user_syscall *sc)
{
	if (sc->args[0] & CLONE_UNTRACED) {
		arch_user_set_syscall_arg(t->pid, sc, 0,
					  sc->args[0] & ~CLONE_UNTRACED);
		pr_info("userland: %s[%d]: clone: CLONE_UNTRACED dropped: every task is traced\n",
			t->comm, t->pid);
	}
	task_resume(t, 0);
}

/* Calls refused whatever their arguments: 1 when sc is one. */
static int refused_kind(struct task_struct *t, const struct user_syscall *sc)
{
	switch (sc->kind) {
	case USC_IO_URING_SETUP:
	case USC_IO_URING_ENTER:
	case USC_IO_URING_REGISTER:
		refuse(t, sc, 0, "its kernel workers act unseen", -ENOSYS);
		return 1;
	case USC_MOUNT:
	case USC_UMOUNT:
	case USC_UMOUNT2:
	case USC_PIVOT_ROOT:
	case USC_MOVE_MOUNT:
	case USC_FSOPEN:
	case USC_FSCONFIG:
	case USC_FSMOUNT:
	case USC_FSPICK:
	case USC_MOUNT_SETATTR:
		refuse(t, sc, 0, "changes the mounts every process sees",
		       -EPERM);
		return 1;
	case USC_SECCOMP:
		/* op and flags are unsigned int: the kernel reads 32 bits */
		if ((unsigned int)sc->args[0] != SECCOMP_SET_MODE_FILTER ||
		    !(sc->args[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER))
			return 0;
		refuse(t, sc, 0, "a listener of its own would run calls unseen",
		       -EPERM);
		return 1;
	case USC_USERFAULTFD:
		if (sc->args[0] & UFFD_USER_MODE_ONLY)
			return 0;
		refuse(t, sc, 0,
		       "vkernel's reads of its memory would wait on it",
		       -EPERM);
		return 1;
	case USC_OPEN_TREE:
		if (!(sc->args[2] & OPEN_TREE_CLONE))
			return 0;
		refuse(t, sc, 0, "changes the mounts every process sees",
		       -EPERM);
		return 1;
	case USC_OTHER:
		if (sc->allowed) /* a filter of the task's own stopped it */
			return 0;
		refuse(t, sc, 0, "not allowed under vkernel run", -ENOSYS);
		return 1;
	default:
		return 0;
	}
}

/* Calls that name a process: its pid, RUN, or NOT_PID for a class. */
static long process_target(struct task_struct *t, const struct user_syscall *sc)
{
	switch (sc->kind) {
	case USC_PRLIMIT64:
	case USC_SETPRIORITY:
	case USC_IOPRIO_SET:
	case USC_SCHED_SETAFFINITY:
	case USC_SCHED_SETPARAM:
	case USC_SCHED_SETSCHEDULER:
	case USC_SCHED_SETATTR:
	case USC_MOVE_PAGES:
	case USC_MIGRATE_PAGES:
	case USC_GET_ROBUST_LIST:
	case USC_PERF_EVENT_OPEN:
	case USC_PRCTL:
		return sched_target(t, sc);
	case USC_SETPGID:
		return setpgid_target(t, sc);
	case USC_PTRACE: /* PTRACE_TRACEME names the parent */
		return !sc->args[0] ? pid_target(arch_user_ppid(t->pid)) :
		       in_tree(sc->args[1]) ? RUN :
					      (int)sc->args[1];
	default:
		return signal_target(t, sc);
	}
}

static int is_open(enum user_syscall_kind k)
{
	return k == USC_OPEN || k == USC_OPENAT || k == USC_OPENAT2 ||
	       k == USC_CREAT || k == USC_OPEN_BY_HANDLE_AT ||
	       k == USC_OPEN_TREE;
}

/* Calls with a handler of their own: 1 when sc was one. */
static int contained_call(struct task_struct *t, const struct user_syscall *sc)
{
	if (is_open(sc->kind)) {
		/* decided at its exit, on the file it opened */
		t->contain.open_exit = 1;
		t->contain.compat = sc->compat;
		arch_user_resume_how(t->pid, 0, USER_RESUME_SYSCALL);
		return 1;
	}
	switch (sc->kind) {
	case USC_FCNTL:
	case USC_FCNTL64:
		contain_fcntl(t, sc);
		return 1;
	case USC_IOCTL:
		contain_ioctl(t, sc);
		return 1;
	case USC_CLONE:
		contain_clone(t, sc);
		return 1;
	case USC_FUTEX:
	case USC_FUTEX_TIME64:
		contain_futex(t, sc);
		return 1;
	case USC_KILL:
		if ((int)sc->args[0] > 0)
			return 0;
		syscall_return(t, kill_group(t, (int)sc->args[0],
					     (int)sc->args[1]));
		return 1;
	case USC_WAIT4:
	case USC_WAITID:
	case USC_WAITPID:
		if (!ptrace_wait(t, sc))
			task_resume(t, 0);
		return 1;
	default:
		return refused_kind(t, sc);
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
	if (contained_call(t, &sc))
		return;
	target = process_target(t, &sc);
	if (target == RUN) {
		if (sc.kind == USC_PTRACE)
			ptrace_syscall(t, &sc); /* vkernel is the host tracer */
		else
			task_resume(t, 0);
		return;
	}
	refuse(t, &sc, target == NOT_PID ? 0 : target,
	       target == NOT_PID ? "reaches processes outside its task tree" :
				   OUTSIDE,
	       -EPERM);
}
