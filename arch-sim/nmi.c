// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NMI pin of each simulated CPU (see asm/nmi_hw.h): the reserved
 * realtime signal is the pin, and this file is the CPU's NMI logic
 * behind it: blocking until IRET, the one-deep latch, delivery through
 * IDT vector 2 with the frame written at the fixed top of the IST NMI
 * stack, and the IRET that unblocks.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/flight.h>
#include <asm/nmi_check.h>
#include <asm/nmi_hw.h>
#include <asm/nmi_reason.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <os.h>
#include <os_task.h>

enum nmi_entry_kind nmi_entry_kind = NMI_ENTRY_UPSTREAM;
static unsigned long nmi_spurious;

/*
 * The context the CPU reports where the simulated entry code stands for
 * upstream's: its "RSP" and RFLAGS in the restore window; repeat_nmi,
 * where an iretq sent it, while C code runs on the way there.
 */
static __nmisafe void nmi_present_context(struct nmi_line *n,
					  struct pt_regs *regs)
{
	switch (READ_ONCE(n->phase)) {
	case NMI_PHASE_RESTORE:
		regs->sp = (unsigned long)&n->ist->w[NMIST_IRET_RIP];
		regs->flags |= X86_EFLAGS_DF;
		break;
	case NMI_PHASE_REPEAT:
		if (regs->ip < (unsigned long)repeat_nmi ||
		    regs->ip >= (unsigned long)end_repeat_nmi)
			regs->ip = (unsigned long)repeat_nmi;
		regs->sp = (unsigned long)&n->ist->w[NMIST_OUTER_RIP];
		regs->flags = X86_EFLAGS_FIXED;
		break;
	case NMI_PHASE_NONE:
		break;
	}
}

/* Where the entry code stands once an iretq popped this context. */
static __nmisafe enum nmi_entry_phase nmi_phase_of(struct nmi_line *n,
						   const struct pt_regs *regs)
{
	const unsigned long *w = n->ist->w;

	if (regs->ip == (unsigned long)repeat_nmi)
		return NMI_PHASE_REPEAT;
	/*
	 * DF and RSP come back with the context: an NMI that nested in the
	 * restore window returns into it, and the window goes on.
	 */
	if ((regs->flags & X86_EFLAGS_DF) && regs->sp >= (unsigned long)w &&
	    regs->sp < (unsigned long)&w[NMIST_TOP])
		return NMI_PHASE_RESTORE;
	return NMI_PHASE_NONE;
}

/*
 * The CPU takes an NMI: counted and blocked in one step, as far as the
 * checker's pending count can see (an NMI that came in between would
 * find one NMI neither waiting nor taken).
 */
static __nmisafe void nmi_accept(struct nmi_line *n)
{
	__atomic_add_fetch(&n->taken, 1, __ATOMIC_RELAXED);
	barrier();
	WRITE_ONCE(n->blocked, 1);
}

/*
 * Take one NMI (accepted already) and whatever the latch holds when its
 * IRET unblocks: the IRET leaves regs as the context it returns to, and
 * a latched NMI interrupts exactly that context.
 */
__nmisafe void nmi_deliver(struct pt_regs *regs)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	const gate_desc *gate = &idt_table[X86_TRAP_NMI];
	unsigned long *w = n->ist->w;

	do {
		this_sim_cpu()->traps++;
		this_sim_cpu()->vector_count[X86_TRAP_NMI]++;
		/* the CPU writes the frame at the fixed top, over anything */
		w[NMIST_ORIG_SS] = regs->ss;
		w[NMIST_ORIG_RSP] = regs->sp;
		w[NMIST_ORIG_FLAGS] = regs->flags;
		w[NMIST_ORIG_CS] = regs->cs;
		w[NMIST_ORIG_RIP] = regs->ip;
		if (READ_ONCE(nmi_checks_on)) {
			nmi_check_enter(regs);
			gate->handler(regs, 0);
			nmi_check_exit(regs);
			continue;
		}
		gate->handler(regs, 0);
	} while (__atomic_exchange_n(&n->take_now, 0, __ATOMIC_ACQ_REL));
}

/*
 * IRET's effect on the NMI line: unblock.  Returns 1 when a latched NMI
 * is to be taken at the instruction IRET returns to (NMIs blocked again
 * for it).  While it decides, a new NMI only latches: it arrives at the
 * instruction boundary after the IRET, like the latched one.
 */
static __nmisafe void nmi_latch(struct nmi_line *n, unsigned long ip);

/*
 * One NMI reaching a blocked pin.  Counted one at a time, as it latches
 * or is lost, so that the checker never sees more waiting than the
 * latch holds, whenever an NMI comes in.
 */
static __nmisafe void nmi_receive_blocked(struct nmi_line *n)
{
	__atomic_add_fetch(&n->received, 1, __ATOMIC_RELAXED);
	nmi_latch(n, 0);
}

/* What reached the pin while the host held it: edge-triggered, collapsed. */
static __nmisafe void nmi_collect_pending(struct nmi_line *n)
{
	int cpu = smp_processor_id(), reasons = 0;
	int k = os_nmi_drain(cpu ? sim_cpus[0].host_tid : 0, &reasons);

	if (reasons & OS_NMI_VALUE_SYSRQ)
		platform_press_sysrq(PLATFORM_SYSRQ_L);
	if (reasons & OS_NMI_VALUE_PMU)
		WRITE_ONCE(this_sim_cpu()->pmu_overflow, 1);
	if (reasons & NMI_REASON_MASK)
		platform_assert_nmi_reason(reasons);

	while (k-- > 0)
		nmi_receive_blocked(n);
}

static __nmisafe int nmi_unblock(struct nmi_line *n)
{
	if (!READ_ONCE(n->blocked))
		return 0;
	WRITE_ONCE(n->in_iret, 1);
	barrier();
	WRITE_ONCE(n->blocked, 0);
	if (READ_ONCE(n->extra_latched)) {
		/* the broken variant: each NMI kept is taken in turn */
		__atomic_sub_fetch(&n->extra_latched, 1, __ATOMIC_RELAXED);
		nmi_accept(n);
		WRITE_ONCE(n->in_iret, 0);
		return 1;
	}
	if (__atomic_exchange_n(&n->latched, 0, __ATOMIC_ACQ_REL)) {
		nmi_accept(n);
		WRITE_ONCE(n->in_iret, 0);
		return 1;
	}
	barrier();
	WRITE_ONCE(n->in_iret, 0);
	/*
	 * The host pin stays shut while sim code runs: an NMI arriving now
	 * waits for the sigreturn, whose mask follows the block, and is
	 * taken there as if it came right after this IRET (nmi_was_held).
	 */
	return 0;
}

/*
 * Returning into a context: its saved host mask must say what the
 * simulated CPU says, or the sigreturn would undo an unblock made in a
 * nested frame (and the pin would stay shut under a running NMI) or open
 * it under one.
 *
 * When the sigreturn opens a pin the host held, whatever queued behind it
 * is delivered before the first instruction runs.  RF marks that moment
 * for free: the sigreturn sets it, the CPU clears it after one
 * instruction, so an NMI signal that finds it still set at this RIP was
 * held, and no system call is spent on the common, empty queue.
 */
__nmisafe void nmi_sync_host_mask(ucontext_t *uc, int host_held)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;

	if (READ_ONCE(n->blocked)) {
		sigaddset(&uc->uc_sigmask, OS_NMI_SIGNAL);
		return;
	}
	sigdelset(&uc->uc_sigmask, OS_NMI_SIGNAL);
	/* RF would also skip an execute breakpoint there: not worth it */
	if (!host_held || debugreg_exec_bp_at(uc->uc_mcontext.gregs[REG_RIP]))
		return;
	uc->uc_mcontext.gregs[REG_EFL] |= X86_EFLAGS_RF;
	WRITE_ONCE(n->held_ip, uc->uc_mcontext.gregs[REG_RIP]);
}

/* QEMU's sstep NOIRQ: an NMI waits for a debugger's step, it is not lost */
__nmisafe void nmi_hold_for_step(ucontext_t *uc)
{
	if (READ_ONCE(this_sim_cpu()->step_hold_nmi) &&
	    (uc->uc_mcontext.gregs[REG_EFL] & X86_EFLAGS_TF))
		sigaddset(&uc->uc_sigmask, OS_NMI_SIGNAL);
}

static __nmisafe int nmi_was_held(struct nmi_line *n, const ucontext_t *uc)
{
	unsigned long ip = uc->uc_mcontext.gregs[REG_RIP];

	if (!(uc->uc_mcontext.gregs[REG_EFL] & X86_EFLAGS_RF) ||
	    READ_ONCE(n->held_ip) != ip)
		return 0;
	WRITE_ONCE(n->held_ip, 0);
	return 1;
}

/*
 * A held NMI reaching the CPU as the pin opens is the latched one, taken
 * now; the others that queued with it collapse into the (used) latch.
 */
static __nmisafe void nmi_take_latched_held(struct nmi_line *n)
{
	nmi_latch(n, 0);
	nmi_collect_pending(n);
	__atomic_exchange_n(&n->latched, 0, __ATOMIC_ACQ_REL);
}

/*
 * With NMIs unblocked (an earlier IRET did it) while the entry code runs,
 * the host still holds the pin.  An NMI that reached it meanwhile is taken
 * at the last point where it could have nested: the restore window, with
 * the context the CPU presents there (RSP on the NMI stack, DF set).
 */
__nmisafe void nmi_take_held(struct pt_regs *regs)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	struct pt_regs ctx;
	int reasons = 0, k;

	if (READ_ONCE(n->blocked))
		return;
	k = os_nmi_drain(smp_processor_id() ? sim_cpus[0].host_tid : 0,
			 &reasons);
	if (!k)
		return;
	flight_record(FL_HELD, regs->ip, 2);
	/* one is taken now, one more may wait in the latch, the rest lost */
	__atomic_add_fetch(&n->received, 1, __ATOMIC_RELAXED);
	nmi_accept(n);
	while (--k > 0)
		nmi_receive_blocked(n);
	ctx = *regs;
	nmi_present_context(n, &ctx);
	ctx.ip = (unsigned long)nmi_take_held;
	nmi_deliver(&ctx);
}

/* An exception's IRET, from sim_trap: the x86 NMI iret problem. */
__nmisafe void nmi_hw_iret(struct pt_regs *regs)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;

	if (nmi_unblock(n))
		nmi_deliver(regs);
}

/*
 * iretq from the entry code: pop the frame at w[rip], unblock.  IRET is
 * one instruction, here five loads and a phase: with the pin open (an
 * exception's IRET in the handler opened it) an NMI in between would
 * nest into the restore window, point the frame at repeat_nmi, and this
 * IRET would return half to the old frame (a torn RSP) or wholly to it
 * (the nested NMI's repeat lost).  So the host pin is held across.
 */
__nmisafe void nmi_iretq(struct pt_regs *regs, const unsigned long *frame)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	int held = READ_ONCE(n->blocked) ? 1 : os_nmi_hold();

	regs->ip = frame[0];
	regs->cs = frame[1];
	regs->flags = frame[2];
	regs->sp = frame[3];
	regs->ss = frame[4];
	WRITE_ONCE(n->phase, nmi_phase_of(n, regs));
	os_nmi_release(held);
	if (!nmi_unblock(n))
		return;
	/*
	 * A latched NMI interrupts the instruction IRET returned to.  At
	 * repeat_nmi it must come before the repeat runs (it will go straight
	 * out); elsewhere the delivery loop takes it, so a storm iterates
	 * instead of nesting ever deeper.
	 */
	if (regs->ip == (unsigned long)repeat_nmi)
		nmi_deliver(regs);
	else
		WRITE_ONCE(n->take_now, 1);
}

int nmi_latch_broken; /* --nmi-break latch: a counter, not a latch */

/* ip: where the NMI found the CPU, when known (for the flight recorder) */
static __nmisafe void nmi_latch(struct nmi_line *n, unsigned long ip)
{
	if (nmi_latch_broken && READ_ONCE(n->latched)) {
		__atomic_add_fetch(&n->extra_latched, 1, __ATOMIC_RELAXED);
		return;
	}
	if (__atomic_exchange_n(&n->latched, 1, __ATOMIC_ACQ_REL)) {
		__atomic_add_fetch(&n->lost, 1, __ATOMIC_RELAXED);
		flight_record(FL_LOST, n->received, ip);
	} else {
		__atomic_add_fetch(&n->latches, 1, __ATOMIC_RELAXED);
		flight_record(FL_LATCH, n->received, ip);
	}
}

/*
 * In user mode the CPU is waiting for its task, so the handler cannot see
 * the interrupted user context.  It stops the task instead; the CPU takes
 * the NMI as soon as the stop arrives (nmi_take_deferred), with the
 * task's registers, as the hardware would have at once.
 */
static __nmisafe int nmi_defer_to_user(struct sim_cpu *c)
{
	if (__atomic_fetch_add(&c->user_nmis, 1, __ATOMIC_ACQ_REL))
		return 1; /* the task is being stopped already */
	c->user_nmi_pid = c->user_pid;
	if (!os_task_interrupt(c->user_pid))
		return 1;
	/* gone: then the CPU was not in user mode after all */
	__atomic_sub_fetch(&c->user_nmis, 1, __ATOMIC_ACQ_REL);
	return 0;
}

void nmi_take_deferred(struct pt_regs *regs, int count)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	struct pt_regs here = { 0 };

	if (!regs) { /* the task went away: the CPU is in the kernel */
		here.ip = (unsigned long)nmi_take_deferred;
		here.sp = (unsigned long)__builtin_frame_address(0);
		here.flags = X86_EFLAGS_FIXED | X86_EFLAGS_IF;
		here.cs = __KERNEL_CS;
		here.ss = __KERNEL_DS;
		regs = &here;
	}
	os_nmi_mask(1); /* as the handler's sa_mask: held NMIs queue */
	__atomic_sub_fetch(&this_sim_cpu()->user_nmis_taking, count,
			   __ATOMIC_ACQ_REL);
	nmi_accept(n);
	while (--count > 0)
		nmi_latch(n, 0); /* they came while the first was executing */
	for (;;) {
		nmi_deliver(regs);
		/* queued behind the pin: the first one waits in the latch */
		nmi_collect_pending(n);
		if (!__atomic_exchange_n(&n->latched, 0, __ATOMIC_ACQ_REL))
			break;
		nmi_accept(n);
	}
	os_nmi_mask(0);
}

/*
 * A debugger stepping out of an NMI: the iretq of the entry code returns
 * through its "iret" frame, not the pt_regs the handler saw, so TF set
 * there would be lost (as upstream's kgdb loses it); the CPU applies it
 * to the interrupted context instead.
 */
static __nmisafe void nmi_exit_step(struct sim_cpu *c, ucontext_t *uc)
{
	int step = __atomic_exchange_n(&c->nmi_exit_step, 0, __ATOMIC_ACQ_REL);

	if (!step)
		return;
	if (step > 0)
		uc->uc_mcontext.gregs[REG_EFL] |= X86_EFLAGS_TF;
	else
		uc->uc_mcontext.gregs[REG_EFL] &= ~X86_EFLAGS_TF;
	nmi_hold_for_step(uc);
}

static __nmisafe void sim_nmi(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int saved_errno = errno;
	struct pt_regs regs;
	struct trap_frame frame;
	struct nmi_line *n;

	(void)sig;
	if (smp_processor_id() < 0) {
		__atomic_add_fetch(&nmi_spurious, 1, __ATOMIC_RELAXED);
		return;
	}
	if (os_signal_from_task(si)) { /* a task's: not the NMI button */
		errno = saved_errno;
		return;
	}
	/* kill(1) hits the process: the external NMI line goes to CPU 0 */
	if ((si->si_code == SI_USER || si->si_code == SI_QUEUE) &&
	    smp_processor_id() != 0 &&
	    !os_forward_nmi(sim_cpus[0].host_tid, si)) {
		errno = saved_errno;
		return;
	}
	/* the watchdog counter's NMI: its overflow status goes up */
	if (si->si_code == SI_TIMER &&
	    (si->si_value.sival_int & OS_NMI_VALUE_PMU))
		WRITE_ONCE(this_sim_cpu()->pmu_overflow, 1);
	/* vkernel nmi --backtrace: the SysRq key, no NMI */
	if (si->si_code == SI_QUEUE &&
	    (si->si_value.sival_int & OS_NMI_VALUE_SYSRQ)) {
		platform_press_sysrq(PLATFORM_SYSRQ_L);
		errno = saved_errno;
		return;
	}
	/* vkernel nmi --reason: the platform asserted SERR or IOCHK */
	if (si->si_code == SI_QUEUE)
		platform_assert_nmi_reason(si->si_value.sival_int);
	n = &this_sim_cpu()->nmi;
	__atomic_add_fetch(&n->received, 1, __ATOMIC_RELAXED);
	if (READ_ONCE(this_sim_cpu()->in_user) &&
	    nmi_defer_to_user(this_sim_cpu())) {
		errno = saved_errno;
		return;
	}
	if (READ_ONCE(n->in_iret) ||
	    __atomic_exchange_n(&n->blocked, 1, __ATOMIC_ACQ_REL)) {
		nmi_latch(n, uc->uc_mcontext.gregs[REG_RIP]);
		nmi_check_latch();
		errno = saved_errno;
		return;
	}
	__atomic_add_fetch(&n->taken, 1, __ATOMIC_RELAXED);
	if (nmi_was_held(n, uc)) {
		flight_record(FL_HELD, uc->uc_mcontext.gregs[REG_RIP], 1);
		nmi_take_latched_held(n);
	}
	regs_from_ucontext(&regs, uc);
	regs.cs = in_usertext(regs.ip) ? __USER_CS : __KERNEL_CS;
	regs.ss = in_usertext(regs.ip) ? __USER_DS : __KERNEL_DS;
	nmi_present_context(n, &regs);
	frame.regs = regs;
	trap_frame_push(&frame, uc);
	nmi_deliver(&regs);
	trap_frame_pop(&frame);
	/* GPRs as the handler left them; the host's own RIP/RSP/RFLAGS */
	regs.ip = uc->uc_mcontext.gregs[REG_RIP];
	regs.sp = uc->uc_mcontext.gregs[REG_RSP];
	regs.flags = uc->uc_mcontext.gregs[REG_EFL];
	regs_to_ucontext(&regs, uc);
	nmi_sync_host_mask(uc, 1); /* held by sa_mask while this ran */
	nmi_exit_step(this_sim_cpu(), uc);
	errno = saved_errno;
}

int arch_nmi_cpu_init(int cpu)
{
	struct nmi_line *n = &sim_cpus[cpu].nmi;

	memset(n, 0, sizeof(*n));
	n->ist = calloc(1, sizeof(*n->ist));
	return n->ist ? 0 : -ENOMEM;
}

/*
 * A CPU going offline: the pin is blocked already; what still waits on
 * it reached a CPU that will not take it, so it is counted and lost.
 */
static void nmi_drain_at_halt(struct nmi_line *n)
{
	int reasons = 0, k;

	while ((k = os_nmi_drain(0, &reasons)) > 0) {
		n->received += k;
		n->lost += k;
	}
}

void arch_nmi_cpu_exit(int cpu)
{
	nmi_drain_at_halt(&sim_cpus[cpu].nmi);
	free(sim_cpus[cpu].nmi.ist);
	sim_cpus[cpu].nmi.ist = NULL;
}

int arch_nmi_init(void)
{
	return os_install_nmi_handler(sim_nmi);
}

void arch_nmi_exit(void)
{
	os_restore_nmi_handler();
}

/* For deterministic tests: an NMI at the instruction this exception's IRET returns to. */
__nmisafe int apic_send_nmi_at_iret(void)
{
	int err = os_send_nmi_after_sigreturn();

	if (!err)
		__atomic_add_fetch(&this_sim_cpu()->nmi.sent, 1,
				   __ATOMIC_RELAXED);
	return err;
}

__nmisafe int apic_send_nmi(int cpu)
{
	int err;

	if (!READ_ONCE(sim_cpus[cpu].online))
		return -ENODEV;
	err = os_send_nmi(sim_cpus[cpu].host_tid);
	if (!err)
		__atomic_add_fetch(&sim_cpus[cpu].nmi.sent, 1,
				   __ATOMIC_RELAXED);
	else if (err == -EAGAIN)
		__atomic_add_fetch(&sim_cpus[cpu].nmi.refused, 1,
				   __ATOMIC_RELAXED);
	return err;
}

/*
 * NMIs sent to a CPU that its thread has not received yet: queued in the
 * host, where every realtime signal of this user counts against one
 * RLIMIT_SIGPENDING.  sent is counted after the send, so it can lag.
 */
__nmisafe long apic_nmis_in_flight(int cpu)
{
	const struct nmi_line *n = &sim_cpus[cpu].nmi;
	long d = (long)(__atomic_load_n(&n->sent, __ATOMIC_RELAXED) -
			__atomic_load_n(&n->received, __ATOMIC_RELAXED));

	return d > 0 ? d : 0;
}

__nmisafe void nmi_raise(struct pt_regs *regs)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;

	n->sent++;
	n->received++;
	if (READ_ONCE(n->in_iret) || READ_ONCE(n->blocked)) {
		nmi_latch(n, 0);
		nmi_check_latch();
		return;
	}
	nmi_accept(n);
	nmi_present_context(n, regs);
	nmi_deliver(regs);
}

int arch_pmu_watchdog_start(unsigned long long period_ns)
{
	struct sim_cpu *c = this_sim_cpu();

	return os_nmi_timer_create(c->host_tid, period_ns, &c->pmu_timer);
}

void arch_pmu_watchdog_stop(void)
{
	struct sim_cpu *c = this_sim_cpu();

	os_nmi_timer_delete(c->pmu_timer);
	c->pmu_timer = NULL;
}

__nmisafe int arch_pmu_overflowed(void)
{
	return __atomic_exchange_n(&this_sim_cpu()->pmu_overflow, 0,
				   __ATOMIC_ACQ_REL);
}

NOKPROBE_SYMBOL(nmi_hw_iret);
NOKPROBE_SYMBOL(nmi_sync_host_mask);
NOKPROBE_SYMBOL(nmi_unblock);
NOKPROBE_SYMBOL(nmi_deliver);
