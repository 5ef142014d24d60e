/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KERNEL_PRINTK_RINGBUFFER_H
#define _KERNEL_PRINTK_RINGBUFFER_H

#include <asm/compiler.h>

#define PRB_SLOTS 4096
#define PRB_TEXT_MAX 496

#define LOG_NEWLINE 1 /* text ended with a newline */
#define LOG_CONT 2 /* continues the previous record of the CPU */

struct prb_record {
	unsigned long long committed; /* seq + 1 once the writer is done */
	unsigned long long ts_nsec;
	short cpu;
	unsigned char level;
	unsigned char flags;
	unsigned short len;
	char text[PRB_TEXT_MAX];
};

struct printk_ringbuffer {
	unsigned long long head; /* next seq to reserve */
	unsigned long long tail; /* next seq to read */
	unsigned long dropped;
	struct prb_record slots[PRB_SLOTS];
};

/* Writer side, NMI-safe: NULL when full (the record is counted dropped). */
struct prb_record *prb_reserve(struct printk_ringbuffer *rb,
			       unsigned long long *seq);
void prb_commit(struct prb_record *r, unsigned long long seq);

/* Reader side, one reader: 1 and a copy when the next record is ready. */
int prb_read(struct printk_ringbuffer *rb, struct prb_record *out);
/* A reserved record that never committed (its writer died): skip it. */
int prb_skip_stuck(struct printk_ringbuffer *rb);
int prb_empty(struct printk_ringbuffer *rb);

#endif
