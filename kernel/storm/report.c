// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a storm or the explorer tells what broke: the invariant in words,
 * the last events of every CPU from the flight recorder, and the
 * schedule file that --replay reads.
 */
#define pr_fmt(fmt) "storm: " fmt
#include <asm/flight.h>
#include <asm/trace_buf.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/nmi_scenarios.h>
#include <linux/smp.h>
#include "storm.h"

#define FLIGHT_SHOWN 40 /* lines per CPU */

static const char *const account_rule[] = {
	"",
	"sent == received",
	"received == taken + lost",
	"taken == passes + merged",
};

int storm_format_violation(char *buf, size_t size)
{
	const struct storm_violation *v = &storm_violation;
	unsigned long a = v->a, b = v->b;

	switch (v->kind) {
	case NMI_CHK_REENTRY:
		return scnprintf(
			buf, size,
			"an NMI handler ran inside itself (depth %lu, at %pS)",
			a, (void *)b);
	case NMI_CHK_FRAME:
		return scnprintf(
			buf, size,
			"an NMI returned to %pS, but it interrupted %pS",
			(void *)b, (void *)a);
	case NMI_CHK_STACK:
		return scnprintf(
			buf, size,
			"NMI stack word %lu (a canary, \"NMI executing\" or the \"iret\" frame) is 0x%lx",
			a, b);
	case NMI_CHK_CR2:
		return scnprintf(
			buf, size,
			"cr2 was 0x%lx when the NMI came and 0x%lx after it", a,
			b);
	case NMI_CHK_DR7:
		if (a == ~0UL) /* from the storm's #DB notifier */
			return scnprintf(
				buf, size,
				"a watchpoint fired inside an NMI handler (DR0 0x%lx)",
				b);
		return scnprintf(
			buf, size,
			"dr7 was 0x%lx when the NMI came and 0x%lx after it", a,
			b);
	case NMI_CHK_LATCH:
		return scnprintf(
			buf, size,
			"%lu NMIs waited behind the pin (NMI %lu); the latch holds one",
			a, b);
	case NMI_CHK_ACCOUNT:
		return scnprintf(buf, size, "NMI accounting: %s is off by %ld",
				 account_rule[a < 4 ? a : 0], (long)b);
	case NMI_CHK_SIGNALS:
		if (a == 256 && b == 127)
			return scnprintf(
				buf, size,
				"the storm's userland task did not start");
		if (a == 256)
			return scnprintf(
				buf, size,
				"a userland task did not get exactly its own signals (status %lu)",
				b);
		return scnprintf(buf, size,
				 "vector %lu: the code that raised it saw %lu",
				 a, b);
	case NMI_CHK_STUCK:
		return scnprintf(buf, size,
				 "no progress for %lu ms (the watchdog)", a);
	case NMI_CHK_UNREG:
		return scnprintf(
			buf, size,
			"CPU %lu's handler ran after unregister_nmi_handler() returned",
			a);
	case NMI_CHK_LEAK:
		return scnprintf(buf, size, "%lu %s left behind", a,
				 b == 1 ? "NMI handlers" :
				 b == 2 ? "vmalloc pages" :
				 b == 3 ? "userland tasks" :
					  "items");
	case NMI_CHK_CRASH:
		return scnprintf(buf, size, "the kernel panicked");
	case NMI_CHK_DEBUGGER:
		return scnprintf(
			buf, size, "a gdb stop: %s",
			a == 1 ? "no stop reply within 5 s" :
			a == 2 ? "this CPU was not held" :
			a == 3 ? "this CPU was not let go after 'c'" :
			a == 5 ? "the stub stopped without being asked" :
				 "its registers could not be read");
	}
	return scnprintf(buf, size, "kind %d", v->kind);
}

void storm_print_violation(void)
{
	char text[256];

	storm_format_violation(text, sizeof(text));
	pr_err("VIOLATION: %s: %s (CPU %d)\n",
	       nmi_check_names[storm_violation.kind], text,
	       storm_violation.cpu);
}

static const char *const flight_names[] = {
	[FL_NMI_IN] = "nmi-in",
	[FL_NMI_OUT] = "nmi-out",
	[FL_LATCH] = "latch",
	[FL_LOST] = "lost",
	[FL_OP] = "op",
	[FL_POINT] = "point",
	[FL_VIOLATION] = "VIOLATION",
	[FL_TRAP] = "trap",
	[FL_HELD] = "held",
	[FL_USER] = "user",
	[FL_RESUME] = "resume",
};

static int flight_line(char *buf, size_t size, const struct flight_rec *r)
{
	switch (r->type) {
	case FL_NMI_IN:
	case FL_NMI_OUT:
		return scnprintf(buf, size, "%-9s %pS depth %lu",
				 flight_names[r->type], (void *)r->a, r->b);
	case FL_LATCH:
		if (!r->b) /* where it found the CPU is known in sim_nmi only */
			return scnprintf(buf, size, "%-9s NMI %lu", "latch",
					 r->a);
		return scnprintf(buf, size, "%-9s NMI %lu at %pS", "latch",
				 r->a, (void *)r->b);
	case FL_USER:
		return scnprintf(buf, size, "%-9s pid %lu: wait status 0x%lx",
				 "user", r->b, r->a);
	case FL_RESUME:
		return scnprintf(buf, size, "%-9s pid %lu: how %lu, signal %lu",
				 "resume", r->b, r->a >> 8, r->a & 0xff);
	case FL_TRAP:
		return scnprintf(buf, size, "%-9s %lu at %pS", "trap", r->a,
				 (void *)r->b);
	case FL_HELD:
		return scnprintf(buf, size, "%-9s at %pS (%lu)", "held",
				 (void *)r->a, r->b);
	case FL_OP:
		return scnprintf(
			buf, size, "%-9s %s%s", "op",
			r->a < NR_STORM_KINDS ? storm_kind_names[r->a] : "?",
			r->b ? " (in the NMI handler)" : "");
	case FL_POINT:
		return scnprintf(
			buf, size, "%-9s %s: %s", "inject",
			r->a < NR_NMI_POINTS ? nmi_point_names[r->a] : "?",
			r->b < NR_STORM_KINDS ? storm_kind_names[r->b] :
						"nmi from user");
	}
	return scnprintf(buf, size, "%-9s 0x%lx 0x%lx", flight_names[r->type],
			 r->a, r->b);
}

/* Runs of lost NMIs fold into one line, so that more history shows. */
static int flight_fold(const struct flight_rec *rec, int n,
		       struct flight_rec *out, unsigned int *count)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (k && rec[i].type == FL_LOST && out[k - 1].type == FL_LOST &&
		    rec[i].b == out[k - 1].b) {
			count[k - 1]++;
			out[k - 1].a = rec[i].a; /* the last NMI of the run */
			continue;
		}
		out[k] = rec[i];
		count[k++] = 1;
	}
	return k;
}

static void lost_line(char *buf, size_t size, const struct flight_rec *r,
		      unsigned int count)
{
	int len = scnprintf(buf, size, "%-9s %u NMIs (to NMI %lu)", "lost",
			    count, r->a);

	if (r->b)
		scnprintf(buf + len, size - len, ", at %pS", (void *)r->b);
}

void storm_print_flight(int nr_cpus)
{
	static struct flight_rec rec[FLIGHT_SLOTS], fold[FLIGHT_SLOTS];
	static unsigned int count[FLIGHT_SLOTS];
	char line[160];
	int cpu, i, n;

	pr_err("flight recorder, the last events of each CPU (up to %d lines):\n",
	       FLIGHT_SHOWN);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		n = flight_fold(rec, flight_last(cpu, rec, FLIGHT_SLOTS), fold,
				count);
		for (i = n > FLIGHT_SHOWN ? n - FLIGHT_SHOWN : 0; i < n; i++) {
			if (fold[i].type == FL_LOST)
				lost_line(line, sizeof(line), &fold[i],
					  count[i]);
			else
				flight_line(line, sizeof(line), &fold[i]);
			pr_err("  CPU%d %llu.%06llu %s\n", cpu,
			       fold[i].ts / 1000000000ULL,
			       fold[i].ts % 1000000000ULL / 1000, line);
		}
	}
}

/* header: what --replay needs; the explorer's schedule, if any, follows */
int storm_write_schedule(const char *path, const char *body)
{
	const struct storm_params *p = storm_p;
	char buf[8192], text[256];
	size_t len = 0;
	int k;

	storm_format_violation(text, sizeof(text));
	len += scnprintf(
		buf + len, sizeof(buf) - len,
		"# vkernel storm schedule: vkernel storm --replay FILE\n"
		"seed %llu\ncpus %d\nmode %s\n",
		p->seed, nr_cpu_ids, p->explore ? "explore" : "storm");
	len += scnprintf(buf + len, sizeof(buf) - len, "mix ");
	for (k = 0; k < NR_STORM_KINDS; k++)
		len += scnprintf(buf + len, sizeof(buf) - len, "%s%s=%u",
				 k ? "," : "", storm_kind_names[k], p->mix[k]);
	len += scnprintf(
		buf + len, sizeof(buf) - len,
		"\nrate %llu\nevents %llu\nduration-ns %lld\ndepth %d\n",
		p->rate, p->events, p->duration_ns, p->depth);
	len += scnprintf(
		buf + len, sizeof(buf) - len,
		"nmi-entry %s\nnmi-break %d\ninvariant %s\n# %s\n",
		nmi_entry_kind == NMI_ENTRY_NAIVE ? "naive" : "upstream",
		nmi_break, nmi_check_names[storm_violation.kind], text);
	if (body)
		len += scnprintf(buf + len, sizeof(buf) - len, "%s", body);
	return arch_write_file(path, buf, len);
}
