// SPDX-License-Identifier: GPL-2.0-only
/*
 * The storm's invariants on the kernel side: the first violation (from
 * any context), and the NMI accounting of each CPU, which must add up
 * exactly once the pins are quiet:
 *
 *   sent     == received              (the host lost no signal)
 *   received == taken + lost          (lost: found the one-deep latch full)
 *   taken    == passes + merged       (passes: default_do_nmi runs;
 *                                      merged: joined a pass already due,
 *                                      in nmi_state, at repeat_nmi, or in
 *                                      a repeat already requested)
 */
#include <asm/cpu.h>
#include <asm/flight.h>
#include <asm/timex.h>
#include <linux/nmi.h>
#include "storm.h"

struct storm_violation storm_violation;
static int storm_violated;

__nmisafe void storm_fail(int kind, int cpu, unsigned long a, unsigned long b)
{
	if (__atomic_exchange_n(&storm_violated, 1, __ATOMIC_ACQ_REL))
		return;
	flight_freeze();
	storm_violation.kind = kind;
	storm_violation.cpu = cpu;
	storm_violation.a = a;
	storm_violation.b = b;
	storm_violation.ts = local_clock();
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

__nmisafe int storm_failed(void)
{
	return __atomic_load_n(&storm_violated, __ATOMIC_ACQUIRE);
}

void storm_fail_reset(void)
{
	__atomic_store_n(&storm_violated, 0, __ATOMIC_RELEASE);
	storm_violation.kind = NMI_CHK_NONE;
}

enum { A_SENT, A_RECEIVED, A_TAKEN, A_LOST, A_PASSES, A_MERGED };

static void account_now(int cpu, unsigned long *w)
{
	const struct nmi_line *n = &sim_cpus[cpu].nmi;
	const struct nmi_stats *k = nmi_cpu_stats(cpu);

	w[A_SENT] = __atomic_load_n(&n->sent, __ATOMIC_ACQUIRE);
	w[A_RECEIVED] = n->received;
	w[A_TAKEN] = n->taken;
	w[A_LOST] = n->lost;
	w[A_PASSES] = k->passes;
	w[A_MERGED] = k->merged + n->nested_out + n->nested_merged;
}

void storm_account_base(int cpu, unsigned long *base)
{
	account_now(cpu, base);
}

/* 0 when it adds up; else the failed equation (1-3), reported. */
int storm_account(int cpu, const unsigned long *base)
{
	unsigned long w[STORM_ACCOUNT_WORDS];
	int i;

	account_now(cpu, w);
	for (i = 0; i <= A_MERGED; i++)
		w[i] -= base[i];
	if (w[A_SENT] != w[A_RECEIVED]) {
		storm_fail(NMI_CHK_ACCOUNT, cpu, 1, w[A_SENT] - w[A_RECEIVED]);
		return 1;
	}
	if (w[A_RECEIVED] != w[A_TAKEN] + w[A_LOST]) {
		storm_fail(NMI_CHK_ACCOUNT, cpu, 2,
			   w[A_RECEIVED] - w[A_TAKEN] - w[A_LOST]);
		return 2;
	}
	if (w[A_TAKEN] != w[A_PASSES] + w[A_MERGED]) {
		storm_fail(NMI_CHK_ACCOUNT, cpu, 3,
			   w[A_TAKEN] - w[A_PASSES] - w[A_MERGED]);
		return 3;
	}
	return 0;
}
