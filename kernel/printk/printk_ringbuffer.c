// SPDX-License-Identifier: GPL-2.0-only
/*
 * A lock-free multi-writer, single-reader ring of fixed-size records.
 * Much simpler than kernel/printk/printk_ringbuffer.c, with the property
 * that matters: any context (an NMI interrupting a printk on the same CPU
 * included) can write, and a writer never waits for the reader.  Writers
 * reserve a sequence number with a CAS on head, bounded by tail, so a
 * slot is never reused before it was read.
 */
#include <string.h>
#include "printk_ringbuffer.h"

__nmisafe struct prb_record *prb_reserve(struct printk_ringbuffer *rb,
					 unsigned long long *seq)
{
	unsigned long long head, tail;

	head = __atomic_load_n(&rb->head, __ATOMIC_RELAXED);
	do {
		tail = __atomic_load_n(&rb->tail, __ATOMIC_ACQUIRE);
		if (head - tail >= PRB_SLOTS) {
			__atomic_add_fetch(&rb->dropped, 1, __ATOMIC_RELAXED);
			return NULL;
		}
	} while (!__atomic_compare_exchange_n(&rb->head, &head, head + 1, 0,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	*seq = head;
	return &rb->slots[head % PRB_SLOTS];
}

__nmisafe void prb_commit(struct prb_record *r, unsigned long long seq)
{
	__atomic_store_n(&r->committed, seq + 1, __ATOMIC_RELEASE);
}

int prb_read(struct printk_ringbuffer *rb, struct prb_record *out)
{
	unsigned long long tail = __atomic_load_n(&rb->tail, __ATOMIC_RELAXED);
	struct prb_record *r = &rb->slots[tail % PRB_SLOTS];

	if (tail == __atomic_load_n(&rb->head, __ATOMIC_ACQUIRE))
		return 0;
	if (__atomic_load_n(&r->committed, __ATOMIC_ACQUIRE) != tail + 1)
		return 0;
	memcpy(out, r, sizeof(*out));
	__atomic_store_n(&rb->tail, tail + 1, __ATOMIC_RELEASE);
	return 1;
}

int prb_skip_stuck(struct printk_ringbuffer *rb)
{
	unsigned long long tail = __atomic_load_n(&rb->tail, __ATOMIC_RELAXED);

	if (tail == __atomic_load_n(&rb->head, __ATOMIC_ACQUIRE))
		return 0;
	__atomic_add_fetch(&rb->dropped, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&rb->tail, tail + 1, __ATOMIC_RELEASE);
	return 1;
}

int prb_empty(struct printk_ringbuffer *rb)
{
	return __atomic_load_n(&rb->tail, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&rb->head, __ATOMIC_ACQUIRE);
}
