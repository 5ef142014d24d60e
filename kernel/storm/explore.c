// SPDX-License-Identifier: GPL-2.0-only
/*
 * The deterministic explorer: one CPU, and no host signal decides when an
 * NMI comes.  A run starts at the "base" point; at each named
 * instrumentation point the run passes (asm/nmi_check.h) a schedule may
 * inject an NMI (the pin raised at that instruction boundary), an NMI
 * from user mode (at the base only), or, inside an NMI handler, an int3,
 * a single step or a vmalloc fault (real ones: their IRETs unblock NMIs).
 * Runs are repeatable, so every schedule of up to K injections can be
 * enumerated (bounded model checking, by iterative deepening: the first
 * violation found is one with the fewest injections), replayed from its
 * text, or chosen by fuzzer input bytes.
 */
#define pr_fmt(fmt) "explore: " fmt
#include <asm/debugreg.h>
#include <asm/flight.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/special_insns.h>
#include <asm/timex.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <string.h>
#include <stdio.h>
#include "explore.h"
#include "storm.h"

#define X_MAX_VISITS 2048
#define X_CR2 0xc2c2c000UL /* cr2 at the base: what every NMI must keep */
#define X_USER_NMI NR_STORM_KINDS /* an action: an NMI from user mode */

static struct xsched cur;
static int visit, next_in, fuzzing;
static const unsigned char *fuzz_data;
static size_t fuzz_left;
static unsigned char vpoint[X_MAX_VISITS];
static unsigned long x_runs, x_account[STORM_ACCOUNT_WORDS];
static int x_target;

const char *explore_action_name(int act)
{
	return act == X_USER_NMI ? "user-nmi" : storm_kind_names[act];
}

/* What may be injected at a point: NMIs anywhere, exceptions in handlers. */
static __nmisafe unsigned int allowed_at(int id)
{
	if (id == NMI_PT_BASE)
		return (1u << STORM_NMI) | (1u << X_USER_NMI);
	if (id >= NMI_PT_HANDLER_IN && id <= NMI_PT_HANDLER_OUT)
		return (1u << STORM_NMI) | (1u << STORM_INT3) |
		       (1u << STORM_DB) | (1u << STORM_PF);
	return 1u << STORM_NMI;
}

static __nmisafe void x_abort(void)
{
	WRITE_ONCE(nmi_point_hook, NULL);
	arch_rewind();
}

static __nmisafe void x_inject_nmi(unsigned long ip, int user)
{
	struct pt_regs ctx = { 0 };

	ctx.ip = ip; /* nmi_raise presents the entry code's context */
	ctx.sp = (unsigned long)__builtin_frame_address(0);
	ctx.flags = X86_EFLAGS_FIXED | X86_EFLAGS_IF;
	ctx.cs = __KERNEL_CS;
	ctx.ss = __KERNEL_DS;
	if (user) { /* a task's registers, as the CPU had them */
		ctx.ip = 0x401000UL;
		ctx.sp = 0x7ffffffde000UL;
		ctx.cs = __USER_CS;
		ctx.ss = __USER_DS;
	}
	nmi_raise(&ctx);
}

static __nmisafe int x_next_action(int v, int id)
{
	unsigned int ok = allowed_at(id), n = 0, i;
	unsigned char b;

	if (!fuzzing) {
		if (next_in < cur.n && cur.in[next_in].visit == v)
			return cur.in[next_in++].act;
		return -1;
	}
	if (!fuzz_left || cur.n >= X_MAX_DEPTH)
		return -1;
	b = *fuzz_data++;
	fuzz_left--;
	if (b < 0xc0)
		return -1;
	for (i = 0; i <= X_USER_NMI; i++)
		n += !!(ok & (1u << i));
	for (i = 0, b %= n; i <= X_USER_NMI; i++) {
		if ((ok & (1u << i)) && !b--)
			break;
	}
	cur.in[cur.n].visit = v;
	cur.in[cur.n++].act = (int)i;
	return (int)i;
}

static __nmisafe void explore_hook(int id, unsigned long ip)
{
	int v = visit++, act;

	if (v >= X_MAX_VISITS) {
		storm_fail(NMI_CHK_STUCK, 0, v, id);
		x_abort();
	}
	vpoint[v] = (unsigned char)id;
	nmi_check_stack(id);
	act = x_next_action(v, id);
	if (act >= 0 && (allowed_at(id) & (1u << act))) {
		flight_record(FL_POINT, id, act);
		if (act == STORM_NMI || act == X_USER_NMI)
			x_inject_nmi(ip, act == X_USER_NMI);
		else
			storm_nmi_action(&storm_cpus[0], act);
	}
	if (storm_failed())
		x_abort();
}

/* Every run starts from the same machine state. */
static void x_reset(void)
{
	struct sim_cpu *c = this_sim_cpu();
	struct nmi_line *n = &c->nmi;

	n->blocked = n->latched = n->in_iret = n->take_now = 0;
	n->extra_latched = 0;
	n->held_ip = 0;
	n->phase = NMI_PHASE_NONE;
	n->ist->w[NMIST_EXECUTING] = 0;
	this_cpu_write(nmi_state, NMI_NOT_RUNNING);
	nmi_check_reset(0);
	storm_cpus[0].depth = 0;
	if (storm_cpus[0].nmi_pf_next) {
		storm_pf_rearm(&storm_cpus[0]);
		storm_cpus[0].nmi_pf_next = 0;
	}
	write_cr2(X_CR2);
	if (c->dr7 != (0x1UL | (0xdUL << 16))) {
		set_debugreg((unsigned long)&storm_cpus[0].watched, 0);
		set_debugreg(0x1UL | (0xdUL << 16), 7);
	}
	storm_fail_reset();
	storm_account_base(0, x_account);
}

/* Run one schedule; 1 if it broke the invariant looked for. */
int explore_run(const struct xsched *s)
{
	x_runs++;
	x_reset();
	cur = *s;
	visit = next_in = 0;
	if (arch_rewind_setup())
		goto out;
	WRITE_ONCE(nmi_point_hook, explore_hook);
	nmi_point(NMI_PT_BASE);
	WRITE_ONCE(nmi_point_hook, NULL);
	/* quiet again: nothing running, nothing latched, all accounted */
	if (this_cpu_read(nmi_state) != NMI_NOT_RUNNING ||
	    this_sim_cpu()->nmi.blocked || this_sim_cpu()->nmi.latched)
		storm_fail(NMI_CHK_ACCOUNT, 0, 0, this_cpu_read(nmi_state));
	else
		storm_account(0, x_account);
out:
	return storm_failed() &&
	       (!x_target || storm_violation.kind == x_target);
}

/*
 * libFuzzer's input chooses the injections.  A violation is printed with
 * its schedule, which vkernel storm --replay runs as a schedule file's
 * "explore schedule:" part.
 */
int explore_fuzz_one(const unsigned char *data, size_t size)
{
	struct xsched none = { 0 };
	char text[1024];
	int found;

	fuzzing = 1;
	fuzz_data = data;
	fuzz_left = size;
	found = explore_run(&none);
	fuzzing = 0;
	if (found) {
		explore_format(&cur, text, sizeof(text));
		storm_print_violation();
		pr_err("schedule (%d injections):\n%s", cur.n, text);
	}
	return found;
}

/* Children of s: one more injection after its last, at a visit of its run. */
static int x_dfs(struct xsched *s, int depth)
{
	static unsigned char points[X_MAX_DEPTH + 1][X_MAX_VISITS];
	int v, first, visits, act, level = s->n;

	if (explore_run(s))
		return 1;
	if (s->n == depth || storm_failed() || x_over_budget())
		return 0;
	visits = visit;
	memcpy(points[level], vpoint, visits);
	first = s->n ? s->in[s->n - 1].visit + 1 : 0;
	for (v = first; v < visits; v++) {
		for (act = 0; act <= X_USER_NMI; act++) {
			if (!(allowed_at(points[level][v]) & (1u << act)))
				continue;
			s->in[s->n].visit = v;
			s->in[s->n].act = act;
			s->n++;
			if (x_dfs(s, depth))
				return 1;
			s->n--;
		}
	}
	return 0;
}

static unsigned long long x_deadline;

int x_over_budget(void)
{
	return x_deadline && local_clock() > x_deadline;
}

/* Iterative deepening up to depth; 1 with the schedule in s. */
int explore_search(struct xsched *s, int depth, int target, long long budget_ns)
{
	int d;

	x_target = target;
	x_deadline = budget_ns > 0 ? local_clock() + budget_ns : 0;
	fuzzing = 0;
	for (d = 1; d <= depth && d <= X_MAX_DEPTH; d++) {
		memset(s, 0, sizeof(*s));
		if (x_dfs(s, d))
			return 1;
		if (x_over_budget())
			return 0;
	}
	return 0;
}

unsigned long explore_runs(void)
{
	return x_runs;
}

/* The points the schedule's visits fell on, as its text names them. */
int explore_format(const struct xsched *s, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	explore_run(s); /* fills vpoint */
	for (i = 0; i < s->n; i++)
		len += scnprintf(buf + len, size - len, "inject %d %s %s\n",
				 s->in[i].visit,
				 nmi_point_names[vpoint[s->in[i].visit]],
				 explore_action_name(s->in[i].act));
	return (int)len;
}

/* "inject VISIT POINT ACTION" lines; -1 on a line it cannot read. */
int explore_parse(const char *text, struct xsched *s)
{
	const char *p = text;

	memset(s, 0, sizeof(*s));
	while (*p) {
		const char *eol = strchr(p, '\n');
		char point[48], act[16];
		int v, k;

		if (!strncmp(p, "inject ", 7)) {
			if (s->n >= X_MAX_DEPTH ||
			    sscanf(p, "inject %d %47s %15s", &v, point, act) !=
				    3)
				return -1;
			for (k = 0; k <= X_USER_NMI; k++) {
				if (!strcmp(act, explore_action_name(k)))
					break;
			}
			if (k > X_USER_NMI || v < 0 ||
			    (s->n && v <= s->in[s->n - 1].visit))
				return -1;
			s->in[s->n].visit = v;
			s->in[s->n++].act = k;
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return s->n ? 0 : -1;
}
