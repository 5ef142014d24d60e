// SPDX-License-Identifier: GPL-2.0-only
/* The printk ring: concurrent writers, one reader, nothing lost or reordered. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "../../kernel/printk/printk_ringbuffer.h"

#define WRITERS 4
#define PER_WRITER 50000

static struct printk_ringbuffer rb;
static int done;

static void *writer(void *arg)
{
	int id = GPOINTER_TO_INT(arg), i;

	for (i = 0; i < PER_WRITER;) {
		unsigned long long seq;
		struct prb_record *r = prb_reserve(&rb, &seq);

		if (!r)
			continue; /* full: dropped, counted, try again */
		r->cpu = (short)id;
		r->len = (unsigned short)snprintf(r->text, PRB_TEXT_MAX, "%d",
						  i);
		prb_commit(r, seq);
		i++;
	}
	__atomic_add_fetch(&done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_mpsc(void)
{
	pthread_t t[WRITERS];
	int next[WRITERS] = { 0 }, i, total = 0;
	struct prb_record r;

	for (i = 0; i < WRITERS; i++)
		pthread_create(&t[i], NULL, writer, GINT_TO_POINTER(i));
	while (total < WRITERS * PER_WRITER) {
		if (!prb_read(&rb, &r)) {
			g_assert_true(__atomic_load_n(&done, __ATOMIC_ACQUIRE) <
					      WRITERS ||
				      !prb_empty(&rb));
			continue;
		}
		r.text[r.len] = 0;
		g_assert_cmpint(atoi(r.text), ==, next[r.cpu]);
		next[r.cpu]++;
		total++;
	}
	for (i = 0; i < WRITERS; i++)
		pthread_join(t[i], NULL);
	g_assert_true(prb_empty(&rb));
}

static void test_full_drops(void)
{
	static struct printk_ringbuffer small;
	unsigned long long seq;
	int i;

	for (i = 0; i < PRB_SLOTS; i++)
		prb_commit(prb_reserve(&small, &seq), seq);
	g_assert_null(prb_reserve(&small, &seq));
	g_assert_cmpuint(small.dropped, ==, 1);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/printk/ringbuffer/writers-and-reader", test_mpsc);
	g_test_add_func("/printk/ringbuffer/full-drops", test_full_drops);
	return g_test_run();
}
