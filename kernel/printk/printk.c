// SPDX-License-Identifier: GPL-2.0-only
/*
 * printk, after kernel/printk/printk.c: format on the caller's stack, store
 * in the lock-free ring, and let the console thread print it.  The console
 * gets records below console_loglevel (the "quiet" boot option makes that
 * 4); the --log file gets every record.
 */
#include <string.h>
#include <asm/console.h>
#include <asm/percpu.h>
#include <asm/timex.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include "printk_ringbuffer.h"

static struct printk_ringbuffer prb;
static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static int console_bell = -1;
static int console_sleeping;
static int console_stop;
static void *console_thread;
static int console_line_open;
static int console_last_level = LOGLEVEL_DEFAULT;
static unsigned long long console_stuck_since;

static __nmisafe const char *printk_parse_prefix(const char *text, int *level,
						 int *flags)
{
	while (text[0] == KERN_SOH[0] && text[1]) {
		if (text[1] >= '0' && text[1] <= '7')
			*level = text[1] - '0';
		else if (text[1] == 'c')
			*flags |= LOG_CONT;
		text += 2;
	}
	return text;
}

__nmisafe int vprintk(const char *fmt, va_list args)
{
	char buf[PRB_TEXT_MAX + 2];
	int level = LOGLEVEL_DEFAULT, flags = 0, len;
	unsigned long long seq;
	struct prb_record *r;
	const char *text;

	vscnprintf(buf, sizeof(buf), fmt, args);
	text = printk_parse_prefix(buf, &level, &flags);
	len = (int)strlen(text);
	if (len && text[len - 1] == '\n') {
		flags |= LOG_NEWLINE;
		len--;
	}
	r = prb_reserve(&prb, &seq);
	if (!r)
		return 0;
	r->ts_nsec = local_clock();
	r->cpu = (short)smp_processor_id();
	r->level = (unsigned char)level;
	r->flags = (unsigned char)flags;
	r->len = (unsigned short)min(len, PRB_TEXT_MAX);
	memcpy(r->text, text, r->len);
	prb_commit(r, seq);
	if (__atomic_exchange_n(&console_sleeping, 0, __ATOMIC_ACQ_REL) &&
	    console_bell >= 0)
		arch_doorbell_ring(console_bell);
	return len;
}

__nmisafe int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

static void console_emit(const struct prb_record *r)
{
	char line[PRB_TEXT_MAX + 64];
	int level = r->flags & LOG_CONT ? console_last_level : r->level;
	int n = 0;

	console_last_level = level;

	if (!(r->flags & LOG_CONT)) {
		if (console_line_open)
			line[n++] = '\n';
		n += scnprintf(line + n, sizeof(line) - n, "[%5llu.%06llu] ",
			       r->ts_nsec / 1000000000ULL,
			       (r->ts_nsec % 1000000000ULL) / 1000);
	}
	memcpy(line + n, r->text, r->len);
	n += r->len;
	console_line_open = !(r->flags & LOG_NEWLINE);
	if (!console_line_open)
		line[n++] = '\n';
	arch_logfile_write(line, n);
	if (level < console_loglevel)
		arch_console_write(line, n);
}

/* A writer that never committed (its CPU died in it) must not stop us. */
static int console_unstick(int final)
{
	unsigned long long now = local_clock();

	if (prb_empty(&prb)) {
		console_stuck_since = 0;
		return 0;
	}
	if (!console_stuck_since)
		console_stuck_since = now;
	if (final || now - console_stuck_since > 200000000ULL) {
		console_stuck_since = 0;
		return prb_skip_stuck(&prb);
	}
	return 0;
}

static void console_drain(int final)
{
	struct prb_record r;

	for (;;) {
		while (prb_read(&prb, &r)) {
			console_stuck_since = 0;
			console_emit(&r);
		}
		if (!console_unstick(final))
			break;
	}
}

static void console_thread_fn(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&console_stop, __ATOMIC_ACQUIRE)) {
		console_drain(0);
		__atomic_store_n(&console_sleeping, 1, __ATOMIC_RELEASE);
		if (prb_empty(&prb))
			arch_doorbell_wait(console_bell, 50);
		__atomic_store_n(&console_sleeping, 0, __ATOMIC_RELEASE);
	}
}

__nmisafe void console_verbose(void)
{
	if (READ_ONCE(console_loglevel))
		return; /* only run's silence is lifted: quiet stays quiet */
	WRITE_ONCE(console_loglevel, CONSOLE_LOGLEVEL_MOTORMOUTH);
}

int printk_init(int loglevel)
{
	console_loglevel = loglevel;
	console_bell = arch_doorbell_create();
	if (console_bell < 0)
		return console_bell;
	return arch_kthread_run(console_thread_fn, NULL, &console_thread);
}

void console_flush_and_stop(void)
{
	if (console_thread) {
		__atomic_store_n(&console_stop, 1, __ATOMIC_RELEASE);
		arch_doorbell_ring(console_bell);
		arch_kthread_join(console_thread);
		console_thread = NULL;
	}
	console_drain(1);
	if (console_line_open) {
		arch_logfile_write("\n", 1);
		arch_console_write("\n", 1);
		console_line_open = 0;
	}
	if (console_bell >= 0)
		arch_doorbell_destroy(console_bell);
	console_bell = -1;
}

unsigned long printk_dropped(void)
{
	return __atomic_load_n(&prb.dropped, __ATOMIC_RELAXED);
}

unsigned long printk_records(void)
{
	return (unsigned long)__atomic_load_n(&prb.head, __ATOMIC_RELAXED);
}

/*
 * The log as it stands, for a debugger (kmsg_dump_get_line()): the
 * record *seq formatted into buf, and *seq moved on; 0 at the end.  The
 * ring keeps the last PRB_SLOTS records after the console read them.
 */
__nmisafe int kmsg_dump_get_line(unsigned long long *seq, char *buf,
				 size_t size)
{
	unsigned long long head = __atomic_load_n(&prb.head, __ATOMIC_ACQUIRE);
	const struct prb_record *r;
	int n;

	if (head > PRB_SLOTS && *seq < head - PRB_SLOTS)
		*seq = head - PRB_SLOTS;
	for (; *seq < head; (*seq)++) {
		r = &prb.slots[*seq % PRB_SLOTS];
		if (__atomic_load_n(&r->committed, __ATOMIC_ACQUIRE) ==
		    *seq + 1)
			break;
	}
	if (*seq >= head)
		return 0;
	n = scnprintf(buf, size, "[%5llu.%06llu] %.*s%s",
		      r->ts_nsec / 1000000000ULL,
		      (r->ts_nsec % 1000000000ULL) / 1000, (int)r->len, r->text,
		      r->flags & LOG_NEWLINE ? "\n" : "");
	(*seq)++;
	return n;
}
