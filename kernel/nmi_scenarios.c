// SPDX-License-Identifier: GPL-2.0-only
/*
 * NMI scenarios (--nmi-scenario): each arranges its NMIs at an explicit
 * point with a self-IPI (delivered before the sending syscall returns, or
 * held pending while an NMI runs), so a run is deterministic.  Each checks
 * what the upstream NMI code guarantees; with a deliberately broken
 * variant (--nmi-entry naive, --nmi-break) the same check must fail.
 */
#define pr_fmt(fmt) "nmi-scenario: " fmt
#include <string.h>
#include <asm/apic.h>
#include <asm/console.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/irqflags.h>
#include <asm/nmi_hw.h>
#include <asm/special_insns.h>
#include <asm/timex.h>
#include <linux/int3.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/nmi_scenarios.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>

struct scn {
	int calls; /* handler invocations */
	int depth; /* handler nesting right now */
	int max_depth;
	int int3_hits;
	unsigned long pf_addr;
	int watch_hits;
	volatile int watched;
	int watch_in_handler;
	int at_repeat;
	int from_user;
	int at_restore;
};

DECLARE_PER_CPU(unsigned long, nmi_dr7);

static struct scn s;
extern const char scn_int3_insn[];

static __nmisafe int scn_int3(struct int3_hook *h, struct pt_regs *regs)
{
	(void)h;
	(void)regs;
	s.int3_hits++;
	return 1;
}

static struct int3_hook scn_hook = { .handler = scn_int3 };

/* Every scenario handler starts here: count the call, watch nesting. */
static __nmisafe void scn_enter(void)
{
	s.calls++;
	if (++s.depth > s.max_depth)
		s.max_depth = s.depth;
}

/*
 * An NMI pending behind the NMI block, then an int3: its IRET unblocks
 * NMIs, so the pending one nests right here.  The one int3 site of the
 * scenarios, which run_with_hooks() hooks.
 */
static __nmisafe void scn_nest_via_int3(void)
{
	apic->send_IPI_self(NMI_VECTOR);
	asm volatile(".globl scn_int3_insn\nscn_int3_insn:\n\tint3" ::
			     : "memory");
}

/*
 * An execute breakpoint in DR1, armed through the DR7 that exc_nmi
 * restores on its way out (DR7 is off inside the handler).
 */
static __nmisafe void scn_arm_bp_on_exit(const void *addr)
{
	set_debugreg((unsigned long)addr, 1);
	this_cpu_write(nmi_dr7, 0x4UL); /* L1, execute */
}

/* c+d: int3 in the handler with two NMIs pending behind the pin */
static __nmisafe int nmi_nesting_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	scn_enter();
	if (s.calls == 1) {
		scn_nest_via_int3();
		/* d: the repeat pass hits repeat_nmi */
		scn_arm_bp_on_exit(repeat_nmi);
	}
	s.depth--;
	return NMI_HANDLED;
}

static __nmisafe int nmi_pf_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	s.calls++;
	*(volatile int *)s.pf_addr = 1; /* first touch: a #PF, CR2 changes */
	return NMI_HANDLED;
}

static __nmisafe int nmi_watch_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	s.calls++;
	s.watch_in_handler = s.watch_hits;
	s.watched++; /* DR7 is off in here: no #DB */
	s.watch_in_handler = s.watch_hits - s.watch_in_handler;
	return NMI_HANDLED;
}

static __nmisafe int scn_die(struct notifier_block *nb, unsigned long val,
			     void *data)
{
	struct die_args *args = data;
	unsigned long *dr6 = (unsigned long *)args->err;

	(void)nb;
	if (val == DIE_DEBUG && (*dr6 & DR_TRAP1) &&
	    args->regs->ip == (unsigned long)nmi_take_held) {
		if (!s.at_restore++)
			apic_send_nmi_at_iret();
		*dr6 &= ~DR_TRAP1;
		return NOTIFY_STOP;
	}
	if (val == DIE_DEBUG && (*dr6 & DR_TRAP1) &&
	    args->regs->ip == (unsigned long)repeat_nmi) {
		/* d: an NMI that interrupts repeat_nmi itself */
		s.at_repeat++;
		apic_send_nmi_at_iret();
		*dr6 &= ~DR_TRAP1;
		return NOTIFY_STOP;
	}
	if (val != DIE_DEBUG || !(*dr6 & DR_TRAP0))
		return NOTIFY_DONE;
	s.watch_hits++;
	*dr6 &= ~DR_TRAP0;
	return NOTIFY_STOP;
}

static struct notifier_block scn_die_nb = { .notifier_call = scn_die };

static __nmisafe int nmi_slow_handler(unsigned int type, struct pt_regs *r)
{
	unsigned long long until = local_clock() + 3000000ULL;

	(void)type;
	(void)r;
	s.calls++;
	while (local_clock() < until)
		__builtin_ia32_pause();
	return NMI_HANDLED;
}

#define CHECK(cond, ...)                     \
	do {                                 \
		if (!(cond)) {               \
			pr_err(__VA_ARGS__); \
			return 1;            \
		}                            \
	} while (0)

/*
 * Raise one NMI with the int3 hook on scn_int3_insn, the scenario's die
 * notifier and handler in place; clear the debug registers it may have
 * armed, and take everything down again.
 */
static void run_with_hooks(nmi_handler_t handler, void (*raise)(void))
{
	static struct nmiaction action = { .name = "scn" };

	action.handler = handler;
	scn_hook.addr = (unsigned long)scn_int3_insn;
	register_int3_hook(&scn_hook);
	register_die_notifier(&scn_die_nb);
	__register_nmi_handler(NMI_LOCAL, &action);
	raise();
	set_debugreg(0UL, 7);
	set_debugreg(0UL, 1);
	unregister_nmi_handler(NMI_LOCAL, "scn");
	unregister_die_notifier(&scn_die_nb);
	unregister_int3_hook(&scn_hook);
}

static void raise_self_ipi(void)
{
	apic->send_IPI_self(NMI_VECTOR);
}

static int scenario_nesting(void)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	unsigned long nested = n->nested, repeats = n->repeats;
	unsigned long out = n->nested_out;

	run_with_hooks(nmi_nesting_handler, raise_self_ipi);
	pr_info("c: handler calls %d, max depth %d, nested %lu, repeats %lu\n",
		s.calls, s.max_depth, n->nested - nested, n->repeats - repeats);
	pr_info("d: NMIs at repeat_nmi that went straight out: %lu\n",
		n->nested_out - out);
	pr_info("   received %lu taken %lu latches %lu lost %lu restarts %lu\n",
		n->received, n->taken, n->latches, n->lost,
		nmi_cpu_stats(smp_processor_id())->restarts);
	CHECK(s.int3_hits == 1, "c: int3 in the handler not taken\n");
	CHECK(s.max_depth == 1, "c: FAILED: NMI handler re-entered\n");
	CHECK(n->nested - nested >= 1 && n->repeats - repeats == 1,
	      "c: FAILED: nested NMI did not go through repeat_nmi\n");
	CHECK(s.calls == 2, "c: FAILED: %d handler calls, want 2\n", s.calls);
	if (debugreg_backend() == DR_BACKEND_NONE) {
		pr_warn("d: skipped: %s\n", debugreg_unavailable_reason());
		return 0;
	}
	CHECK(s.at_repeat == 1 && n->nested_out - out == 1,
	      "d: FAILED: NMI at repeat_nmi did not go straight out\n");
	return 0;
}

static int scenario_cr2(void)
{
	s.pf_addr = (unsigned long)vmalloc(4096);
	write_cr2(0x1234000);
	register_nmi_handler(NMI_LOCAL, nmi_pf_handler, 0, "scn_cr2");
	apic->send_IPI_self(NMI_VECTOR);
	unregister_nmi_handler(NMI_LOCAL, "scn_cr2");
	pr_info("b: cr2 after the NMI 0x%lx (the handler faulted at 0x%lx)\n",
		read_cr2(), s.pf_addr);
	vfree((void *)s.pf_addr);
	CHECK(s.calls == 1, "b: handler not called\n");
	CHECK(read_cr2() == 0x1234000, "b: FAILED: cr2 not restored\n");
	return 0;
}

static int scenario_dr7(void)
{
	if (debugreg_backend() == DR_BACKEND_NONE) {
		pr_warn("e: skipped: %s\n", debugreg_unavailable_reason());
		return 0;
	}
	register_die_notifier(&scn_die_nb);
	register_nmi_handler(NMI_LOCAL, nmi_watch_handler, 0, "scn_dr7");
	set_debugreg((unsigned long)&s.watched, 0);
	set_debugreg(0x1UL | (0xdUL << 16), 7); /* L0, write, 4 bytes */
	apic->send_IPI_self(NMI_VECTOR);
	s.watched++; /* after the NMI: must trap */
	set_debugreg(0UL, 7);
	unregister_nmi_handler(NMI_LOCAL, "scn_dr7");
	unregister_die_notifier(&scn_die_nb);
	pr_info("e: watchpoint hits inside the handler %d, after it %d\n",
		s.watch_in_handler, s.watch_hits - s.watch_in_handler);
	CHECK(s.calls == 1, "e: handler not called\n");
	CHECK(s.watch_in_handler == 0, "e: FAILED: fired inside the handler\n");
	CHECK(s.watch_hits == 1, "e: FAILED: dr7 not restored after the NMI\n");
	return 0;
}

static int scenario_unknown(void)
{
	const struct nmi_stats *st = nmi_cpu_stats(smp_processor_id());
	unsigned int before = st->unknown;

	apic->send_IPI_self(NMI_VECTOR);
	CHECK(st->unknown == before + 1, "g: FAILED: not counted unknown\n");
	return 0;
}

static int scenario_slow(void)
{
	register_nmi_handler(NMI_LOCAL, nmi_slow_handler, 0, "scn_slow");
	apic->send_IPI_self(NMI_VECTOR);
	unregister_nmi_handler(NMI_LOCAL, "scn_slow");
	CHECK(s.calls == 1, "h: handler not called\n");
	return 0;
}

/* f: claims two events at once, so the next NMI may be swallowed */
static __nmisafe int nmi_b2b_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	if (++s.calls > 1)
		return NMI_DONE;
	apic->send_IPI_self(NMI_VECTOR); /* back-to-back: same RIP */
	return 2;
}

static int scenario_b2b(void)
{
	const struct nmi_stats *st = nmi_cpu_stats(smp_processor_id());
	unsigned int swallow = st->swallow, unknown = st->unknown;

	register_nmi_handler(NMI_LOCAL, nmi_b2b_handler, 0, "scn_b2b");
	apic->send_IPI_self(NMI_VECTOR);
	unregister_nmi_handler(NMI_LOCAL, "scn_b2b");
	pr_info("f: swallowed %u, unknown %u\n", st->swallow - swallow,
		st->unknown - unknown);
	CHECK(s.calls == 2, "f: %d handler calls, want 2\n", s.calls);
	CHECK(st->swallow - swallow == 1 && st->unknown == unknown,
	      "f: FAILED: the back-to-back NMI was not swallowed\n");
	return 0;
}

/* latch: two NMIs while one runs: one latched and taken, one lost */
static __nmisafe int nmi_latch_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	if (++s.calls == 1) {
		apic->send_IPI_self(NMI_VECTOR);
		apic->send_IPI_self(NMI_VECTOR);
	}
	return NMI_HANDLED;
}

static int scenario_latch(void)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	unsigned long lost = n->lost;

	register_nmi_handler(NMI_LOCAL, nmi_latch_handler, 0, "scn_latch");
	apic->send_IPI_self(NMI_VECTOR);
	unregister_nmi_handler(NMI_LOCAL, "scn_latch");
	pr_info("latch: handler calls %d, lost %lu\n", s.calls, n->lost - lost);
	CHECK(s.calls == 2 && n->lost - lost == 1,
	      "latch: FAILED: %d calls, %lu lost; want 2 and 1 (one-deep latch)\n",
	      s.calls, n->lost - lost);
	return 0;
}

/* i: register and unregister while another CPU takes NMIs at full rate */
static int grace_stop;
static long grace_calls;
static int grace_unregistered; /* set once unregister_nmi_handler() returned */
static long grace_late_calls;

static __nmisafe int nmi_grace_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	__atomic_add_fetch(&grace_calls, 1, __ATOMIC_RELAXED);
	/* after the grace period nobody may still run it */
	if (__atomic_load_n(&grace_unregistered, __ATOMIC_ACQUIRE))
		__atomic_add_fetch(&grace_late_calls, 1, __ATOMIC_RELAXED);
	return NMI_HANDLED;
}

static void grace_sender(void *arg)
{
	cpumask_t target = 1ULL << 1;

	(void)arg;
	while (!__atomic_load_n(&grace_stop, __ATOMIC_ACQUIRE))
		apic->send_IPI_mask(&target, NMI_VECTOR);
}

static int scenario_grace(void)
{
	struct nmi_line *n1 = &sim_cpus[1].nmi;
	unsigned long taken = n1->taken;
	unsigned long long until;
	void *sender;
	int i;

	if (nr_cpu_ids < 2) {
		pr_warn("i: skipped: needs 2 CPUs\n");
		return 0;
	}
	grace_stop = 0;
	if (arch_kthread_run(grace_sender, NULL, &sender))
		return 1;
	/* CPU 1 under fire first */
	for (i = 0; i < 1000 && n1->taken - taken < 100; i++)
		arch_msleep(1);
	taken = n1->taken;
	/* long enough for the sender to be scheduled, on 2 host cores too */
	until = local_clock() + 100000000ULL;
	for (i = 0; i < 200 || local_clock() < until; i++) {
		__atomic_store_n(&grace_unregistered, 0, __ATOMIC_RELEASE);
		register_nmi_handler(NMI_LOCAL, nmi_grace_handler, 0,
				     "scn_grace");
		unregister_nmi_handler(NMI_LOCAL, "scn_grace");
		__atomic_store_n(&grace_unregistered, 1, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&grace_stop, 1, __ATOMIC_RELEASE);
	arch_kthread_join(sender);
	pr_info("i: %d register/unregister cycles while CPU 1 took %lu NMIs (%ld in the handler)\n",
		i, n1->taken - taken, grace_calls);
	CHECK(!grace_late_calls,
	      "i: FAILED: handler ran %ld times after unregister returned\n",
	      grace_late_calls);
	CHECK(n1->taken - taken > 100,
	      "i: CPU 1 took too few NMIs during the cycles\n");
	return 0;
}

/* a CPU that spins with interrupts disabled, for the NMI watchdog */
DECLARE_PER_CPU(unsigned long, hardlockups);

static __attribute__((noinline)) void lockup_spin(unsigned long long ns)
{
	unsigned long long until = local_clock() + ns;

	while (local_clock() < until)
		__builtin_ia32_pause();
}

static int scenario_lockup(void)
{
	int cpu = smp_processor_id();
	unsigned long before = per_cpu(hardlockups, cpu);

	if (!watchdog_thresh || !nmi_watchdog_running()) {
		pr_warn("lockup: skipped: needs --nmi-watchdog\n");
		return 0;
	}
	local_irq_disable();
	/* the first NMI saves the tick count, the next finds it unchanged */
	lockup_spin((2ULL * watchdog_thresh + 1) * 1000000000ULL);
	local_irq_enable();
	CHECK(per_cpu(hardlockups, cpu) == before + 1,
	      "lockup: FAILED: the hard lockup was not detected\n");
	return 0;
}

/*
 * a: an NMI from user mode whose handler's int3 unblocks NMIs; the nested
 * NMI (from kernel mode, no "NMI executing") reaches exc_nmi, which latches
 * it in nmi_state, and the outer one runs default_do_nmi again.
 */
static __nmisafe int nmi_user_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	scn_enter();
	if (s.calls == 1) {
		s.from_user = user_mode(r);
		scn_nest_via_int3();
	}
	s.depth--;
	return NMI_HANDLED;
}

/* user mode: raise our own NMI with a raw syscall, so it lands here */
static __usertext void user_raise_nmi(long pid, long tid)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "0"(234L /* tgkill */), "D"(pid), "S"(tid), "d"(40L)
		     : "rcx", "r11", "memory");
	(void)ret;
}

static void raise_from_user(void)
{
	user_raise_nmi(this_sim_cpu()->host_pid, this_sim_cpu()->host_tid);
}

static int scenario_user(void)
{
	const struct nmi_stats *st = nmi_cpu_stats(smp_processor_id());
	unsigned long restarts = st->restarts;

	run_with_hooks(nmi_user_handler, raise_from_user);
	pr_info("a: from user mode %d, handler calls %d, max depth %d, nmi_restart %lu\n",
		s.from_user, s.calls, s.max_depth, st->restarts - restarts);
	CHECK(s.from_user && s.int3_hits == 1,
	      "a: NMI not taken from user mode\n");
	CHECK(s.max_depth == 1, "a: FAILED: NMI handler re-entered\n");
	CHECK(s.calls == 2 && st->restarts - restarts == 1,
	      "a: FAILED: the nested NMI was not latched and rerun (calls %d)\n",
	      s.calls);
	return 0;
}

/*
 * restore: an NMI lands in the restore window of the repeat pass (after
 * "std; clear NMI executing", before iretq); only the RSP/DF check knows
 * it is nested, and it forces one more repeat.
 */
static __nmisafe int nmi_restore_handler(unsigned int type, struct pt_regs *r)
{
	(void)type;
	(void)r;
	scn_enter();
	if (s.calls == 1)
		scn_nest_via_int3();
	else if (s.calls == 2)
		/* nmi_take_held() runs inside the restore window */
		scn_arm_bp_on_exit(nmi_take_held);
	s.depth--;
	return NMI_HANDLED;
}

static int scenario_restore(void)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	unsigned long df = n->nested_df, repeats = n->repeats;

	if (debugreg_backend() == DR_BACKEND_NONE) {
		pr_warn("restore: skipped: %s\n",
			debugreg_unavailable_reason());
		return 0;
	}
	run_with_hooks(nmi_restore_handler, raise_self_ipi);
	pr_info("restore: handler calls %d, max depth %d, nested by RSP/DF %lu, repeats %lu\n",
		s.calls, s.max_depth, n->nested_df - df, n->repeats - repeats);
	CHECK(s.max_depth == 1, "restore: FAILED: NMI handler re-entered\n");
	CHECK(n->nested_df - df == 1 && n->repeats - repeats == 2 &&
		      s.calls == 3,
	      "restore: FAILED: the NMI in the restore window did not repeat\n");
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} scenarios[] = {
	{ "user", scenario_user }, /* a */
	{ "restore", scenario_restore }, /* the RSP/DF check */
	{ "nesting", scenario_nesting }, /* c and d */
	{ "cr2", scenario_cr2 }, /* b */
	{ "dr7", scenario_dr7 }, /* e */
	{ "unknown", scenario_unknown }, /* g */
	{ "slow", scenario_slow }, /* h */
	{ "b2b", scenario_b2b }, /* f */
	{ "latch", scenario_latch },	 { "grace", scenario_grace }, /* i */
	{ "lockup", scenario_lockup }, /* the NMI watchdog */
};

int nmi_scenario_valid(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(scenarios); i++) {
		if (!strcmp(name, scenarios[i].name) || !strcmp(name, "all"))
			return 1;
	}
	return 0;
}

/* Returns the number of failed scenarios. */
int nmi_run_scenarios(const char *name)
{
	unsigned int i;
	int failed = 0;

	for (i = 0; i < ARRAY_SIZE(scenarios); i++) {
		int r;

		if (strcmp(name, "all") && strcmp(name, scenarios[i].name))
			continue;
		memset(&s, 0, sizeof(s));
		r = scenarios[i].fn();
		pr_info("%s: %s\n", scenarios[i].name, r ? "FAILED" : "ok");
		failed += r;
	}
	return failed;
}
