// SPDX-License-Identifier: GPL-2.0-only
/*
 * The userland supervisor's host side, after UML's arch/um/os-Linux/skas
 * and ptrace code: start a task under ptrace, wait for its stops, read and
 * write its registers, siginfo and memory.  The tracer is the CPU thread
 * that forked the task; ptrace requests must come from that thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <glib.h>
#include <os.h>
#include <os_task.h>

#define TRACE_OPTIONS                                                     \
	(PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | \
	 PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | \
	 PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEEXIT)

/* Landlock ABI the tasks' domain uses, 0 for none (os_task_containment) */
static int landlock_abi;

static pthread_t filter_builder;
static int filter_building, filter_err;

static void *build_filter(void *arg)
{
	(void)arg;
	filter_err = os_seccomp_build();
	return NULL;
}

/* libseccomp takes some 10 ms: begin at once, beside the boot. */
void os_task_containment_prepare(void)
{
	sigset_t all, old;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* no signal of ours */
	filter_building =
		!pthread_create(&filter_builder, NULL, build_filter, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/*
 * How tasks are contained: the seccomp filter always, and the host's
 * Landlock domain where it has one and want_landlock.  The ABI in use.
 */
int os_task_containment(int want_landlock)
{
	int abi = want_landlock ? os_landlock_abi() : 0;

	if (filter_building) {
		pthread_join(filter_builder, NULL);
		filter_building = 0;
	} else {
		filter_err = os_seccomp_build();
	}
	landlock_abi = abi >= 2 ? abi : 0;
	return filter_err ? filter_err : landlock_abi;
}

/* In the child: the domain, no_new_privs and the filter, in that order. */
static int install_containment(void)
{
	int err = landlock_abi ? os_landlock_enter(landlock_abi) : 0;

	if (err) {
		dprintf(STDERR_FILENO,
			"vkernel run: cannot enter the Landlock domain: %s\n",
			strerror(-err));
		return -1;
	}
	err = os_seccomp_install();
	if (err) {
		dprintf(STDERR_FILENO,
			"vkernel run: cannot install the seccomp filter: %s\n",
			strerror(-err));
		return -1;
	}
	return 0;
}

static sigjmp_buf trap_reset_env;

static void trap_reset_handler(int sig)
{
	(void)sig;
	siglongjmp(trap_reset_env, 1);
}

/*
 * The host's thread.trap_nr, error_code and cr2 are copied by fork and
 * kept across exec: the CPU thread's last simulated #PF would show in the
 * task's first sigcontext.  A NULL read (cr2 0), then a divide error
 * (trap 0, error 0), leave them as a fresh process has them.
 */
static void clear_trap_state(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = trap_reset_handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	if (!sigsetjmp(trap_reset_env, 1))
		asm volatile("movl 0, %%eax" ::: "eax", "memory");
	if (!sigsetjmp(trap_reset_env, 1))
		asm volatile("xorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\t"
			     "cltd\n\tidivl %%ecx"
			     :
			     :
			     : "eax", "ecx", "edx");
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void __attribute__((noreturn))
child_exec(char *const argv[], pid_t parent, const int go[2],
	   const int ready[2])
{
	sigset_t none;
	int sig;
	char c;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	/* before the seize: these faults are not the task's */
	clear_trap_state();
	close(ready[0]);
	if (write(ready[1], "r", 1) != 1)
		_exit(127);
	sigemptyset(&none);
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* the byte comes once the tracer has seized us, options set */
	close(go[1]);
	if (read(go[0], &c, 1) != 1)
		_exit(127);
	if (install_containment())
		_exit(127);
	execvp(argv[0], argv);
	dprintf(STDERR_FILENO, "vkernel run: cannot run %s: %s\n", argv[0],
		strerror(errno));
	/* as a shell: 127 not found, 126 found but not runnable */
	_exit(errno == ENOENT || errno == ENOTDIR ? 127 : 126);
}

/*
 * An ELF for another machine: execvp would hand it to /bin/sh as a
 * script (ENOEXEC), whose complaint says nothing useful.  Look first.
 */
static int check_elf_machine(const char *prog)
{
	static const char *const names[] = {
		[3] = "i386",	 [8] = "mips",	    [20] = "ppc",
		[21] = "ppc64",	 [22] = "s390",	    [40] = "arm",
		[62] = "x86-64", [183] = "aarch64", [243] = "riscv"
	};
	unsigned char h[20];
	char *path = strchr(prog, '/') ? g_strdup(prog) :
					 g_find_program_in_path(prog);
	unsigned int m;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = fd < 0 ? 0 : read(fd, h, sizeof(h));

	g_free(path);
	if (fd >= 0)
		close(fd);
	if (n < (ssize_t)sizeof(h) || memcmp(h, "\177ELF", 4))
		return 0; /* exec decides */
	m = h[18] | h[19] << 8; /* e_machine, little-endian on x86 */
	if (m == 62 || m == 3)
		return 0;
	fprintf(stderr,
		"vkernel run: cannot run %s: an ELF for %s (e_machine %u), "
		"not x86-64 or i386\n",
		prog,
		m < G_N_ELEMENTS(names) && names[m] ? names[m] :
						      "another machine",
		m);
	return -ENOEXEC;
}

/*
 * Fork the task, traced by this thread with PTRACE_SEIZE (so that an NMI
 * can PTRACE_INTERRUPT it), and let it run.
 */
int os_task_spawn(char *const argv[], int *pid_out)
{
	pid_t parent = getpid(), pid;
	int go[2], ready[2], status, err = 0;
	char c;

	if (check_elf_machine(argv[0]))
		return -ENOEXEC;
	if (pipe2(go, O_CLOEXEC))
		return -errno;
	if (pipe2(ready, O_CLOEXEC)) {
		err = -errno;
		close(go[0]);
		close(go[1]);
		return err;
	}
	pid = fork();
	if (pid < 0)
		err = -errno;
	if (!pid)
		child_exec(argv, parent, go, ready);
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1)
		err = -ECHILD;
	close(ready[0]);
	if (pid > 0 &&
	    (err || ptrace(PTRACE_SEIZE, pid, NULL, (void *)TRACE_OPTIONS))) {
		err = err ?: -errno;
		kill(pid, SIGKILL);
		waitpid(pid, &status, __WALL);
	}
	if (!err && write(go[1], "g", 1) != 1)
		err = -EPIPE;
	close(go[0]);
	close(go[1]);
	if (!err)
		*pid_out = pid;
	return err;
}

static void event_of_stop(int status, struct os_task_event *ev)
{
	int sig = WSTOPSIG(status), event = status >> 16;

	ev->sig = sig;
	if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	    event == PTRACE_EVENT_CLONE) {
		ev->kind = OS_TEV_NEWTASK;
		ptrace(PTRACE_GETEVENTMSG, ev->pid, NULL, &ev->msg);
	} else if (event == PTRACE_EVENT_EXEC) {
		ev->kind = OS_TEV_EXEC;
	} else if (event == PTRACE_EVENT_EXIT) {
		ev->kind = OS_TEV_EXIT_STOP;
	} else if (event == PTRACE_EVENT_SECCOMP) {
		ev->kind = OS_TEV_SECCOMP;
	} else if (event == PTRACE_EVENT_STOP) {
		/* SIGTRAP: our PTRACE_INTERRUPT; else a group or a new child's stop */
		ev->kind = sig == SIGTRAP ? OS_TEV_INTERRUPT :
					    OS_TEV_GROUP_STOP;
	} else if (event) {
		ev->kind = OS_TEV_OTHER;
	} else if (sig == (SIGTRAP | 0x80)) {
		ev->kind = OS_TEV_SYSCALL_STOP;
	} else {
		siginfo_t si;

		/* a group stop of a TRACEME task has no siginfo */
		if (ptrace(PTRACE_GETSIGINFO, ev->pid, NULL, &si) &&
		    errno == EINVAL)
			ev->kind = OS_TEV_GROUP_STOP;
		else
			ev->kind = OS_TEV_SIGNAL;
	}
}

/* The next stop or exit of any task of this tracer; -errno on error. */
int os_task_wait(struct os_task_event *ev)
{
	int status;
	pid_t pid;

	do
		pid = waitpid(-1, &status, __WALL);
	while (pid < 0 && errno == EINTR);
	if (pid < 0)
		return -errno;
	memset(ev, 0, sizeof(*ev));
	ev->pid = pid;
	ev->status = status;
	if (WIFEXITED(status)) {
		ev->kind = OS_TEV_EXITED;
		ev->sig = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		ev->kind = OS_TEV_KILLED;
		ev->sig = WTERMSIG(status);
	} else {
		event_of_stop(status, ev);
	}
	return 0;
}

int os_task_resume(int pid, int sig)
{
	return os_task_resume_how(pid, sig, OS_RESUME_CONT);
}

/* Resume as an emulated tracer asked: to the next system call, one step. */
int os_task_resume_how(int pid, int sig, enum os_resume how)
{
	static const enum __ptrace_request req[] = {
		[OS_RESUME_CONT] = PTRACE_CONT,
		[OS_RESUME_SYSCALL] = PTRACE_SYSCALL,
		[OS_RESUME_SINGLESTEP] = PTRACE_SINGLESTEP,
	};

	return ptrace(req[how], pid, NULL, (void *)(long)sig) ? -errno : 0;
}

/*
 * A ptrace request on a stopped task, on behalf of an emulated tracer:
 * data is a value or a buffer of ours; *result what the call returned
 * (the word a PEEK read).
 */
int os_task_ptrace(int pid, long request, unsigned long addr, void *data,
		   long *result)
{
	errno = 0;
	*result =
		ptrace((enum __ptrace_request)request, pid, (void *)addr, data);
	return errno ? -errno : 0;
}

/* A group stop stays a stop (job control) until SIGCONT. */
int os_task_listen(int pid)
{
	return ptrace(PTRACE_LISTEN, pid, NULL, NULL) ? -errno : 0;
}

long os_task_write(int pid, unsigned long addr, const void *buf, size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)addr, len };
	ssize_t n = process_vm_writev(pid, &local, 1, &remote, 1, 0);

	return n < 0 ? -errno : n;
}

/*
 * Stop a running seized task: for an NMI (from its handler), or for an
 * emulated tracer's PTRACE_INTERRUPT.
 */
__nmisafe int os_task_interrupt(int pid)
{
	return syscall(SYS_ptrace, PTRACE_INTERRUPT, pid, 0, 0) ? -errno : 0;
}

int os_task_kill(int pid)
{
	return kill(pid, SIGKILL) ? -errno : 0;
}

int os_task_signal(int pid, int sig)
{
	return kill(pid, sig) ? -errno : 0;
}

int os_task_getsiginfo(int pid, siginfo_t *si)
{
	return ptrace(PTRACE_GETSIGINFO, pid, NULL, si) ? -errno : 0;
}

int os_task_setsiginfo(int pid, const siginfo_t *si)
{
	return ptrace(PTRACE_SETSIGINFO, pid, NULL, si) ? -errno : 0;
}

int os_task_getregs(int pid, struct user_regs_struct *r)
{
	return ptrace(PTRACE_GETREGS, pid, NULL, r) ? -errno : 0;
}

int os_task_setregs(int pid, const struct user_regs_struct *r)
{
	return ptrace(PTRACE_SETREGS, pid, NULL, r) ? -errno : 0;
}

int os_task_getfpregs(int pid, struct user_fpregs_struct *f)
{
	return ptrace(PTRACE_GETFPREGS, pid, NULL, f) ? -errno : 0;
}

long os_task_dr6(int pid)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, pid,
		   (void *)offsetof(struct user, u_debugreg[6]), NULL);
	return errno ? -errno : v;
}

long os_task_read(int pid, unsigned long addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)addr, len };
	ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);

	return n < 0 ? -errno : n;
}

static int read_small_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return 0;
}

int os_task_comm(int pid, char *buf, size_t len)
{
	char path[64];
	int err;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	err = read_small_file(path, buf, len);
	if (!err)
		buf[strcspn(buf, "\n")] = 0;
	return err;
}

/*
 * The mapping holding addr: its protection (OS_PROT_*) and, for the
 * show_unhandled_signals line, its file's base name, start and size.
 * -ENOENT when nothing is mapped there.
 */
int os_task_vma(int pid, unsigned long addr, struct os_task_vma *vma)
{
	char path[64], line[512];
	FILE *f;
	int err = -ENOENT;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi, off;
		char perms[5], name[256] = "";

		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %255[^\n]", &lo, &hi,
			   perms, &off, name) < 4 ||
		    addr < lo || addr >= hi)
			continue;
		vma->start = lo;
		vma->end = hi;
		vma->offset = off;
		vma->prot = (perms[0] == 'r' ? OS_PROT_READ : 0) |
			    (perms[1] == 'w' ? OS_PROT_WRITE : 0) |
			    (perms[2] == 'x' ? OS_PROT_EXEC : 0);
		snprintf(vma->name, sizeof(vma->name), "%s",
			 strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
		err = 0;
		break;
	}
	fclose(f);
	return err;
}

/* The signals the task catches (SigCgt), so that they are not "unhandled". */
unsigned long long os_task_sigcgt(int pid)
{
	char path[64], buf[4096], *p;
	unsigned long long mask;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_small_file(path, buf, sizeof(buf)))
		return 0;
	p = strstr(buf, "SigCgt:");
	if (!p || sscanf(p + 7, "%llx", &mask) != 1)
		return 0;
	return mask;
}

/* The pid behind a task's pidfd (its fdinfo), or -errno. */
int os_task_pidfd_pid(int pid, int fd)
{
	char path[64], buf[1024], *p;
	int target, end = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (read_small_file(path, buf, sizeof(buf)))
		return -EBADF;
	p = strstr(buf, "\nPid:");
	if (p && sscanf(p + 5, "%d", &target) == 1)
		return target;
	/* a /proc/<pid> directory is a pidfd as well */
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return -EBADF;
	buf[n] = 0;
	if (sscanf(buf, "/proc/%d%n", &target, &end) == 1 && !buf[end])
		return target;
	return -EBADF;
}

/* The thread group and process group of a pid, from /proc; -errno. */
/* The parent and process group of a pid, from /proc/PID/stat. */
static int task_stat(int pid, int *ppid, int *pgid)
{
	char path[64], buf[2048], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_small_file(path, buf, sizeof(buf)))
		return -ESRCH;
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %d %d", ppid, pgid) != 2)
		return -ESRCH;
	return 0;
}

int os_task_ids(int pid, int *tgid, int *pgid)
{
	char path[64], buf[2048], *p;
	int ppid;

	if (task_stat(pid, &ppid, pgid))
		return -ESRCH;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_small_file(path, buf, sizeof(buf)))
		return -ESRCH;
	p = strstr(buf, "Tgid:");
	if (!p || sscanf(p + 5, "%d", tgid) != 1)
		return -ESRCH;
	return 0;
}

/* The parent of a pid, from /proc; -errno. */
int os_task_ppid(int pid)
{
	int ppid, pgid;

	return task_stat(pid, &ppid, &pgid) ?: ppid;
}

/* A CPU thread and its tasks share one host CPU (ptrace round trips). */
int os_pin_to_host_cpu(int cpu)
{
	cpu_set_t set;
	int n = (int)sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&set);
	CPU_SET(n > 0 ? cpu % n : 0, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}
