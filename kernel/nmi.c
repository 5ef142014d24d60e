// SPDX-License-Identifier: GPL-2.0-only
/*
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *  Copyright (C) 2000, 2001, 2002 Andi Kleen, SuSE Labs
 *  Copyright (C) 2011	Don Zickus Red Hat, Inc.
 *
 *  Pentium III FXSR, SSE support
 *	Gareth Hughes <gareth@valinux.com>, May 2000
 *
 * Handle hardware traps and faults: the NMI part, after
 * arch/x86/kernel/nmi.c (v6.x).
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/idtentry.h>
#include <asm/nmi_check.h>
#include <asm/nmi_reason.h>
#include <asm/special_insns.h>
#include <asm/timex.h>
#include <asm/trace_buf.h>
#include <linux/bug.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/nmi_scenarios.h>
#include <linux/preempt.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/smp.h>

#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL
#define HZ 1000

struct nmi_desc {
	pthread_mutex_t lock;
	struct nmiaction *emerg_handler;
	struct nmiaction *head;
};

static struct nmi_desc nmi_desc[NMI_MAX] = {
	[0 ... NMI_MAX - 1] = { .lock = PTHREAD_MUTEX_INITIALIZER },
};

static DEFINE_PER_CPU(struct nmi_stats, nmi_stats);

int unknown_nmi_panic;
int panic_on_unrecovered_nmi;
int panic_on_io_nmi;
unsigned long long nmi_longest_ns = 1 * NSEC_PER_MSEC;
static int ignore_nmis;
int nmi_break; /* --nmi-break: see linux/nmi_scenarios.h */
int trace_nmi; /* --trace nmi: the nmi_handler tracepoint, on the console */
static int nmi_reason_lock;

/*
 * Prevent NMI reason port (0x61) being accessed simultaneously, can
 * only be used in NMI handler.
 */
static __always_inline int raw_spin_trylock(int *lock)
{
	return !__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE);
}

static __always_inline void raw_spin_unlock(int *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static __always_inline unsigned long jiffies_now(void)
{
	return (unsigned long)(local_clock() / (1000000000ULL / HZ));
}

#define nmi_to_desc(type) (&nmi_desc[type])

static __nmisafe void nmi_check_duration(struct nmiaction *action,
					 unsigned long long duration)
{
	unsigned long long msecs;
	int remainder_ns, decimal_msecs;

	if (duration < nmi_longest_ns || duration < action->max_duration)
		return;

	action->max_duration = duration;

	/* Convert duration from nsec to msec */
	msecs = duration / NSEC_PER_MSEC;
	remainder_ns = (int)(duration % NSEC_PER_MSEC);
	decimal_msecs = remainder_ns / NSEC_PER_USEC;

	pr_info_ratelimited(
		"INFO: NMI handler (%ps) took too long to run: %llu.%03d msecs\n",
		(void *)action->handler, msecs, decimal_msecs);
}

/* include/trace/events/nmi.h: nmi_handler */
static __nmisafe void trace_nmi_handler(nmi_handler_t handler,
					unsigned long long start,
					unsigned long long delta_ns,
					int handled)
{
	if (READ_ONCE(trace_buf_on))
		trace_buf_record(EV_NMI_HANDLER, start, delta_ns, handled,
				 (void *)handler);
	if (READ_ONCE(trace_nmi))
		printk(KERN_INFO
		       "nmi_handler: %ps() delta_ns: %llu handled: %d\n",
		       (void *)handler, delta_ns, handled);
}

static __nmisafe int nmi_handle(unsigned int type, struct pt_regs *regs)
{
	struct nmi_desc *desc = nmi_to_desc(type);
	struct nmiaction *ehandler, *a;
	int handled = 0;

	/*
	 * Call the emergency handler, if set
	 *
	 * In the case of crash_nmi_callback() emergency handler, it will
	 * return in the case of the crashing CPU to enable it to complete
	 * other necessary crashing actions ASAP. Other handlers in the
	 * linked list won't need to be run.
	 */
	ehandler = rcu_dereference(desc->emerg_handler);
	if (ehandler)
		return ehandler->handler(type, regs);

	rcu_read_lock();

	/*
	 * NMIs are edge-triggered, which means if you have enough
	 * of them concurrently, you can lose some because only one
	 * can be latched at any given time.  Walk the whole list
	 * to handle those situations.
	 */
	for (a = rcu_dereference(desc->head); a; a = rcu_dereference(a->next)) {
		int thishandled;
		unsigned long long delta, start;

		delta = local_clock();
		thishandled = a->handler(type, regs);
		handled += thishandled;
		start = delta;
		delta = local_clock() - delta;
		trace_nmi_handler(a->handler, start, delta, thishandled);

		nmi_check_duration(a, delta);
	}

	rcu_read_unlock();

	/* return total number of NMI events handled */
	return handled;
}

int __register_nmi_handler(unsigned int type, struct nmiaction *action)
{
	struct nmi_desc *desc;
	struct nmiaction **pp;

	if (type >= NMI_MAX || !action || !action->handler ||
	    action->registered)
		return -EINVAL;
	/* it runs in NMI context: it must be NMI-safe text */
	if (!nmisafe_text_contains((void *)action->handler))
		return -EINVAL;
	desc = nmi_to_desc(type);
	pthread_mutex_lock(&desc->lock);

	/*
	 * Indicate if there are multiple registrations on the
	 * internal NMI handler call chains (SERR and IO_CHECK).
	 */
	if ((type == NMI_SERR || type == NMI_IO_CHECK) && desc->head)
		pr_warn("nmi: second handler on the %s chain (%s)\n",
			type == NMI_SERR ? "SERR" : "IO_CHECK", action->name);

	/*
	 * some handlers need to be executed first otherwise a fake
	 * event confuses some handlers (kdump uses this flag)
	 */
	pp = &desc->head;
	if (!(action->flags & NMI_FLAG_FIRST))
		while (*pp)
			pp = &(*pp)->next;
	action->next = *pp;
	action->registered = 1;
	rcu_assign_pointer(*pp, action);

	pthread_mutex_unlock(&desc->lock);
	return 0;
}

void unregister_nmi_handler(unsigned int type, const char *name)
{
	struct nmi_desc *desc = nmi_to_desc(type);
	struct nmiaction **pp, *found = NULL;

	pthread_mutex_lock(&desc->lock);

	for (pp = &desc->head; *pp; pp = &(*pp)->next) {
		/*
		 * the name passed in to describe the nmi handler
		 * is used as the lookup key
		 */
		if (!strcmp((*pp)->name, name)) {
			WARN_ON(in_nmi());
			found = *pp;
			rcu_assign_pointer(*pp, found->next);
			break;
		}
	}

	pthread_mutex_unlock(&desc->lock);
	if (found) {
		/* no NMI on any CPU still walks past it */
		synchronize_rcu();
		found->registered = 0;
		found->next = NULL;
	}
}

static __nmisafe void nmi_panic(struct pt_regs *regs, const char *msg)
{
	(void)regs;
	panic("%s", msg);
}

static __nmisafe void pci_serr_error(unsigned char reason, struct pt_regs *regs)
{
	/* check to see if anyone registered against these types of errors */
	if (nmi_handle(NMI_SERR, regs))
		return;

	pr_emerg("NMI: PCI system error (SERR) for reason %02x on CPU %d.\n",
		 reason, smp_processor_id());

	if (panic_on_unrecovered_nmi)
		nmi_panic(regs, "NMI: Not continuing");

	pr_emerg("Dazed and confused, but trying to continue\n");

	/* Clear and disable the PCI SERR error line. */
	reason = (reason & NMI_REASON_CLEAR_MASK) | NMI_REASON_CLEAR_SERR;
	outb(reason, NMI_REASON_PORT);
}

static __nmisafe void io_check_error(unsigned char reason, struct pt_regs *regs)
{
	/* check to see if anyone registered against these types of errors */
	if (nmi_handle(NMI_IO_CHECK, regs))
		return;

	pr_emerg(
		"NMI: IOCK error (debug interrupt?) for reason %02x on CPU %d.\n",
		reason, smp_processor_id());
	show_regs(regs);

	if (panic_on_io_nmi) {
		nmi_panic(regs, "NMI IOCK error: Not continuing");

		/*
		 * If we end up here, it means we have received an NMI while
		 * processing panic(). Simply return without delaying and
		 * re-enabling NMIs.
		 */
		return;
	}

	/* Re-enable the IOCK line; upstream waits two seconds here. */
	reason = (reason & NMI_REASON_CLEAR_MASK) | NMI_REASON_CLEAR_IOCHK;
	outb(reason, NMI_REASON_PORT);
	reason &= ~NMI_REASON_CLEAR_IOCHK;
	outb(reason, NMI_REASON_PORT);
}

static __nmisafe void unknown_nmi_error(unsigned char reason,
					struct pt_regs *regs)
{
	struct nmi_stats *nsp = this_cpu_ptr(nmi_stats);
	int handled;

	/*
	 * Use 'false' as back-to-back NMIs are dealt with one level up.
	 * Of course this makes having multiple 'unknown' handlers useless
	 * as only the first one is ever run (unless it can actually determine
	 * if it caused the NMI)
	 */
	handled = nmi_handle(NMI_UNKNOWN, regs);
	if (handled) {
		nsp->unknown += handled;
		return;
	}

	nsp->unknown++;

	pr_emerg_ratelimited(
		"Uhhuh. NMI received for unknown reason %02x on CPU %d.\n",
		reason, smp_processor_id());

	if (unknown_nmi_panic || panic_on_unrecovered_nmi)
		nmi_panic(regs, "NMI: Not continuing");

	pr_emerg_ratelimited("Dazed and confused, but trying to continue\n");
}

static DEFINE_PER_CPU(int, swallow_nmi);
static DEFINE_PER_CPU(unsigned long, last_nmi_rip);

static __nmisafe void default_do_nmi(struct pt_regs *regs)
{
	struct nmi_stats *nsp = this_cpu_ptr(nmi_stats);
	unsigned char reason = 0;
	int handled;
	int b2b = 0;

	/*
	 * Back-to-back NMIs are detected by comparing the RIP of the
	 * current NMI with that of the previous NMI. If it is the same,
	 * it is assumed that the CPU did not have a chance to jump back
	 * into a non-NMI context and execute code in between the two
	 * NMIs.
	 *
	 * They are interesting because even if there are more than two,
	 * only a maximum of two can be detected (anything over two is
	 * dropped due to NMI being edge-triggered). If this is the
	 * second half of the back-to-back NMI, assume we dropped things
	 * and process more handlers. Otherwise, reset the 'swallow' NMI
	 * behavior.
	 */
	if (regs->ip == this_cpu_read(last_nmi_rip))
		b2b = 1;
	else
		this_cpu_write(swallow_nmi, 0);

	this_cpu_write(last_nmi_rip, regs->ip);

	/*
	 * CPU-specific NMI must be processed before non-CPU-specific
	 * NMI, otherwise we may lose it, because the CPU-specific
	 * NMI can not be detected/processed on other CPUs.
	 */
	handled = nmi_handle(NMI_LOCAL, regs);
	nsp->normal += handled;
	if (handled) {
		/*
		 * There are cases when a NMI handler handles multiple
		 * events in the current NMI.  One of these events may
		 * be queued for in the next NMI.  Because the event is
		 * already handled, the next NMI will result in an unknown
		 * NMI.  Instead lets flag this for a potential NMI to
		 * swallow.
		 */
		if (handled > 1)
			this_cpu_write(swallow_nmi, 1);
		return;
	}

	/*
	 * Non-CPU-specific NMI: NMI sources can be processed on any CPU.
	 * Only NMI handlers take the reason lock, so spinning is fine.
	 */
	while (!raw_spin_trylock(&nmi_reason_lock))
		__builtin_ia32_pause();

	reason = inb(NMI_REASON_PORT);

	if (reason & NMI_REASON_MASK) {
		if (reason & NMI_REASON_SERR)
			pci_serr_error(reason, regs);
		else if (reason & NMI_REASON_IOCHK)
			io_check_error(reason, regs);

		nsp->external++;
		raw_spin_unlock(&nmi_reason_lock);
		return;
	}
	raw_spin_unlock(&nmi_reason_lock);

	/*
	 * Only one NMI can be latched at a time.  To handle
	 * this we may process multiple nmi handlers at once to
	 * cover the case where an NMI is dropped.  The downside
	 * to this approach is we may process an NMI prematurely,
	 * while its real NMI is sitting latched.  This will cause
	 * an unknown NMI on the next run of the NMI processing.
	 *
	 * We tried to flag that condition above, by setting the
	 * swallow_nmi flag when we process more than one event.
	 * This condition is also only present on the second half
	 * of a back-to-back NMI, so we flag that condition too.
	 *
	 * If both are true, we assume we already processed this
	 * NMI previously and we swallow it.  Otherwise we reset
	 * the logic.
	 */
	if (b2b && this_cpu_read(swallow_nmi))
		nsp->swallow++;
	else
		unknown_nmi_error(reason, regs);
}

/*
 * NMIs can page fault or hit breakpoints which will cause it to lose
 * its NMI context with the CPU when the breakpoint or page fault does an IRET.
 *
 * As a result, NMIs can nest if NMIs get unmasked due an IRET during
 * NMI processing.  On x86_64, the asm glue protects us from nested NMIs
 * if the outer NMI came from kernel mode, but we can still nest if the
 * outer NMI came from user mode.
 *
 * To handle these nested NMIs, we have three states:
 *
 *  1) not running
 *  2) executing
 *  3) latched
 *
 * When no NMI is in progress, it is in the "not running" state.
 * When an NMI comes in, it goes into the "executing" state.
 * Normally, if another NMI is triggered, it does not interrupt
 * the running NMI and the HW will simply latch it so that when
 * the first NMI finishes, it will restart the second NMI.
 * (Note, the latch is binary, thus multiple NMIs triggering,
 *  when one is running, are ignored. Only one NMI is restarted.)
 *
 * If an NMI executes an iret, another NMI can preempt it. We do not
 * want to allow this new NMI to run, but we want to execute it when the
 * first one finishes.  We set the state to "latched", and the exit of
 * the first NMI will perform a dec_return, if the result is zero
 * (NOT_RUNNING), then it will simply exit the NMI handler. If not, the
 * dec_return would have set the state to NMI_EXECUTING (what we want it
 * to be when we are running). In this case, we simply jump back to
 * rerun the NMI handler again, and restart the 'executing' state.
 */
DEFINE_PER_CPU(enum nmi_states, nmi_state);
DEFINE_PER_CPU(unsigned long, nmi_cr2);
DEFINE_PER_CPU(unsigned long, nmi_dr7);

DEFINE_IDTENTRY_NMI(exc_nmi)
{
	irqentry_state_t irq_state;
	struct nmi_stats *nsp = this_cpu_ptr(nmi_stats);

	__atomic_add_fetch(&nsp->idt_calls, 1, __ATOMIC_RELAXED);

	if (!READ_ONCE(this_sim_cpu()->online))
		return;

	if (this_cpu_read(nmi_state) != NMI_NOT_RUNNING) {
		/* a second latch adds no pass: it merges into the first */
		if (this_cpu_read(nmi_state) == NMI_LATCHED)
			nsp->merged++;
		if (!(nmi_break & NMI_BREAK_NMISTATE))
			this_cpu_write(nmi_state, NMI_LATCHED);
		return;
	}
	this_cpu_write(nmi_state, NMI_EXECUTING);
	nmi_point(NMI_PT_EXC_ENTER);
	this_cpu_write(nmi_cr2, read_cr2());
	nmi_point(NMI_PT_CR2_SAVED);

nmi_restart:
	nsp->passes++;
	WRITE_ONCE(nsp->idt_seq, nsp->idt_seq + 1);
	WARN_ON_ONCE(!(nsp->idt_seq & 0x1));
	WRITE_ONCE(nsp->recv_jiffies, jiffies_now());

	this_cpu_write(nmi_dr7, local_db_save());
	nmi_point(NMI_PT_DB_SAVED);

	irq_state = irqentry_nmi_enter(regs);

	if (ignore_nmis) {
		WRITE_ONCE(nsp->idt_ignored, nsp->idt_ignored + 1);
	} else {
		WRITE_ONCE(nsp->idt_nmi_seq, nsp->idt_nmi_seq + 1);
		WARN_ON_ONCE(!(nsp->idt_nmi_seq & 0x1));
		default_do_nmi(regs);
		WRITE_ONCE(nsp->idt_nmi_seq, nsp->idt_nmi_seq + 1);
		WARN_ON_ONCE(nsp->idt_nmi_seq & 0x1);
	}

	irqentry_nmi_exit(regs, irq_state);
	nmi_point(NMI_PT_HANDLED);

	if (!(nmi_break & NMI_BREAK_DR7))
		local_db_restore(this_cpu_read(nmi_dr7));
	nmi_point(NMI_PT_DB_RESTORED);

	if (unlikely(this_cpu_read(nmi_cr2) != read_cr2()) &&
	    !(nmi_break & NMI_BREAK_CR2))
		write_cr2(this_cpu_read(nmi_cr2));
	WRITE_ONCE(nsp->idt_seq, nsp->idt_seq + 1);
	WARN_ON_ONCE(nsp->idt_seq & 0x1);
	WRITE_ONCE(nsp->recv_jiffies, jiffies_now());
	nmi_point(NMI_PT_CR2_RESTORED);
	if (nmi_break & NMI_BREAK_DEC2)
		this_cpu_dec_return(nmi_state);
	if (this_cpu_dec_return(nmi_state)) {
		nsp->restarts++;
		goto nmi_restart;
	}
}

void stop_nmi(void)
{
	__atomic_add_fetch(&ignore_nmis, 1, __ATOMIC_SEQ_CST);
}

void restart_nmi(void)
{
	__atomic_sub_fetch(&ignore_nmis, 1, __ATOMIC_SEQ_CST);
}

__nmisafe const struct nmi_stats *nmi_cpu_stats(int cpu)
{
	return per_cpu_ptr(nmi_stats, cpu);
}
