// SPDX-License-Identifier: GPL-2.0-only
/*
 * A task's own perf breakpoints (perf_event_open, PERF_TYPE_BREAKPOINT,
 * attr.sigtrap), after arch/x86/kernel/hw_breakpoint.c's
 * hw_breakpoint_handler() and kernel/events/core.c's perf_bp_event() and
 * perf_sigtrap().  The host owns the DR slot and its perf event; the CPU
 * reports which event fired (asm/user.h, user_perf_bp) the way bp_per_reg
 * names it upstream, and the kernel decides the signal from it.
 */
#include <asm/debugreg.h>
#include <asm/ptrace.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/signal.h>

#define PERF_TYPE_BREAKPOINT 5

/* perf_sigtrap(): the event's address, type and sig_data */
static __nmisafe void perf_sigtrap(const struct user_perf_bp *bp)
{
	force_sig_perf((void *)bp->addr, bp->type, bp->data);
}

/* perf_bp_event(): one hit, one sample period, one overflow */
static __nmisafe void perf_bp_event(const struct user_perf_bp *bp)
{
	if (bp->sigtrap)
		perf_sigtrap(bp);
}

static __nmisafe int hw_breakpoint_handler(struct notifier_block *nb,
					   unsigned long val, void *data)
{
	struct die_args *args = data;
	unsigned long *dr6_p = (unsigned long *)args->err;
	struct task_struct *t = current;

	(void)nb;
	if (val != DIE_DEBUG || !user_mode(args->regs) || !t->user ||
	    !t->perf_bp.hit || t->perf_bp.type != PERF_TYPE_BREAKPOINT)
		return NOTIFY_DONE;
	t->perf_bp.hit = 0;
	/* the slot's event consumed its trap bit */
	*dr6_p &= ~(unsigned long)DR_TRAP_BITS;
	perf_bp_event(&t->perf_bp);
	/* a single step that came with it still wants its signal */
	return *dr6_p & DR_STEP ? NOTIFY_DONE : NOTIFY_STOP;
}

static struct notifier_block hw_breakpoint_exceptions_nb = {
	.notifier_call = hw_breakpoint_handler,
	/* we need to be notified first */
	.priority = 0x7fffffff,
};

int hw_breakpoint_user_init(void)
{
	return register_die_notifier(&hw_breakpoint_exceptions_nb);
}

void hw_breakpoint_user_exit(void)
{
	unregister_die_notifier(&hw_breakpoint_exceptions_nb);
}
