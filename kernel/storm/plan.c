// SPDX-License-Identifier: GPL-2.0-only
/*
 * The storm's plan: every source of events (the external NMI sender, each
 * CPU's workload, each CPU's NMI handler) draws from its own stream of a
 * seeded generator, so the same seed gives every source the same
 * sequence of choices, however the host interleaves them.
 */
#include "storm.h"

const char *const storm_kind_names[NR_STORM_KINDS] = {
	[STORM_NMI] = "nmi",   [STORM_INT3] = "int3", [STORM_DB] = "db",
	[STORM_PF] = "pf",     [STORM_MF] = "mf",     [STORM_XF] = "xf",
	[STORM_USER] = "user", [STORM_REG] = "reg",   [STORM_GDB] = "gdb",
};

void storm_rng_seed(struct storm_rng *r, unsigned long long seed, int stream)
{
	r->s = seed ^
	       (0x9e3779b97f4a7c15ULL * (unsigned long long)(stream + 1));
}

/* splitmix64 */
__nmisafe unsigned long long storm_rand(struct storm_rng *r)
{
	unsigned long long z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

__nmisafe int storm_pick(struct storm_rng *r, const unsigned int *mix,
			 unsigned int allowed)
{
	unsigned long long total = 0, x;
	int k;

	for (k = 0; k < NR_STORM_KINDS; k++) {
		if (allowed & (1u << k))
			total += mix[k];
	}
	if (!total)
		return -1;
	x = storm_rand(r) % total;
	for (k = 0; k < NR_STORM_KINDS; k++) {
		if (!(allowed & (1u << k)))
			continue;
		if (x < mix[k])
			return k;
		x -= mix[k];
	}
	return -1;
}
