// SPDX-License-Identifier: GPL-2.0-only
/*
 * --trace-json: the per-CPU event buffers as Chrome trace-event JSON (one
 * thread per CPU), for Perfetto or chrome://tracing.  Written at halt,
 * outside signal context, while kallsyms can still name the handlers.
 */
#include <stdlib.h>
#include <string.h>
#include <asm/trace_buf.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/traps.h>

struct jbuf {
	char *p;
	unsigned long len, cap;
	int err;
};

__printf(2, 3) static void jprintf(struct jbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->err)
		return;
	if (b->cap - b->len < 512) {
		char *q = realloc(b->p, b->cap * 2 + 4096);

		if (!q) {
			b->err = 1;
			return;
		}
		b->p = q;
		b->cap = b->cap * 2 + 4096;
	}
	va_start(ap, fmt);
	n = vscnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += n;
}

static void json_event(struct jbuf *b, int cpu, const struct vk_event *e,
		       int *first)
{
	static const char *const nmi_names[] = {
		[EV_NMI] = "NMI",
		[EV_NMI_NESTED] = "nested_nmi",
		[EV_NMI_REPEAT] = "repeat_nmi",
		[EV_NMI_OUT] = "nested_nmi_out",
	};
	char sym[KSYM_SYMBOL_LEN];
	/* trace-event timestamps are microseconds */
	unsigned long long us = e->ts / 1000, frac = e->ts % 1000;

	jprintf(b, "%s\n{\"pid\":1,\"tid\":%d,\"ts\":%llu.%03llu,",
		*first ? "" : ",", cpu, us, frac);
	*first = 0;
	switch (e->type) {
	case EV_EXCEPTION:
		jprintf(b,
			"\"ph\":\"X\",\"dur\":%llu.%03llu,\"cat\":\"exception\",\"name\":\"%s\",\"args\":{\"vector\":%u}}",
			e->dur / 1000, e->dur % 1000, trap_mnemonic(e->arg),
			e->arg);
		break;
	case EV_NMI:
		jprintf(b,
			"\"ph\":\"X\",\"dur\":%llu.%03llu,\"cat\":\"nmi\",\"name\":\"NMI\",\"args\":{\"repeats\":%u}}",
			e->dur / 1000, e->dur % 1000, e->arg);
		break;
	case EV_NMI_HANDLER:
		scnprintf(sym, sizeof(sym), "%ps", e->fn);
		jprintf(b,
			"\"ph\":\"X\",\"dur\":%llu.%03llu,\"cat\":\"nmi_handler\",\"name\":\"%s\",\"args\":{\"handled\":%u}}",
			e->dur / 1000, e->dur % 1000, sym, e->arg);
		break;
	default:
		jprintf(b,
			"\"ph\":\"i\",\"s\":\"t\",\"cat\":\"nmi_entry\",\"name\":\"%s\"}",
			nmi_names[e->type]);
		break;
	}
}

int trace_json_write(const char *path)
{
	struct jbuf b = { NULL, 0, 0, 0 };
	int cpu, first = 1, ret;
	unsigned long i;

	jprintf(&b, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[");
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		unsigned long n, dropped;
		const struct vk_event *ev = trace_buf_cpu(cpu, &n, &dropped);

		jprintf(&b,
			"%s\n{\"pid\":1,\"tid\":%d,\"ph\":\"M\",\"name\":\"thread_name\",\"args\":{\"name\":\"CPU %d%s\"}}",
			first ? "" : ",", cpu, cpu,
			dropped ? " (events dropped)" : "");
		first = 0;
		for (i = 0; i < n; i++)
			json_event(&b, cpu, &ev[i], &first);
	}
	jprintf(&b, "\n]}\n");
	ret = b.err ? -1 : arch_write_file(path, b.p, b.len);
	free(b.p);
	return ret;
}
