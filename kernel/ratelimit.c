// SPDX-License-Identifier: GPL-2.0-only
/* After lib/ratelimit.c. */
#include <asm/timex.h>
#include <linux/ratelimit.h>

__nmisafe int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long long now = local_clock();
	unsigned long long begin =
		__atomic_load_n(&rs->begin, __ATOMIC_ACQUIRE);

	if (!begin || now - begin > DEFAULT_RATELIMIT_INTERVAL) {
		if (__atomic_compare_exchange_n(&rs->begin, &begin, now, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			int missed = __atomic_exchange_n(&rs->missed, 0,
							 __ATOMIC_RELAXED);

			__atomic_store_n(&rs->printed, 0, __ATOMIC_RELEASE);
			if (missed)
				printk(KERN_WARNING
				       "%s: %d callbacks suppressed\n",
				       func, missed);
		}
	}
	if (__atomic_add_fetch(&rs->printed, 1, __ATOMIC_ACQ_REL) <=
	    DEFAULT_RATELIMIT_BURST)
		return 1;
	__atomic_add_fetch(&rs->missed, 1, __ATOMIC_RELAXED);
	return 0;
}
