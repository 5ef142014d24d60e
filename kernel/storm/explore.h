/* SPDX-License-Identifier: GPL-2.0-only */
/* The explorer's engine (explore.c), for its command and its fuzzer. */
#ifndef _KERNEL_STORM_EXPLORE_H
#define _KERNEL_STORM_EXPLORE_H

#include <stddef.h>

#define X_MAX_DEPTH 8

struct xsched {
	int n;
	struct {
		int visit; /* the visit of a point, counted from the base */
		int act; /* a storm kind, or NR_STORM_KINDS: user-mode NMI */
	} in[X_MAX_DEPTH];
};

int explore_run(const struct xsched *s);
int explore_search(struct xsched *s, int depth, int target,
		   long long budget_ns);
int explore_format(const struct xsched *s, char *buf, size_t size);
int explore_parse(const char *text, struct xsched *s);
unsigned long explore_runs(void);
int x_over_budget(void);
const char *explore_action_name(int act);

#endif
