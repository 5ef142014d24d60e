// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench: the kernel-mode trap round trip (int3 in kernel code through
 * the simulated CPU, the IDT, exc_int3 and an int3 hook, back through the
 * simulated IRET) against a bare SIGTRAP handler on a sigaltstack, in the
 * same process.  Prints the ratio; the goal is at most 1.3x.  Then one NMI
 * through the entry logic, exc_nmi and a handler against a bare realtime
 * signal handler (goal 1.2x), and the NMI rate one CPU absorbs.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <asm/cpu.h>
#include <asm/traps.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <asm/apic.h>
#include <asm/nmi_hw.h>
#include <linux/int3.h>
#include <linux/nmi.h>
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

#define NMI_SIG 40
#define NMI_ITERS 100000

static __nmisafe int bench_nmi(unsigned int type, struct pt_regs *regs)
{
	(void)type;
	(void)regs;
	return NMI_HANDLED;
}

static double tgkill_loop_ns(void)
{
	unsigned long long t0 = now_ns();
	int pid = getpid(), tid = (int)syscall(SYS_gettid), i;

	for (i = 0; i < NMI_ITERS; i++)
		syscall(SYS_tgkill, pid, tid, NMI_SIG);
	return (double)(now_ns() - t0) / NMI_ITERS;
}

/*
 * vk_nmi_round()'s arch_trap_exit() leaves the pin blocked (an NMI after
 * halt is dropped); the bare handler needs it open, or tgkill would only
 * queue.
 */
static double bare_rt_round(void)
{
	struct sigaction sa, old;
	sigset_t pin, saved;
	double r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = bare_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&pin);
	sigaddset(&pin, NMI_SIG);
	sigaction(NMI_SIG, &sa, &old);
	pthread_sigmask(SIG_UNBLOCK, &pin, &saved);
	r = tgkill_loop_ns();
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	sigaction(NMI_SIG, &old, NULL);
	return r;
}

static double vk_nmi_round(void)
{
	double r;

	trap_init();
	r = tgkill_loop_ns();
	arch_trap_exit();
	return r;
}

#define FLOOD_NS 500000000ULL
static volatile int flooding;

/*
 * The flood times itself: under it the target CPU may take NMI after NMI
 * without running an instruction in between, as a real NMI storm can.
 */
static void *flood_thread(void *arg)
{
	int pid = getpid(), tid = *(int *)arg;
	unsigned long long t0 = now_ns();

	while (now_ns() - t0 < FLOOD_NS)
		syscall(SYS_tgkill, pid, tid, NMI_SIG);
	flooding = 0;
	return NULL;
}

/* NMIs taken per second by one CPU while another thread floods its pin */
static void sustained_rate(void)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	unsigned long taken0, lost0, recv0;
	unsigned long long t0, el;
	int tid = (int)syscall(SYS_gettid);
	pthread_t t;

	trap_init();
	taken0 = n->taken;
	lost0 = n->lost;
	recv0 = n->received;
	flooding = 1;
	t0 = now_ns();
	pthread_create(&t, NULL, flood_thread, &tid);
	while (flooding)
		barrier();
	pthread_join(t, NULL);
	el = now_ns() - t0;
	arch_trap_exit();
	printf("sustained NMI rate on one CPU: %.0f taken/s (%.0f received/s, %lu lost to the latch)\n",
	       (n->taken - taken0) * 1e9 / el, (n->received - recv0) * 1e9 / el,
	       n->lost - lost0);
}

/* Alternate the two, keep the best round of each. */
static void best_of(double (*bare_fn)(void), double (*vk_fn)(void),
		    double *bare, double *vk)
{
	int i;

	*bare = *vk = 1e18;
	for (i = 0; i < ROUNDS; i++) {
		double b = bare_fn(), v = vk_fn();

		*bare = b < *bare ? b : *bare;
		*vk = v < *vk ? v : *vk;
	}
}

static void bench_nmis(void)
{
	double bare, vk;

	register_nmi_handler(NMI_LOCAL, bench_nmi, 0, "bench");
	best_of(bare_rt_round, vk_nmi_round, &bare, &vk);
	printf("NMI through the full path: vkernel %.0f ns, bare realtime-signal handler %.0f ns\n",
	       vk, bare);
	printf("ratio: %.2fx (goal <= 1.20x), best of %d rounds of %d NMIs\n",
	       vk / bare, ROUNDS, NMI_ITERS);
	sustained_rate();
	unregister_nmi_handler(NMI_LOCAL, "bench");
}

int main(void)
{
	double bare = 1e18, vk = 1e18;

	arch_cpu_init_this(0); /* its sigaltstack serves both */
	init_idle(0);
	hook.addr = (unsigned long)bench_int3_insn;
	if (register_int3_hook(&hook)) {
		fprintf(stderr,
			"vkernel-bench: cannot register the int3 hook\n");
		return 1;
	}
	if (!getenv("VK_BENCH_NMI_ONLY"))
		best_of(bare_round, vk_round, &bare, &vk);
	printf("kernel-mode int3 round trip: vkernel %.0f ns, bare SIGTRAP handler %.0f ns\n",
	       vk, bare);
	printf("ratio: %.2fx (goal <= 1.30x), best of %d rounds of %d traps\n",
	       vk / bare, ROUNDS, ITERS);
	bench_nmis();
	return 0;
}
