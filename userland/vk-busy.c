// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-busy STOPFILE: a busy task for NMIs to hit.  It computes one round
 * of integer and SSE work and prints its result, then repeats the same
 * round until STOPFILE exists, checking that every round agrees: a
 * register or FPU state that an NMI's entry or exit clobbered shows up
 * as a round that disagrees.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define ROUND_ITERS (1u << 20)

static void one_round(uint64_t *h_out, double *d_out)
{
	uint64_t a = 0x9e3779b97f4a7c15ull, b = 1, c = 2, d = 3;
	double x = 1.0, y = 0.5;
	unsigned int i;

	for (i = 0; i < ROUND_ITERS; i++) {
		a ^= a << 13;
		a ^= a >> 7;
		a ^= a << 17;
		b += a ^ c;
		c = (c << 1 | c >> 63) + d;
		d ^= b + i;
		x = x * 1.0000001 + y;
		y = y * 0.9999999 - 1e-9;
	}
	*h_out = a ^ b ^ c ^ d;
	*d_out = x + y;
}

int main(int argc, char **argv)
{
	uint64_t h0, h;
	double d0, d;
	unsigned long rounds = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: vk-busy STOPFILE\n");
		return 2;
	}
	one_round(&h0, &d0);
	printf("result %016llx %.17g\n", (unsigned long long)h0, d0);
	fflush(stdout);
	do {
		one_round(&h, &d);
		if (h != h0 || d != d0) {
			printf("round %lu disagrees: %016llx %.17g\n", rounds,
			       (unsigned long long)h, d);
			return 1;
		}
		rounds++;
	} while (access(argv[1], F_OK));
	printf("every round agrees\n");
	return 0;
}
