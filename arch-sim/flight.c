// SPDX-License-Identifier: GPL-2.0-only
/* The flight recorder (see asm/flight.h). */
#include <errno.h>
#include <stdlib.h>
#include <asm/cpu.h>
#include <asm/flight.h>
#include <asm/timex.h>

struct flight_cpu {
	struct flight_rec *rec;
	unsigned long next;
};

int flight_on;
static struct flight_cpu fcpu[NR_CPUS];
static int flight_nr_cpus;

int flight_alloc(int nr_cpus)
{
	int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		fcpu[cpu].rec = calloc(FLIGHT_SLOTS, sizeof(struct flight_rec));
		if (!fcpu[cpu].rec) {
			flight_free();
			return -ENOMEM;
		}
		fcpu[cpu].next = 0;
	}
	flight_nr_cpus = nr_cpus;
	__atomic_store_n(&flight_on, 1, __ATOMIC_RELEASE);
	return 0;
}

void flight_free(void)
{
	int cpu;

	__atomic_store_n(&flight_on, 0, __ATOMIC_RELEASE);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		free(fcpu[cpu].rec);
		fcpu[cpu].rec = NULL;
	}
	flight_nr_cpus = 0;
}

__nmisafe void flight_freeze(void)
{
	__atomic_store_n(&flight_on, 0, __ATOMIC_RELEASE);
}

__nmisafe void flight_record(unsigned int type, unsigned long a,
			     unsigned long b)
{
	int cpu = smp_processor_id();
	struct flight_rec *r;
	unsigned long i;

	if (!__atomic_load_n(&flight_on, __ATOMIC_ACQUIRE) || cpu < 0 ||
	    cpu >= flight_nr_cpus)
		return;
	i = __atomic_fetch_add(&fcpu[cpu].next, 1, __ATOMIC_RELAXED);
	r = &fcpu[cpu].rec[i & (FLIGHT_SLOTS - 1)];
	r->ts = local_clock();
	r->a = a;
	r->b = b;
	r->type = type;
}

int flight_last(int cpu, struct flight_rec *out, int max)
{
	unsigned long next = __atomic_load_n(&fcpu[cpu].next, __ATOMIC_ACQUIRE);
	unsigned long n = next < FLIGHT_SLOTS ? next : FLIGHT_SLOTS, i;

	if (!fcpu[cpu].rec)
		return 0;
	if (n > (unsigned long)max)
		n = max;
	for (i = 0; i < n; i++)
		out[i] = fcpu[cpu].rec[(next - n + i) & (FLIGHT_SLOTS - 1)];
	return (int)n;
}
