/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event buffers behind --trace-json: per CPU, lock-free, written from
 * any context (a reservation is one atomic add, so an NMI interrupting a
 * write on the same CPU takes the next slot), read after the CPUs stopped.
 * Full buffers drop new events and count them.
 */
#ifndef _ASM_TRACE_BUF_H
#define _ASM_TRACE_BUF_H

#include <asm/compiler.h>

enum vk_event_type {
	EV_EXCEPTION, /* arg: vector; dur: entry to IRET */
	EV_NMI, /* first_nmi to the final iretq; arg: repeats */
	EV_NMI_NESTED, /* nested_nmi: the iret frame sent to repeat_nmi */
	EV_NMI_REPEAT, /* a repeat_nmi iteration */
	EV_NMI_OUT, /* interrupted repeat_nmi: straight out */
	EV_NMI_HANDLER, /* arg: handled; fn: the handler */
};

struct vk_event {
	unsigned long long ts;
	unsigned long long dur;
	const void *fn;
	unsigned int type;
	unsigned int arg;
};

#define TRACE_EVENTS_PER_CPU 65536

extern int trace_buf_on;
int trace_buf_alloc(int nr_cpus);
void trace_buf_free(void);
void trace_buf_record(unsigned int type, unsigned long long ts,
		      unsigned long long dur, unsigned int arg, const void *fn);
const struct vk_event *trace_buf_cpu(int cpu, unsigned long *n,
				     unsigned long *dropped);

/* A file of the machine's host: for the trace at halt. */
int arch_write_file(const char *path, const char *buf, unsigned long len);

#endif
