// SPDX-License-Identifier: GPL-2.0-only
/* int3 hooks (see linux/int3.h): a fixed table, published with RCU. */
#include <errno.h>
#include <pthread.h>
#include <linux/int3.h>
#include <linux/rcupdate.h>

#define MAX_INT3_HOOKS 64

static struct int3_hook *hooks[MAX_INT3_HOOKS];
static pthread_mutex_t hooks_lock = PTHREAD_MUTEX_INITIALIZER;

int register_int3_hook(struct int3_hook *hook)
{
	int i, ret = -ENOSPC;

	if (!nmisafe_text_contains((void *)hook->handler))
		return -EINVAL;
	pthread_mutex_lock(&hooks_lock);
	for (i = 0; i < MAX_INT3_HOOKS; i++) {
		if (!hooks[i]) {
			rcu_assign_pointer(hooks[i], hook);
			ret = 0;
			break;
		}
	}
	pthread_mutex_unlock(&hooks_lock);
	return ret;
}

void unregister_int3_hook(struct int3_hook *hook)
{
	int i;

	pthread_mutex_lock(&hooks_lock);
	for (i = 0; i < MAX_INT3_HOOKS; i++) {
		if (hooks[i] == hook)
			rcu_assign_pointer(hooks[i], NULL);
	}
	pthread_mutex_unlock(&hooks_lock);
	synchronize_rcu();
}

/* RIP is past the int3, as after the trap on hardware. */
__nmisafe int int3_hook_handler(struct pt_regs *regs)
{
	unsigned long addr = regs->ip - 1;
	int i, ret = 0;

	rcu_read_lock();
	for (i = 0; i < MAX_INT3_HOOKS; i++) {
		struct int3_hook *h = rcu_dereference(hooks[i]);

		if (h && h->addr == addr) {
			__atomic_add_fetch(&h->hits, 1, __ATOMIC_RELAXED);
			ret = h->handler(h, regs);
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}

NOKPROBE_SYMBOL(int3_hook_handler);
