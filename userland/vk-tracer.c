// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-tracer CASE: a task that traces its child with ptrace(2) and prints
 * every stop its waitpid sees, with what PTRACE_GETSIGINFO, GETREGS and
 * PEEKDATA say.  Under vkernel run the ptrace is emulated, and the output
 * must be the same as natively.  vk-tracer --list names the cases.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile long magic = 0x1111;
extern const char trace_int3[], trace_ud2[];

static void on_usr1(int sig)
{
	printf("child: got signal %d\n", sig);
}

static void child_body(const char *name)
{
	signal(SIGUSR1, on_usr1);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		_exit(100);
	raise(SIGSTOP);
	if (!strcmp(name, "traceme")) {
		asm volatile(".globl trace_int3\ntrace_int3:\n\tint3\n\tnop");
		printf("child: magic=%#lx\n", magic);
		_exit(7);
	}
	if (!strcmp(name, "signals")) {
		kill(getpid(), SIGUSR1);
		asm volatile(".globl trace_ud2\ntrace_ud2:\n\tud2");
	}
	if (!strcmp(name, "syscalls"))
		syscall(SYS_getppid);
	if (!strcmp(name, "seize") || !strcmp(name, "exitkill"))
		for (;;)
			asm volatile("" ::: "memory");
	_exit(0);
}

/* One stop or the end, as waitpid reports it; 0 when the child is gone. */
static int report(pid_t pid)
{
	siginfo_t si;
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		printf("waitpid failed\n");
		return 0;
	}
	if (WIFEXITED(status)) {
		printf("exited %d\n", WEXITSTATUS(status));
		return 0;
	}
	if (WIFSIGNALED(status)) {
		printf("killed by %d\n", WTERMSIG(status));
		return 0;
	}
	printf("stop %#x sig=%d", status >> 8, WSTOPSIG(status));
	if (WSTOPSIG(status) != (SIGTRAP | 0x80) && !(status >> 16) &&
	    !ptrace(PTRACE_GETSIGINFO, pid, NULL, &si))
		printf(" si_signo=%d si_code=%d", si.si_signo, si.si_code);
	printf("\n");
	return 1;
}

static unsigned long rip_of(pid_t pid)
{
	struct user_regs_struct r;

	return ptrace(PTRACE_GETREGS, pid, NULL, &r) ? 0 : r.rip;
}

static void case_traceme(pid_t pid)
{
	long v;

	v = ptrace(PTRACE_PEEKDATA, pid, (void *)&magic, NULL);
	printf("peek magic=%#lx\n", v);
	ptrace(PTRACE_POKEDATA, pid, (void *)&magic, (void *)0x1234L);
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	if (!report(pid))
		return;
	printf("int3 stop at trace_int3%+ld\n",
	       (long)(rip_of(pid) - (unsigned long)trace_int3));
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	report(pid);
}

static void case_step(pid_t pid)
{
	int i;

	for (i = 0; i < 5; i++) {
		ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL);
		if (!report(pid))
			return;
	}
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	report(pid);
}

static void case_syscalls(pid_t pid)
{
	struct user_regs_struct r;

	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_TRACESYSGOOD);
	for (;;) {
		ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
		if (!report(pid))
			return;
		if (!ptrace(PTRACE_GETREGS, pid, NULL, &r))
			printf("  orig_rax=%lld\n", (long long)r.orig_rax);
	}
}

static void case_signals(pid_t pid)
{
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	if (!report(pid)) /* SIGUSR1: pass it on */
		return;
	ptrace(PTRACE_CONT, pid, NULL, (void *)SIGUSR1);
	if (!report(pid)) /* SIGILL from ud2 */
		return;
	printf("ud2 stop at trace_ud2%+ld\n",
	       (long)(rip_of(pid) - (unsigned long)trace_ud2));
	ptrace(PTRACE_KILL, pid, NULL, NULL);
	report(pid);
}

static void case_seize(pid_t pid)
{
	/* the child stopped itself once: let it go, seize... not allowed */
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)PTRACE_O_EXITKILL))
		printf("seize failed\n");
	ptrace(PTRACE_INTERRUPT, pid, NULL, NULL);
	report(pid);
	ptrace(PTRACE_KILL, pid, NULL, NULL);
	report(pid);
}

/* The tracer exits: PTRACE_O_EXITKILL takes the busy child with it. */
static void case_exitkill(pid_t pid)
{
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)PTRACE_O_EXITKILL))
		printf("seize failed\n");
	printf("tracer exits\n");
}

/*
 * strace's test_ptrace_seize, many times over: a new child seized at
 * once, before vkernel may have seen it stop, must never report a stop.
 */
static void case_seize_new(pid_t pid)
{
	int i, status, odd = 0;
	pid_t q;

	for (i = 0; i < 200; i++) {
		q = fork();
		if (!q) {
			pause();
			_exit(0);
		}
		if (ptrace(PTRACE_SEIZE, q, NULL, NULL))
			odd++;
		kill(q, SIGKILL);
		if (waitpid(q, &status, 0) != q || !WIFSIGNALED(status))
			odd++;
	}
	printf("200 new children seized and killed: %d odd\n", odd);
	ptrace(PTRACE_KILL, pid, NULL, NULL);
	report(pid);
}

static const struct {
	const char *name;
	void (*fn)(pid_t pid);
} cases[] = {
	{ "traceme", case_traceme },	 { "step", case_step },
	{ "syscalls", case_syscalls },	 { "signals", case_signals },
	{ "seize", case_seize },	 { "exitkill", case_exitkill },
	{ "seize_new", case_seize_new },
};

int main(int argc, char **argv)
{
	unsigned int i;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 0; argc == 2 && i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!strcmp(argv[1], "--list")) {
			printf("%s\n", cases[i].name);
			continue;
		}
		if (strcmp(argv[1], cases[i].name))
			continue;
		printf("case %s\n", cases[i].name);
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid)
			child_body(cases[i].name);
		if (report(pid)) /* the child's SIGSTOP */
			cases[i].fn(pid);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--list"))
		return 0;
	fprintf(stderr, "usage: vk-tracer CASE (vk-tracer --list)\n");
	return 2;
}
