/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The flight recorder: the last events of each CPU, in a per-CPU ring
 * written from any context (one atomic add reserves a slot, so an NMI
 * interrupting a write takes the next one) and read once the CPUs stopped
 * or were given up on.
 */
#ifndef _ASM_FLIGHT_H
#define _ASM_FLIGHT_H

#include <asm/compiler.h>

enum flight_event {
	FL_NMI_IN, /* a: interrupted RIP, b: depth */
	FL_NMI_OUT, /* a: RIP returned to, b: depth */
	FL_LATCH, /* an NMI went into the latch */
	FL_LOST, /* an NMI found the latch full */
	FL_OP, /* a: storm kind, b: 0 workload, 1 in an NMI handler */
	FL_POINT, /* a: instrumentation point, b: what was injected */
	FL_VIOLATION, /* a, b: the checker's words */
	FL_TRAP, /* a: vector, b: RIP of the exception */
	FL_HELD, /* a: RIP where a held NMI was taken, b: how */
	FL_USER, /* the task stopped: a: the host's wait status, b: pid */
	FL_RESUME, /* the CPU resumed its task: a: how << 8 | signal, b: pid */
};

struct flight_rec {
	unsigned long long ts;
	unsigned long a, b;
	unsigned int type;
};

#define FLIGHT_SLOTS 256 /* per CPU, a power of two */

extern int flight_on;
int flight_alloc(int nr_cpus);
void flight_free(void);
/* Stop recording: what is printed is what led to the first violation. */
void flight_freeze(void);
void flight_record(unsigned int type, unsigned long a, unsigned long b);
/* Up to max of CPU cpu's last records, oldest first; returns how many. */
int flight_last(int cpu, struct flight_rec *out, int max);

#endif
