// SPDX-License-Identifier: GPL-2.0-only
/*
 * Forcing a signal on the current task, after kernel/signal.c.  The
 * kernel does not deliver it: it records the verdict, which the userland
 * supervisor hands to the task (PTRACE_SETSIGINFO).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>

int show_unhandled_signals = 1;

/* the task has no handler of its own for sig (the kernel's idle has none) */
__nmisafe int unhandled_signal(struct task_struct *tsk, int sig)
{
	return !tsk->user || !(tsk->sigcgt & (1ULL << (sig - 1)));
}

/*
 * mm/memory.c's print_vma_addr(), as a string: " in prog[base+size]" for
 * the mapping of the task's last trap, "" when unknown.
 */
__nmisafe const char *print_vma_addr(struct task_struct *tsk)
{
	static __thread char buf[96];

	if (!tsk->user || !tsk->vma_name[0])
		return "";
	scnprintf(buf, sizeof(buf), " in %s[%lx+%lx]", tsk->vma_name,
		  tsk->vma_start, tsk->vma_size);
	return buf;
}

__nmisafe int force_sig_fault(int sig, int code, void *addr)
{
	struct task_struct *t = current;

	t->pending.signo = sig;
	t->pending.code = code;
	t->pending.addr = addr;
	t->pending.trapno = (int)t->thread.trap_nr;
	t->pending.error_code = t->thread.error_code;
	t->pending.perf_data = 0;
	t->pending.perf_type = 0;
	t->has_pending = 1;
	return 0;
}

/* kernel/signal.c: the perf event's address, type and sig_data */
__nmisafe int force_sig_perf(void *addr, unsigned int type,
			     unsigned long sig_data)
{
	struct task_struct *t = current;

	force_sig_fault(SIGTRAP, TRAP_PERF, addr);
	t->pending.perf_data = sig_data;
	t->pending.perf_type = type;
	return 0;
}

__nmisafe int force_sig(int sig)
{
	return force_sig_fault(sig, SI_KERNEL, NULL);
}
