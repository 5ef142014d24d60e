// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userland tasks, in the manner of UML's userspace(): each task is a host
 * process traced by one CPU.  The CPU stops the task at each signal it is
 * about to get; when that signal is an exception, the kernel's trap
 * handlers decide with user-mode pt_regs what the task really gets.
 */
#include <string.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/user.h>
#include <asm/console.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/userland.h>

int trace_traps;
struct task_struct userland_tasks[USERLAND_MAX_TASKS];
static int leader_pid;

static struct {
	char *const *argv;
	int cpu;
	int status; /* -1 while running */
} run_req = { .cpu = -1, .status = -1 };

struct task_struct *userland_task_of(int pid)
{
	int i;

	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		if (READ_ONCE(userland_tasks[i].pid) == pid)
			return &userland_tasks[i];
	}
	return NULL;
}

/*
 * A signal a task got through to vkernel anyway (signal context): the
 * sender is named, and the signal ignored.
 */
static __nmisafe int signal_sent_by_task(int sig, int pid)
{
	int i;

	if (pid <= 0)
		return 0;
	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		if (READ_ONCE(userland_tasks[i].pid) == pid) {
			pr_warn("userland: signal %d from task %d to vkernel: ignored\n",
				sig, pid);
			return 1;
		}
	}
	return 0;
}

static struct task_struct *task_new(int pid)
{
	struct task_struct *t = userland_task_of(0);

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->user = 1;
	t->thread.fpu.fpstate = &t->thread.fpu.__fpstate;
	WRITE_ONCE(t->pid, pid);
	return t;
}

static void task_trace(const struct task_struct *t, const struct user_fault *f)
{
	const struct kernel_siginfo *v = &t->pending;

	if (!trace_traps)
		return;
	if (t->has_pending)
		pr_info("traps: CPU%d %s[%d] vector %d ip:%lx error:%lx -> signal %d code %d addr %lx\n",
			smp_processor_id(), t->comm, t->pid, f->trap.vector,
			f->regs.ip, f->trap.error_code, v->signo, v->code,
			(unsigned long)v->addr);
	else
		pr_info("traps: CPU%d %s[%d] vector %d ip:%lx error:%lx -> claimed\n",
			smp_processor_id(), t->comm, t->pid, f->trap.vector,
			f->regs.ip, f->trap.error_code);
}

/*
 * What a user of vkernel run must read even when the console is silent
 * (the default there): on stderr, and in the log.
 */
static void run_notice(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	k_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_err("%s", buf);
	if (boot_params.quiet > 1)
		arch_console_write(buf, strlen(buf));
}

/* The exception through the IDT, as the task, with user-mode pt_regs. */
static void task_exception(struct task_struct *t, struct user_fault *f)
{
	struct task_struct *idle = current;
	const gate_desc *gate = &idt_table[f->trap.vector];

	memcpy(t->comm, f->comm, sizeof(t->comm));
	memcpy(t->vma_name, f->vma_name, sizeof(t->vma_name));
	t->vma_start = f->vma_start;
	t->vma_size = f->vma_size;
	t->vma_offset = f->vma_offset;
	t->has_pending = 0;
	t->perf_bp = f->perf_bp;
	this_cpu_write(current_task, t);
	f->regs.orig_ax = f->trap.has_error_code ? f->trap.error_code : -1UL;
	gate->handler(&f->regs, f->trap.error_code);
	this_cpu_write(current_task, idle);
	task_trace(t, f);
}

/* NMIs that hit the CPU while it ran the task: current is the task. */
static void task_nmi(struct task_struct *t, int pid, int count)
{
	struct task_struct *idle = current;
	struct pt_regs at;

	if (t)
		this_cpu_write(current_task, t);
	if (!arch_user_nmi(pid, count, &at) && trace_nmi)
		pr_info("nmi: CPU%d %d NMI(s) in user mode, pid %d ip:%lx cs:%lx sp:%lx\n",
			smp_processor_id(), count, pid, at.ip, at.cs, at.sp);
	this_cpu_write(current_task, idle);
}

static void task_signal(struct task_struct *t, int sig)
{
	struct user_fault f;

	if (task_contained_signal(t, sig))
		return;
	if (arch_user_decode(t->pid, sig, &f)) {
		/* not an exception: as the host sent it */
		if (t->ptrace.tracer)
			ptrace_stop(t, ptrace_status(sig, 0));
		else
			task_resume(t, sig);
		return;
	}
	t->sigcgt = f.sigcgt;
	task_exception(t, &f);
	if (!t->has_pending) {
		task_resume(t, 0);
	} else if (t->ptrace.tracer) {
		/* the tracer sees the kernel's verdict, then decides */
		arch_user_setsiginfo(t->pid, &t->pending);
		ptrace_stop(t, ptrace_status(t->pending.signo, 0));
	} else {
		arch_user_deliver(t->pid, &t->pending);
	}
}

/* A new child's first stop: its parent's fork event decides. */
static void task_first_stop(struct task_struct *t)
{
	if (t->born)
		ptrace_first_stop(t);
	else
		t->held_first_stop = 1;
}

/* Stops that only a traced task reports; others just go on. */
static void task_stop(struct task_struct *t, const struct user_event *ev)
{
	const struct task_ptrace *p = &t->ptrace;
	int fresh = t->fresh;

	if (ev->kind == USER_SYSCALL_STOP && task_contained_stop(t))
		return;
	t->fresh = 0;
	if (ev->group_stop && fresh) {
		task_first_stop(t);
	} else if (!p->tracer) {
		if (ev->group_stop)
			arch_user_listen(t->pid); /* stopped, as for a shell */
		else
			task_resume(t, 0);
	} else if (ev->kind == USER_SYSCALL_STOP) {
		if (p->how != USER_RESUME_SYSCALL) {
			task_resume(t, 0);
			return;
		}
		ptrace_stop(
			t,
			ptrace_status(
				SIGTRAP | (p->options & PTRACE_O_TRACESYSGOOD ?
						   0x80 :
						   0),
				0));
	} else if (ev->kind == USER_EXEC) {
		if (p->options & PTRACE_O_TRACEEXEC) {
			ptrace_stop(t,
				    ptrace_status(SIGTRAP, PTRACE_EVENT_EXEC));
			return;
		}
		if (!p->seized) /* the legacy SIGTRAP after exec */
			arch_user_signal(t->pid, SIGTRAP);
		task_resume(t, 0);
	} else if (ev->kind == USER_EXIT_STOP) {
		if (p->options & PTRACE_O_TRACEEXIT)
			ptrace_stop(t,
				    ptrace_status(SIGTRAP, PTRACE_EVENT_EXIT));
		else
			task_resume(t, 0);
	} else if (ev->group_stop) {
		ptrace_stop(t,
			    ptrace_status(ev->sig,
					  p->seized ? PTRACE_EVENT_STOP : 0));
	} else {
		task_resume(t, 0);
	}
}

/* NMIs stopped the task, or its tracer's PTRACE_INTERRUPT did. */
static struct task_struct *task_add(int pid, int *ntasks);

static void task_interrupted(struct task_struct *t, const struct user_event *ev,
			     int *ntasks)
{
	if (ev->code)
		task_nmi(t, ev->pid, ev->code);
	if (!t && !ev->code) /* a new child's first stop, before the event */
		t = task_add(ev->pid, ntasks);
	if (t && t->fresh) { /* PTRACE_EVENT_STOP of a new seized child */
		t->fresh = 0;
		task_first_stop(t);
	} else if (!t) {
		arch_user_resume(ev->pid, 0);
	} else if (t->ptrace.interrupt) {
		t->ptrace.interrupt = 0;
		ptrace_stop(t, ptrace_status(SIGTRAP, PTRACE_EVENT_STOP));
	} else {
		task_resume(t, 0);
	}
}

/*
 * A new child or thread.  With the table full it cannot be supervised,
 * so it must not run: it is killed, and its parent sees that.
 */
static struct task_struct *task_add(int pid, int *ntasks)
{
	static int table_full_told;
	struct task_struct *t = task_new(pid);

	if (t)
		t->fresh = 1;
	if (!t) {
		if (!table_full_told++)
			run_notice(
				"vkernel run: more than %d tasks: killing pid %d and every new task until one exits\n",
				USERLAND_MAX_TASKS, pid);
		arch_user_kill(pid);
		return NULL;
	}
	(*ntasks)++;
	return t;
}

static void task_forked(struct task_struct *t, const struct user_event *ev,
			int *ntasks)
{
	/* the child's first stop may come first: then it is known already */
	struct task_struct *child = userland_task_of(ev->new_pid);

	if (!child)
		child = task_add(ev->new_pid, ntasks);
	if (!t || !child || !ptrace_fork(t, child, ev->code))
		arch_user_resume(ev->pid, 0);
	if (!child)
		return;
	child->born = 1;
	if (child->held_first_stop) {
		child->held_first_stop = 0;
		ptrace_first_stop(child);
	}
}

static void task_event(const struct user_event *ev, int *ntasks, int *status)
{
	struct task_struct *t = userland_task_of(ev->pid);

	if (ev->nmis) /* they came before this stop, as an NMI would */
		task_nmi(t, ev->pid, ev->nmis);
	switch (ev->kind) {
	case USER_EXITED:
	case USER_KILLED:
		if (ev->pid == leader_pid)
			*status = ev->kind == USER_EXITED ? ev->code :
							    128 + ev->sig;
		if (t) {
			(*ntasks)--;
			/* a tracer that is not the parent is told first */
			if (ptrace_task_gone(t, ev->kind == USER_EXITED ?
							ev->code << 8 :
							ev->sig))
				return;
			WRITE_ONCE(t->pid, 0);
		}
		return;
	case USER_NEWTASK:
		task_forked(t, ev, ntasks);
		return;
	case USER_NMI:
		task_interrupted(t, ev, ntasks);
		return;
	case USER_SYSCALL:
		if (t) {
			task_contained_syscall(t);
			return;
		}
		break;
	case USER_SYSCALL_STOP:
	case USER_EXEC:
	case USER_EXIT_STOP:
	case USER_OTHER:
		if (!t && ev->group_stop) /* a new child's, before the event */
			t = task_add(ev->pid, ntasks);
		if (t) {
			task_stop(t, ev);
			return;
		}
		break;
	case USER_SIGNAL:
		/* the new child's stop before its parent's event */
		if (!t && !(t = task_add(ev->pid, ntasks)))
			return;
		t->fresh = 0;
		task_signal(t, ev->sig);
		return;
	}
	if (t)
		task_resume(t, 0);
	else
		arch_user_resume(ev->pid, 0);
}

static int supervise(char *const argv[], int cpu)
{
	struct user_event ev;
	int ntasks = 1, status = 127, err;

	if (arch_user_pin(cpu))
		pr_warn("userland: cannot pin CPU%d to a host CPU\n", cpu);
	arch_user_guard_signals(signal_sent_by_task);
	err = arch_user_containment(boot_params.run_landlock);
	if (err < 0) {
		run_notice(
			"vkernel run: cannot build the containment filter: %d\n",
			err);
		return 127;
	}
	if (err)
		pr_info("userland: containment: seccomp filter and supervisor, and the host's Landlock domain (ABI %d): %s\n",
			err,
			err >= 6 ? "ptrace access and signals scoped" :
				   "ptrace access scoped");
	else
		pr_info("userland: containment: seccomp filter and supervisor (no Landlock domain%s)\n",
			boot_params.run_landlock ? " on this host" :
						   ": --landlock off");
	err = arch_user_spawn(argv, &leader_pid);
	if (err) {
		pr_err("userland: cannot start %s: %d\n", argv[0], err);
		return err == -ENOEXEC || err == -EACCES ? 126 : 127;
	}
	task_new(leader_pid);
	if (hw_breakpoint_user_init())
		pr_warn("userland: perf breakpoints of tasks are not modelled\n");
	pr_info("userland: %s is pid %d on CPU%d\n", argv[0], leader_pid, cpu);
	while (ntasks > 0 && !arch_user_wait(&ev))
		task_event(&ev, &ntasks, &status);
	leader_pid = 0;
	hw_breakpoint_user_exit();
	return status;
}

void userland_poll(int cpu)
{
	char *const *argv;
	int status;

	if (__atomic_load_n(&run_req.cpu, __ATOMIC_ACQUIRE) != cpu)
		return;
	argv = run_req.argv;
	status = supervise(argv, cpu);
	__atomic_store_n(&run_req.cpu, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&run_req.status, status, __ATOMIC_RELEASE);
}

int userland_run(char *const argv[], int cpu)
{
	int status, sig = 0;

	if (!cpu)
		return supervise(argv, 0);
	run_req.argv = argv;
	__atomic_store_n(&run_req.cpu, cpu, __ATOMIC_RELEASE);
	while ((status = __atomic_load_n(&run_req.status, __ATOMIC_ACQUIRE)) <
	       0) {
		int s = arch_cpu_idle();

		if (s && !sig) { /* SIGINT/SIGTERM to vkernel */
			sig = s;
			run_notice(
				"vkernel run: signal %d: killing %s and its tasks\n",
				sig, argv[0]);
			userland_kill_all();
		}
	}
	/* as a shell reports a job it interrupted */
	return sig ? 128 + sig : status;
}

int userland_tasks_live(void)
{
	int i, n = 0;

	for (i = 0; i < USERLAND_MAX_TASKS; i++)
		n += READ_ONCE(userland_tasks[i].pid) > 0;
	return n;
}

void userland_kill_all(void)
{
	int i;

	for (i = 0; i < USERLAND_MAX_TASKS; i++) {
		int pid = READ_ONCE(userland_tasks[i].pid);

		if (pid > 0 && !userland_tasks[i].ptrace.zombie)
			arch_user_kill(pid);
	}
}
