// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NMI line's checker (see asm/nmi_check.h).  It observes the
 * hardware side only: what a delivery interrupted and what the IRET at
 * its end returned to, the pin's counters and the NMI stack's memory.
 */
#include <asm/cpu.h>
#include <asm/flight.h>
#include <asm/nmi_check.h>
#include <asm/nmi_hw.h>
#include <asm/segment.h>

#define NMI_CANARY 0x6e6d6963616e6172UL /* "ranacimn" */
#define NMI_CHK_MAX_DEPTH 8

const char *const nmi_point_names[NR_NMI_POINTS] = {
	[NMI_PT_BASE] = "base",
	[NMI_PT_ENTRY] = "asm_exc_nmi",
	[NMI_PT_FIRST] = "first_nmi",
	[NMI_PT_COPIED] = "first_nmi:outermost_copied",
	[NMI_PT_REPEAT] = "repeat_nmi",
	[NMI_PT_END_REPEAT] = "end_repeat_nmi",
	[NMI_PT_RESTORE_A] = "nmi_restore:first",
	[NMI_PT_RESTORE_B] = "nmi_restore:second",
	[NMI_PT_NESTED] = "nested_nmi",
	[NMI_PT_EXC_ENTER] = "exc_nmi:executing",
	[NMI_PT_CR2_SAVED] = "exc_nmi:cr2_saved",
	[NMI_PT_DB_SAVED] = "exc_nmi:db_saved",
	[NMI_PT_HANDLED] = "exc_nmi:handled",
	[NMI_PT_DB_RESTORED] = "exc_nmi:db_restored",
	[NMI_PT_CR2_RESTORED] = "exc_nmi:cr2_restored",
	[NMI_PT_HANDLER_IN] = "handler:in",
	[NMI_PT_HANDLER_MID] = "handler:mid",
	[NMI_PT_HANDLER_OUT] = "handler:out",
};

const char *const nmi_check_names[NR_NMI_CHECKS] = {
	[NMI_CHK_NONE] = "none",	[NMI_CHK_REENTRY] = "reentry",
	[NMI_CHK_FRAME] = "frame",	[NMI_CHK_STACK] = "stack",
	[NMI_CHK_CR2] = "cr2",		[NMI_CHK_DR7] = "dr7",
	[NMI_CHK_LATCH] = "latch",	[NMI_CHK_ACCOUNT] = "accounting",
	[NMI_CHK_SIGNALS] = "signals",	[NMI_CHK_STUCK] = "stuck",
	[NMI_CHK_UNREG] = "unregister", [NMI_CHK_LEAK] = "leak",
	[NMI_CHK_CRASH] = "crash",	[NMI_CHK_DEBUGGER] = "debugger",
};

int nmi_checks_on;
void (*nmi_point_hook)(int id, unsigned long ip);
static void (*check_report)(int kind, int cpu, unsigned long a,
			    unsigned long b);

static const int canary_words[] = { 0, 1, NMIST_PT_REGS - 1,
				    NMIST_PT_REGS - 2 };

void nmi_check_reset(int cpu)
{
	struct nmi_line *n = &sim_cpus[cpu].nmi;
	unsigned int i;

	n->chk_depth = 0;
	for (i = 0; i < ARRAY_SIZE(canary_words); i++)
		n->ist->w[canary_words[i]] = NMI_CANARY;
}

void nmi_check_start(void (*report)(int, int, unsigned long, unsigned long))
{
	int cpu;

	check_report = report;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (sim_cpus[cpu].nmi.ist)
			nmi_check_reset(cpu);
	}
	__atomic_store_n(&nmi_checks_on, 1, __ATOMIC_RELEASE);
}

void nmi_check_stop(void)
{
	__atomic_store_n(&nmi_checks_on, 0, __ATOMIC_RELEASE);
}

__nmisafe void nmi_check_fail(int kind, unsigned long a, unsigned long b)
{
	void (*report)(int, int, unsigned long, unsigned long) =
		READ_ONCE(check_report);

	if (!READ_ONCE(nmi_checks_on) || !report)
		return;
	flight_record(FL_VIOLATION, a, b);
	report(kind, smp_processor_id(), a, b);
}

/* The "iret" frame: a copy of the "outermost" one, or sent to repeat_nmi. */
static __nmisafe int iret_frame_ok(const unsigned long *w)
{
	int i;

	if (w[NMIST_IRET_RIP] == (unsigned long)repeat_nmi)
		return w[NMIST_IRET_CS] == __KERNEL_CS &&
		       w[NMIST_IRET_RSP] == (unsigned long)&w[NMIST_OUTER_RIP];
	for (i = 0; i < 5; i++) {
		if (w[NMIST_IRET_RIP + i] != w[NMIST_OUTER_RIP + i])
			return 0;
	}
	return 1;
}

static __nmisafe int in_handler_point(int id)
{
	return id >= NMI_PT_EXC_ENTER && id <= NMI_PT_HANDLER_OUT;
}

__nmisafe void nmi_check_stack(int id)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	const unsigned long *w = n->ist->w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(canary_words); i++) {
		if (w[canary_words[i]] != NMI_CANARY)
			nmi_check_fail(NMI_CHK_STACK, canary_words[i],
				       w[canary_words[i]]);
	}
	/* the naive entry has no "NMI executing": its pt_regs are there */
	if (nmi_entry_kind != NMI_ENTRY_UPSTREAM)
		return;
	if (w[NMIST_EXECUTING] > 1)
		nmi_check_fail(NMI_CHK_STACK, NMIST_EXECUTING,
			       w[NMIST_EXECUTING]);
	/* the kernel-mode path of the upstream entry, in the handler */
	if (!in_handler_point(id) || !n->chk_depth ||
	    n->chk[n->chk_depth - 1].flags & 0x1UL)
		return;
	if (w[NMIST_EXECUTING] != 1)
		nmi_check_fail(NMI_CHK_STACK, NMIST_EXECUTING,
			       w[NMIST_EXECUTING]);
	if (!iret_frame_ok(w))
		nmi_check_fail(NMI_CHK_STACK, NMIST_IRET_RIP,
			       w[NMIST_IRET_RIP]);
}

/* In a delivery, after taken++: what waits behind the pin. */
static __nmisafe long nmi_pending(const struct sim_cpu *c)
{
	const struct nmi_line *n = &c->nmi;

	return (long)(READ_ONCE(n->received) - READ_ONCE(n->lost) -
		      READ_ONCE(n->taken) - READ_ONCE(c->user_nmis) -
		      READ_ONCE(c->user_nmis_taking));
}

/* An NMI arrived while blocked: it waits in the latch, or is lost. */
__nmisafe void nmi_check_latch(void)
{
	const struct sim_cpu *c = this_sim_cpu();
	long pending = nmi_pending(c);

	if (READ_ONCE(nmi_checks_on) && pending > 1)
		nmi_check_fail(NMI_CHK_LATCH, pending, c->nmi.received);
}

__nmisafe void nmi_check_enter(struct pt_regs *regs)
{
	struct sim_cpu *c = this_sim_cpu();
	struct nmi_line *n = &c->nmi;
	struct nmi_chk *k;
	long pending = nmi_pending(c);

	if (pending > 1)
		nmi_check_fail(NMI_CHK_LATCH, pending, n->taken);
	if (n->chk_depth >= NMI_CHK_MAX_DEPTH) {
		nmi_check_fail(NMI_CHK_STACK, n->chk_depth, regs->ip);
		n->chk_depth++;
		return;
	}
	flight_record(FL_NMI_IN, regs->ip, n->chk_depth);
	k = &n->chk[n->chk_depth++];
	k->ip = regs->ip;
	k->sp = regs->sp;
	/* bit 0: the interrupted context was user mode */
	k->flags = (regs->flags & ~0x1UL) | ((regs->cs & 3) ? 1 : 0);
	k->cr2 = c->cr2;
	k->dr7 = c->dr7;
	nmi_check_stack(NMI_PT_ENTRY);
}

__nmisafe void nmi_check_exit(struct pt_regs *regs)
{
	struct sim_cpu *c = this_sim_cpu();
	struct nmi_line *n = &c->nmi;
	int depth = n->chk_depth - 1;
	struct nmi_chk k;

	if (depth < 0 || depth >= NMI_CHK_MAX_DEPTH) {
		n->chk_depth = depth < 0 ? 0 : depth;
		return;
	}
	/*
	 * NMIs are unblocked already: one may come once the slot is free,
	 * and reuse it.  So the entry is copied out first.
	 */
	k = n->chk[depth];
	barrier();
	n->chk_depth = depth;
	flight_record(FL_NMI_OUT, regs->ip, depth);
	if (regs->ip != k.ip || regs->sp != k.sp) {
		nmi_check_fail(NMI_CHK_FRAME, k.ip, regs->ip);
		/* back where it belongs, so that the machine survives */
		regs->ip = k.ip;
		regs->sp = k.sp;
	}
	if (c->cr2 != k.cr2)
		nmi_check_fail(NMI_CHK_CR2, k.cr2, c->cr2);
	if (c->dr7 != k.dr7)
		nmi_check_fail(NMI_CHK_DR7, k.dr7, c->dr7);
}
