// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench: the kernel-mode trap round trip (int3 in kernel code through
 * the simulated CPU, the IDT, exc_int3 and an int3 hook, back through the
 * simulated IRET) against a bare SIGTRAP handler on a sigaltstack, in the
 * same process.  Prints the ratio; the goal is at most 1.3x.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <asm/cpu.h>
#include <asm/traps.h>
#include <linux/int3.h>
#include <linux/sched.h>
#include <linux/traps.h>

#define ROUNDS 7
#define ITERS 200000

extern const char bench_int3_insn[];

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static __attribute__((noinline)) double loop_ns(void)
{
	unsigned long long t0 = now_ns();
	int i;

	for (i = 0; i < ITERS; i++)
		asm volatile(".globl bench_int3_insn\n"
			     "bench_int3_insn:\n\tint3" ::
				     : "memory");
	return (double)(now_ns() - t0) / ITERS;
}

static void bare_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static __nmisafe int bench_hook(struct int3_hook *h, struct pt_regs *regs)
{
	(void)h;
	(void)regs;
	return 1;
}

static struct int3_hook hook = { .handler = bench_hook };

static double bare_round(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = bare_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigaction(SIGTRAP, &sa, &old);
	double r = loop_ns();

	sigaction(SIGTRAP, &old, NULL);
	return r;
}

static double vk_round(void)
{
	trap_init();
	double r = loop_ns();

	arch_trap_exit();
	return r;
}

int main(void)
{
	double bare = 1e18, vk = 1e18;
	int i;

	arch_cpu_init_this(0); /* its sigaltstack serves both */
	init_idle(0);
	hook.addr = (unsigned long)bench_int3_insn;
	if (register_int3_hook(&hook)) {
		fprintf(stderr,
			"vkernel-bench: cannot register the int3 hook\n");
		return 1;
	}
	for (i = 0; i < ROUNDS; i++) {
		double b = bare_round(), v = vk_round();

		bare = b < bare ? b : bare;
		vk = v < vk ? v : vk;
	}
	printf("kernel-mode int3 round trip: vkernel %.0f ns, bare SIGTRAP handler %.0f ns\n",
	       vk, bare);
	printf("ratio: %.2fx (goal <= 1.30x), best of %d rounds of %d traps\n",
	       vk / bare, ROUNDS, ITERS);
	return 0;
}
