/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * After include/linux/ratelimit.h: at most burst messages per interval.
 * Lock-free, so it works in NMI context (upstream trylocks and gives up).
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include <linux/printk.h>

#define DEFAULT_RATELIMIT_INTERVAL (5ULL * 1000000000ULL)
#define DEFAULT_RATELIMIT_BURST 10

struct ratelimit_state {
	unsigned long long begin;
	int printed;
	int missed;
};

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#define printk_ratelimited(fmt, ...)                \
	({                                          \
		static struct ratelimit_state _rs;  \
		if (__ratelimit(&_rs))              \
			printk(fmt, ##__VA_ARGS__); \
	})

#define pr_emerg_ratelimited(fmt, ...) \
	printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) \
	printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

#endif
