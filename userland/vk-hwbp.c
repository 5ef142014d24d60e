// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-hwbp CASE: the program arms a hardware breakpoint or watchpoint on
 * itself, through a helper child that attaches with ptrace and writes
 * DR0/DR7 with PTRACE_POKEUSER (ptrace_*), or through perf_event_open with
 * sigtrap (perf_*), then takes the trap and prints what its SIGTRAP
 * handler saw, as vk-fault does.  vk-hwbp --list names the cases.
 */
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "vk-case.h"

static sigjmp_buf env;
static const char *label;
static volatile int var;
extern const char exec_insn[], write_insn[], read_insn[];

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;
	const char *a = si->si_addr;

	printf("sig=%d code=%d", sig, si->si_code);
	if (a >= label && a < label + 64)
		printf(" addr=label+%ld", (long)(a - label));
	else if (a == (const char *)&var)
		printf(" addr=var");
	else
		printf(" addr=%p", si->si_addr);
	printf(" trapno=%lld err=%#llx", (long long)g[REG_TRAPNO],
	       (long long)g[REG_ERR]);
	if (si->si_code == 6) /* TRAP_PERF: _perf follows si_addr */
		printf(" perf_data=%#lx perf_type=%u",
		       ((unsigned long *)&si->si_addr)[1],
		       ((unsigned int *)&si->si_addr)[4]);
	printf("\n");
	siglongjmp(env, 1);
}

/* The helper: attach to the parent, arm DR0 and DR7, detach. */
static int helper(pid_t parent, int go, unsigned long addr, unsigned long dr7)
{
	int status;
	char c;

	if (read(go, &c, 1) != 1)
		return 10;
	if (ptrace(PTRACE_ATTACH, parent, NULL, NULL))
		return 11;
	if (waitpid(parent, &status, 0) != parent || !WIFSTOPPED(status) ||
	    WSTOPSIG(status) != SIGSTOP)
		return 12;
	if (ptrace(PTRACE_POKEUSER, parent,
		   (void *)offsetof(struct user, u_debugreg[0]),
		   (void *)addr) ||
	    ptrace(PTRACE_POKEUSER, parent,
		   (void *)offsetof(struct user, u_debugreg[7]), (void *)dr7))
		return 13;
	return ptrace(PTRACE_DETACH, parent, NULL, NULL) ? 14 : 0;
}

/* DR7: L0, and R/W0 and LEN0 (0 execute, 1 write, 3 read or write). */
static int arm(unsigned long addr, unsigned int rw, unsigned int len)
{
	unsigned long dr7 = 1 | rw << 16 | len << 18;
	pid_t parent = getpid(), h;
	int go[2], status;

	if (pipe(go))
		return -1;
	h = fork();
	if (h < 0)
		return -1;
	if (!h)
		_exit(helper(parent, go[0], addr, dr7));
	prctl(PR_SET_PTRACER, h, 0, 0, 0); /* Yama: let the child attach */
	if (write(go[1], "g", 1) != 1 || waitpid(h, &status, 0) != h ||
	    !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("helper failed: status %#x\n", status);
		return -1;
	}
	return 0;
}

/* The same through perf: the signal is the event's (TRAP_PERF). */
static int arm_perf(unsigned long addr, unsigned int rw, unsigned int len)
{
	static const unsigned int bp_type[] = { HW_BREAKPOINT_X,
						HW_BREAKPOINT_W, 0,
						HW_BREAKPOINT_RW };
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_BREAKPOINT;
	a.size = sizeof(a);
	a.bp_type = bp_type[rw];
	a.bp_addr = addr;
	a.bp_len = rw ? len + 1 : sizeof(long);
	a.sample_period = 1;
	a.sigtrap = 1;
	a.remove_on_exec = 1;
	a.exclude_kernel = 1;
	a.sig_data = 0x5eed;
	if (syscall(SYS_perf_event_open, &a, 0, -1, -1, 0) < 0) {
		perror("perf_event_open");
		return -1;
	}
	return 0;
}

static void c_exec(void)
{
	asm volatile(".globl exec_insn\nexec_insn:\n\tnop\n\tnop" ::: "memory");
}

static void c_write(void)
{
	asm volatile(".globl write_insn\nwrite_insn:\n\tmovl $1, %0\n\tnop"
		     : "=m"(var)::"memory");
}

static void c_read(void)
{
	int v;

	asm volatile(".globl read_insn\nread_insn:\n\tmovl %1, %0\n\tnop"
		     : "=r"(v)
		     : "m"(var)
		     : "memory");
}

static const struct hwbp_case {
	const char *name;
	void (*fn)(void);
	const char *label;
	unsigned int rw, len;
	int (*arm)(unsigned long addr, unsigned int rw, unsigned int len);
} cases[] = {
	{ "ptrace_exec", c_exec, exec_insn, 0, 0, arm },
	{ "ptrace_write", c_write, write_insn, 1, 3, arm },
	{ "ptrace_rw", c_read, read_insn, 3, 3, arm },
	{ "perf_exec", c_exec, exec_insn, 0, 0, arm_perf },
	{ "perf_write", c_write, write_insn, 1, 3, arm_perf },
	{ "perf_rw", c_read, read_insn, 3, 3, arm_perf },
};

int main(int argc, char **argv)
{
	static const struct hwbp_case *c;
	struct sigaction sa;
	int k = VK_CASE_PICK(argc, argv, cases,
			     "vk-hwbp CASE (vk-hwbp --list)");

	if (k < 0)
		return k == VK_CASE_LIST ? 0 : 2;
	c = &cases[k];
	setvbuf(stdout, NULL, _IONBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGTRAP, &sa, NULL);
	printf("case %s\n", c->name);
	label = c->label;
	if (c->arm(c->rw ? (unsigned long)&var : (unsigned long)c->label, c->rw,
		   c->len))
		return 1;
	if (!sigsetjmp(env, 1))
		c->fn();
	else
		printf("trapped\n");
	return 0;
}
