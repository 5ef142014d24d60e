// SPDX-License-Identifier: GPL-2.0-only
/*
 * The storm's userland task (vkernel storm-task SEED): faults a few dozen
 * times (int3, ud2, a divide by zero, a NULL write, in an order drawn
 * from SEED) and checks that each fault brought exactly its own signal,
 * with the si_code and si_addr the host kernel gives, and nothing else.
 * Exit 0 when so; 1, with one line on stderr, when not.  Natively it
 * exits 0 too: the expectations are the host's.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAULTS 24

static sigjmp_buf back;
static volatile sig_atomic_t got_sig, got_code, got_count;
static void *volatile got_addr;
extern const char storm_task_ud2[];

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = si->si_addr;
	got_count++;
	siglongjmp(back, 1);
}

struct expect {
	int sig, code;
	const void *addr; /* NULL: not checked */
};

static void raise_fault(int kind, volatile int *zero)
{
	switch (kind) {
	case 0:
		asm volatile("int3");
		break;
	case 1:
		asm volatile(".globl storm_task_ud2\nstorm_task_ud2:\n\tud2");
		break;
	case 2: /* in asm: a sanitizer would check a C division first */
		asm volatile("movl $10, %%eax\n\txorl %%edx, %%edx\n\tdivl %0"
			     :
			     : "m"(*zero)
			     : "eax", "edx", "memory");
		break;
	default:
		asm volatile("movl $1, 0x10" ::: "memory");
		break;
	}
}

static struct expect expected(int kind)
{
	static const struct expect e[] = {
		{ SIGTRAP, 0x80 /* SI_KERNEL */, NULL },
		{ SIGILL, ILL_ILLOPN, storm_task_ud2 },
		{ SIGFPE, FPE_INTDIV, NULL },
		{ SIGSEGV, SEGV_MAPERR, (void *)0x10 },
	};

	return e[kind];
}

static int one_fault(int kind)
{
	static volatile int zero;
	struct expect e = expected(kind);
	int before = got_count;

	if (!sigsetjmp(back, 1)) {
		raise_fault(kind, &zero);
		fprintf(stderr, "storm-task: fault %d raised no signal\n",
			kind);
		return 1;
	}
	if (got_count != before + 1 || got_sig != e.sig || got_code != e.code ||
	    (e.addr && got_addr != e.addr)) {
		fprintf(stderr,
			"storm-task: fault %d: signal %d code %d addr %p, want %d %d %p\n",
			kind, (int)got_sig, (int)got_code, got_addr, e.sig,
			e.code, e.addr);
		return 1;
	}
	return 0;
}

int vk_storm_task(int argc, char **argv)
{
	struct sigaction sa;
	unsigned long long seed = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
	int sigs[] = { SIGTRAP, SIGILL, SIGFPE, SIGSEGV }, i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, NULL);
	for (i = 0; i < FAULTS; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		if (one_fault((int)(seed >> 62)))
			return 1;
	}
	return 0;
}
