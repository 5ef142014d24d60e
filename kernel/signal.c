// SPDX-License-Identifier: GPL-2.0-only
/*
 * Forcing a signal on the current task, after kernel/signal.c.  The
 * kernel does not deliver it: it records the verdict, which the userland
 * supervisor hands to the task (PTRACE_SETSIGINFO).
 */
#include <linux/sched.h>
#include <linux/signal.h>

int show_unhandled_signals = 1;

__nmisafe int force_sig_fault(int sig, int code, void *addr)
{
	struct task_struct *t = current;

	t->pending.signo = sig;
	t->pending.code = code;
	t->pending.addr = addr;
	t->pending.trapno = (int)t->thread.trap_nr;
	t->pending.error_code = t->thread.error_code;
	t->has_pending = 1;
	return 0;
}

__nmisafe int force_sig(int sig)
{
	return force_sig_fault(sig, SI_KERNEL, NULL);
}
