// SPDX-License-Identifier: GPL-2.0-only
/*
 * Atomic notifier chains and the die chain, after kernel/notifier.c.
 * Walking a chain is lock-free (RCU read side) so that notify_die() works
 * from any exception, NMI included; registration is serialized among
 * writers only, and unregistration waits for a grace period.
 */
#include <errno.h>
#include <pthread.h>
#include <linux/kdebug.h>
#include <linux/rcupdate.h>

static pthread_mutex_t chain_writers = PTHREAD_MUTEX_INITIALIZER;

int atomic_notifier_chain_register(struct atomic_notifier_head *nh,
				   struct notifier_block *n)
{
	struct notifier_block **nl;

	/* the callback runs in signal context: it must be NMI-safe text */
	if (!nmisafe_text_contains((void *)n->notifier_call))
		return -EINVAL;
	pthread_mutex_lock(&chain_writers);
	nl = &nh->head;
	while (*nl && (*nl)->priority >= n->priority)
		nl = &(*nl)->next;
	n->next = *nl;
	rcu_assign_pointer(*nl, n);
	pthread_mutex_unlock(&chain_writers);
	return 0;
}

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh,
				     struct notifier_block *n)
{
	struct notifier_block **nl;
	int ret = -ENOENT;

	pthread_mutex_lock(&chain_writers);
	for (nl = &nh->head; *nl; nl = &(*nl)->next) {
		if (*nl == n) {
			rcu_assign_pointer(*nl, n->next);
			ret = 0;
			break;
		}
	}
	pthread_mutex_unlock(&chain_writers);
	if (!ret)
		synchronize_rcu();
	return ret;
}

static __nmisafe int notifier_call_chain(struct notifier_block **nl,
					 unsigned long val, void *v)
{
	struct notifier_block *nb = rcu_dereference(*nl);
	int ret = NOTIFY_DONE;

	while (nb) {
		struct notifier_block *next = rcu_dereference(nb->next);

		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next;
	}
	return ret;
}

__nmisafe int atomic_notifier_call_chain(struct atomic_notifier_head *nh,
					 unsigned long val, void *v)
{
	int ret;

	rcu_read_lock();
	ret = notifier_call_chain(&nh->head, val, v);
	rcu_read_unlock();
	return ret;
}

static struct atomic_notifier_head die_chain;

__nmisafe int notify_die(enum die_val val, const char *str,
			 struct pt_regs *regs, long err, int trap, int sig)
{
	struct die_args args = {
		.regs = regs,
		.str = str,
		.err = err,
		.trapnr = trap,
		.signr = sig,
	};

	return atomic_notifier_call_chain(&die_chain, val, &args);
}

int register_die_notifier(struct notifier_block *nb)
{
	return atomic_notifier_chain_register(&die_chain, nb);
}

int unregister_die_notifier(struct notifier_block *nb)
{
	return atomic_notifier_chain_unregister(&die_chain, nb);
}

NOKPROBE_SYMBOL(atomic_notifier_call_chain);
NOKPROBE_SYMBOL(notify_die);
