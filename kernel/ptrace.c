// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ptrace system call for userland tasks, after kernel/ptrace.c and
 * the ptrace parts of kernel/signal.c and kernel/exit.c.  vkernel holds the host
 * tracer slot of every task, so a task that traces another task in its
 * tree is served here, as rr does it: a tracee's stop is a host stop that
 * vkernel holds (after its own trap handlers decided the signal) and
 * reports to the tracer's wait4/waitid; requests on the stopped tracee
 * are done by vkernel on the host and their results copied to the tracer.
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

/* include/uapi/linux/wait.h */
#define WNOHANG 0x00000001
#define WNOWAIT 0x01000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2

#define USER_REGS_SIZE (27 * 8) /* struct user_regs_struct */
#define USER_FPREGS_SIZE 512 /* struct user_fpregs_struct */
#define SIGINFO_SIZE 128
#define REGSET_MAX 16384
#define RUSAGE_SIZE 144

int trace_ptrace;

static int task_tgid(struct task_struct *t)
{
	int pgid;

	if (!t->tgid && arch_user_ids(t->pid, &t->tgid, &pgid))
		return t->pid;
	return t->tgid;
}

void task_resume(struct task_struct *t, int sig)
{
	enum user_resume how = t->ptrace.tracer ? t->ptrace.how :
						  USER_RESUME_CONT;

	arch_user_resume_how(t->pid, sig, task_contained_how(t, how));
}

static struct task_struct *task_at(int i)
{
	struct task_struct *t = &userland_tasks[i];

	return READ_ONCE(t->pid) > 0 ? t : NULL;
}

/*
 * The pid a wait names, in wait4's terms: -1 any, -pgid, or a pid.  The
 * ABI leaves the upper half of an int argument undefined: (int) first.
 */
static long wait_pid(const struct user_syscall *sc)
{
	if (sc->kind != USC_WAITID)
		return (int)sc->args[0];
	if ((int)sc->args[0] == P_ALL)
		return -1;
	return (int)sc->args[0] == P_PGID ? -(int)sc->args[1] :
					    (int)sc->args[1];
}

static long wait_options(const struct user_syscall *sc)
{
	return (int)sc->args[sc->kind == USC_WAITID ? 3 : 2];
}

static int wait_names(struct task_struct *w, const struct user_syscall *sc,
		      struct task_struct *c)
{
	long pid = wait_pid(sc);
	int tgid, pgid, wpgid;

	if (pid == -1 || pid == c->pid)
		return 1;
	if (pid > 0 || arch_user_ids(c->pid, &tgid, &pgid))
		return 0;
	if (pid < -1)
		return pgid == -pid;
	return !arch_user_ids(w->pid, &tgid, &wpgid) && pgid == wpgid;
}

static int put_user_bytes(struct task_struct *t, unsigned long addr,
			  const void *buf, size_t len)
{
	if (!addr)
		return 0;
	return arch_user_write(t->pid, addr, buf, len) == (long)len ? 0 :
								      -EFAULT;
}

/* The tracer's wait collects c's stop: wait_task_stopped(). */
static long wait_report(struct task_struct *w, const struct user_syscall *sc,
			struct task_struct *c)
{
	static const unsigned char zeros[RUSAGE_SIZE];
	const unsigned long *a = sc->args;
	long ret = c->pid;
	int err;

	if (sc->kind == USC_WAITID) {
		int si[SIGINFO_SIZE / 4] = { SIGCHLD, 0, CLD_TRAPPED, c->pid };

		si[5] = (c->ptrace.status >> 8) & 0xff; /* si_status */
		if (c->ptrace.zombie) {
			si[2] = c->ptrace.status & 0x7f ? CLD_KILLED :
							  CLD_EXITED;
			si[5] = c->ptrace.status & 0x7f ?: si[5];
		}
		err = put_user_bytes(w, a[2], si, sizeof(si)) ?:
			      put_user_bytes(w, a[4], zeros, RUSAGE_SIZE);
		ret = 0;
	} else {
		int status = c->ptrace.status;

		err = put_user_bytes(w, a[1], &status, sizeof(status));
		if (!err && sc->kind == USC_WAIT4)
			err = put_user_bytes(w, a[3], zeros, RUSAGE_SIZE);
	}
	if (err)
		return err;
	if (wait_options(sc) & WNOWAIT)
		return ret;
	c->ptrace.reported = 1;
	if (c->ptrace.zombie) /* release_task() */
		WRITE_ONCE(c->pid, 0);
	return ret;
}

static int is_child_of(struct task_struct *c, struct task_struct *w)
{
	return arch_user_ppid(c->pid) == task_tgid(w);
}

/*
 * A tracer's wait: a stop of one of its tracees is reported here; for a
 * tracee that is its child, the host's wait does the rest (a stop to come
 * interrupts it with SIGCHLD, and the restarted call comes back here).  A
 * wait on a tracee that is not a child is held until the tracee stops.
 */
int ptrace_wait(struct task_struct *w, const struct user_syscall *sc)
{
	int tgid = task_tgid(w), i, named = 0, only_others = 1;

	if (sc->compat)
		return 0;
	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		struct task_struct *c = task_at(i);

		if (!c || c->ptrace.tracer != tgid || !wait_names(w, sc, c))
			continue;
		if (c->ptrace.stopped && !c->ptrace.reported) {
			if (trace_ptrace)
				pr_info("ptrace: %d waits: %d's status %#x\n",
					w->pid, c->pid, c->ptrace.status);
			syscall_return(w, wait_report(w, sc, c));
			return 1;
		}
		named++;
		if (is_child_of(c, w) || wait_pid(sc) <= 0)
			only_others = 0;
	}
	if (trace_ptrace && named)
		pr_info("ptrace: %d waits (pid %ld): on the host\n", w->pid,
			wait_pid(sc));
	if (!named)
		return 0;
	if (!only_others) {
		w->ptrace.in_host_wait = 1; /* a stop must restart it */
		return 0;
	}
	if (wait_options(sc) & WNOHANG) {
		syscall_return(w, 0);
		return 1;
	}
	w->ptrace.waiting = 1;
	w->ptrace.wait = *sc;
	return 1; /* stays stopped: blocked in the wait */
}

/* A held waiter of c's tracer that c's stop (or end) answers. */
static struct task_struct *held_waiter(struct task_struct *c)
{
	int i;

	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		struct task_struct *w = task_at(i);

		if (w && w->ptrace.waiting &&
		    task_tgid(w) == c->ptrace.tracer &&
		    wait_names(w, &w->ptrace.wait, c))
			return w;
	}
	return NULL;
}

/*
 * A tracer thread blocked in the host's wait (on a child; SIGCHLD may be
 * blocked): stopping it makes the wait restart through the filter, and
 * then ptrace_wait() answers it.
 */
static void kick_host_waiters(int tracer)
{
	int i;

	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		struct task_struct *w = task_at(i);

		if (w && w->ptrace.in_host_wait && task_tgid(w) == tracer) {
			w->ptrace.in_host_wait = 0;
			arch_user_interrupt(w->pid);
		}
	}
}

/* ptrace_stop(): the tracee waits in a stop its tracer is told about. */
void ptrace_stop(struct task_struct *t, int status)
{
	struct task_struct *w;

	t->ptrace.stopped = 1;
	t->ptrace.reported = 0;
	t->ptrace.status = status;
	t->ptrace.interrupt = 0; /* any stop answers PTRACE_INTERRUPT */
	if (trace_ptrace)
		pr_info("ptrace: %d stops for %d: status %#x\n", t->pid,
			t->ptrace.tracer, status);
	w = held_waiter(t);
	if (w) {
		w->ptrace.waiting = 0;
		syscall_return(w, wait_report(w, &w->ptrace.wait, t));
	}
	/* do_notify_parent_cldstop() */
	arch_user_signal(t->ptrace.tracer, SIGCHLD);
	kick_host_waiters(t->ptrace.tracer);
}

static void ptrace_unlink(struct task_struct *c, int sig)
{
	int stopped = c->ptrace.stopped;

	memset(&c->ptrace, 0, sizeof(c->ptrace));
	if (stopped)
		task_resume(c, sig);
}

/* The tracer of a task that is gone, or tracees of a tracer that is. */
int ptrace_task_gone(struct task_struct *t, int status)
{
	int i, zombie = 0;

	if (t->ptrace.tracer && !t->ptrace.parent_is_tracer) {
		/* exit_notify(): the tracer collects it before the parent */
		t->ptrace.zombie = 1;
		zombie = 1;
		ptrace_stop(t, status); /* may be collected, and released */
	}
	if (!t->tgid || t->tgid != t->pid)
		return zombie; /* a thread group leader's end ends tracing */
	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		struct task_struct *c = task_at(i);

		if (!c || c->ptrace.tracer != t->pid)
			continue;
		if (c->ptrace.options & PTRACE_O_EXITKILL)
			arch_user_kill(c->pid);
		else
			ptrace_unlink(c, 0); /* __ptrace_detach() */
	}
	return zombie;
}

int ptrace_fork(struct task_struct *t, struct task_struct *child, int event)
{
	const struct task_ptrace *p = &t->ptrace;

	if (!p->tracer || event < 1 || event > 3 || !(p->options & 1 << event))
		return 0;
	memset(&child->ptrace, 0, sizeof(child->ptrace));
	child->ptrace.tracer = p->tracer;
	child->ptrace.seized = p->seized;
	child->ptrace.auto_attached = 1;
	child->ptrace.options = p->options;
	child->ptrace.parent_is_tracer = task_tgid(t) == p->tracer;
	ptrace_stop(t, ptrace_status(SIGTRAP, event));
	return 1;
}

void ptrace_first_stop(struct task_struct *child)
{
	/*
	 * An explicit attach that raced ahead of this stop must not see
	 * it: on Linux the child was running, not stopped.
	 */
	if (!child->ptrace.tracer || !child->ptrace.auto_attached) {
		task_resume(child, 0);
		return;
	}
	child->ptrace.auto_attached = 0;
	/* do_jobctl_trap() of a seized child; SIGSTOP for the others */
	if (child->ptrace.seized)
		ptrace_stop(child, ptrace_status(SIGTRAP, PTRACE_EVENT_STOP));
	else
		ptrace_stop(child, ptrace_status(SIGSTOP, 0));
}

static long ptrace_traceme(struct task_struct *t)
{
	int ppid = arch_user_ppid(t->pid);
	struct task_struct *parent = userland_task_of(ppid);

	if (t->ptrace.tracer || !parent)
		return -EPERM;
	memset(&t->ptrace, 0, sizeof(t->ptrace));
	t->ptrace.tracer = task_tgid(parent);
	t->ptrace.parent_is_tracer = 1;
	return 0;
}

static long ptrace_attach(struct task_struct *t, struct task_struct *c,
			  int seize, unsigned long flags, unsigned long options)
{
	if (!c || task_tgid(c) == task_tgid(t) || c->ptrace.tracer)
		return -EPERM;
	if (seize && (flags || (options & ~PTRACE_O_MASK)))
		return -EIO;
	memset(&c->ptrace, 0, sizeof(c->ptrace));
	c->ptrace.tracer = task_tgid(t);
	c->ptrace.seized = seize;
	c->ptrace.options = seize ? options : 0;
	c->ptrace.parent_is_tracer = arch_user_ppid(c->pid) == task_tgid(t);
	if (!seize) /* send_sig_info(SIGSTOP, SEND_SIG_PRIV, task) */
		arch_user_signal(c->pid, SIGSTOP);
	return 0;
}

static long ptrace_resume(struct task_struct *c, long request, long sig)
{
	if (sig < 0 || sig >= 65)
		return -EIO;
	c->ptrace.how = request == PTRACE_SYSCALL    ? USER_RESUME_SYSCALL :
			request == PTRACE_SINGLESTEP ? USER_RESUME_STEP :
						       USER_RESUME_CONT;
	c->ptrace.stopped = 0;
	task_resume(c, (int)sig);
	return 0;
}

/* Only a seized tracee in a group stop: it stays stopped, watched. */
static long ptrace_listen(struct task_struct *c)
{
	int sig = (c->ptrace.status >> 8) & 0xff;

	if (!c->ptrace.seized || c->ptrace.status >> 16 != PTRACE_EVENT_STOP ||
	    sig == SIGTRAP)
		return -EIO;
	c->ptrace.stopped = 0;
	return arch_user_listen(c->pid);
}

/* A request whose data goes through a buffer: host call, then copy. */
static long ptrace_copy(struct task_struct *t, struct task_struct *c,
			long request, unsigned long addr, unsigned long data,
			size_t len, int out)
{
	unsigned char buf[USER_FPREGS_SIZE];
	long r;
	int err;

	if (!out && arch_user_read(t->pid, data, buf, len) != (long)len)
		return -EFAULT;
	err = arch_user_ptrace(c->pid, request, addr, buf, &r);
	if (err)
		return err;
	return out ? put_user_bytes(t, data, buf, len) : 0;
}

/* GETREGSET/SETREGSET: the iovec is the tracer's, the buffer ours. */
static long ptrace_regset(struct task_struct *t, struct task_struct *c,
			  long request, unsigned long type, unsigned long data)
{
	static unsigned char buf[REGSET_MAX];
	unsigned long iov[2], local[2];
	long r;
	int err;

	if (arch_user_read(t->pid, data, iov, sizeof(iov)) != sizeof(iov))
		return -EFAULT;
	local[0] = (unsigned long)buf;
	local[1] = iov[1] < REGSET_MAX ? iov[1] : REGSET_MAX;
	if (request == PTRACE_SETREGSET &&
	    arch_user_read(t->pid, iov[0], buf, local[1]) != (long)local[1])
		return -EFAULT;
	err = arch_user_ptrace(c->pid, request, type, local, &r);
	if (err || request == PTRACE_SETREGSET)
		return err;
	iov[1] = local[1];
	return put_user_bytes(t, iov[0], buf, local[1]) ?:
		       put_user_bytes(t, data, iov, sizeof(iov));
}

static long ptrace_peek(struct task_struct *t, struct task_struct *c,
			long request, unsigned long addr, unsigned long data)
{
	long word;
	int err = arch_user_ptrace(c->pid, request, addr, NULL, &word);

	return err ?: put_user_bytes(t, data, &word, sizeof(word));
}

/* ptrace_request() and arch_ptrace(), on a tracee stopped for t. */
static long ptrace_request(struct task_struct *t, struct task_struct *c,
			   long request, unsigned long addr, unsigned long data)
{
	long r;

	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSR:
		return ptrace_peek(t, c, request, addr, data);
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
	case PTRACE_POKEUSR:
		return arch_user_ptrace(c->pid, request, addr, (void *)data,
					&r);
	case PTRACE_GETREGS:
	case PTRACE_SETREGS:
		return ptrace_copy(t, c, request, 0, data, USER_REGS_SIZE,
				   request == PTRACE_GETREGS);
	case PTRACE_GETFPREGS:
	case PTRACE_SETFPREGS:
		return ptrace_copy(t, c, request, 0, data, USER_FPREGS_SIZE,
				   request == PTRACE_GETFPREGS);
	case PTRACE_GETSIGINFO:
	case PTRACE_SETSIGINFO:
		return ptrace_copy(t, c, request, 0, data, SIGINFO_SIZE,
				   request == PTRACE_GETSIGINFO);
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return ptrace_regset(t, c, request, addr, data);
	case PTRACE_SETOPTIONS:
		if (data & ~(unsigned long)PTRACE_O_MASK)
			return -EINVAL;
		c->ptrace.options = data;
		return 0;
	case PTRACE_GETEVENTMSG:
		return arch_user_ptrace(c->pid, request, 0, &r, &r) ?:
			       put_user_bytes(t, data, &r, sizeof(r));
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
		return ptrace_resume(c, request, (long)data);
	case PTRACE_LISTEN:
		return ptrace_listen(c);
	case PTRACE_DETACH:
		if (data >= 65)
			return -EIO;
		ptrace_unlink(c, (int)data);
		return 0;
	default:
		return -EIO;
	}
}

/* The tracee t traces as pid, or NULL (-ESRCH): ptrace_check_attach(). */
static struct task_struct *tracee_of(struct task_struct *t, long pid)
{
	struct task_struct *c = pid > 0 ? userland_task_of((int)pid) : NULL;

	return c && c->ptrace.tracer == task_tgid(t) ? c : NULL;
}

static long ptrace_call(struct task_struct *t, const struct user_syscall *sc)
{
	long request = sc->args[0], pid = (int)sc->args[1];
	unsigned long addr = sc->args[2], data = sc->args[3];
	struct task_struct *c;

	if (request == PTRACE_TRACEME)
		return ptrace_traceme(t);
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
		return ptrace_attach(t, userland_task_of((int)pid),
				     request == PTRACE_SEIZE, addr, data);
	c = tracee_of(t, pid);
	if (!c)
		return -ESRCH;
	if (request == PTRACE_KILL)
		return arch_user_kill(c->pid) ? -ESRCH : 0;
	if (request == PTRACE_INTERRUPT) {
		if (!c->ptrace.seized)
			return -EIO;
		if (!c->ptrace.stopped && !c->ptrace.interrupt) {
			c->ptrace.interrupt = 1;
			arch_user_interrupt(c->pid);
		}
		return 0;
	}
	if (!c->ptrace.stopped)
		return -ESRCH;
	return ptrace_request(t, c, request, addr, data);
}

void ptrace_syscall(struct task_struct *t, const struct user_syscall *sc)
{
	static int compat_told;

	if (sc->compat) {
		if (!compat_told++)
			pr_warn("userland: %d: ptrace from a 32-bit tracer is not emulated: EIO\n",
				t->pid);
		syscall_return(t, -EIO);
		return;
	}
	long ret = ptrace_call(t, sc);

	if (trace_ptrace)
		pr_info("ptrace: %d: request %#lx pid %ld addr %#lx data %#lx = %ld\n",
			t->pid, sc->args[0], sc->args[1], sc->args[2],
			sc->args[3], ret);
	syscall_return(t, ret);
}
