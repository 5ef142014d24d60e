// SPDX-License-Identifier: GPL-2.0-only
/* --stats-json: the halt-time counters as JSON. */
#include <stdio.h>
#include <glib.h>
#include <linux/traps.h>
#include <linux/vk_stats.h>
#include <stats_json.h>

static const char *const st_names[] = { "not run", "ok", "failed", "skipped" };

static void json_string(GString *s, const char *v)
{
	g_string_append_c(s, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			g_string_append_printf(s, "\\%c", *v);
		else if ((unsigned char)*v < 0x20)
			g_string_append_printf(s, "\\u%04x", *v);
		else
			g_string_append_c(s, *v);
	}
	g_string_append_c(s, '"');
}

static void json_cpu(GString *s, const struct vk_cpu_stats *c, int cpu)
{
	int v, i, first = 1;

	g_string_append_printf(
		s,
		"    {\"cpu\": %d, \"traps\": %lu, \"vmalloc_faults\": %lu, "
		"\"workload_ticks\": %lu,\n     \"vectors\": {",
		cpu, c->traps, c->vmalloc_faults, c->workload_ticks);
	for (v = 0; v < 32; v++) {
		if (!c->vector_count[v])
			continue;
		g_string_append_printf(s, "%s\"%d\": %lu", first ? "" : ", ", v,
				       c->vector_count[v]);
		first = 0;
	}
	g_string_append_printf(
		s,
		"},\n     \"nmi\": {\"received\": %lu, \"taken\": %lu, "
		"\"latches\": %lu, \"lost\": %lu, \"latched_now\": %lu, "
		"\"first\": %lu, \"nested\": %lu, \"repeats\": %lu, "
		"\"nested_out\": %lu, \"corrupted\": %lu, \"handled\": %lu, "
		"\"unknown\": %lu, \"external\": %lu, \"swallowed\": %lu, "
		"\"restarts\": %lu, \"exc_nmi_calls\": %lu, \"from_user\": %lu",
		c->nmi_received, c->nmi_taken, c->nmi_latches, c->nmi_lost,
		c->nmi_latched_now, c->nmi_firsts, c->nmi_nested,
		c->nmi_repeats, c->nmi_nested_out, c->nmi_corrupted,
		c->nmi_normal, c->nmi_unknown, c->nmi_external, c->nmi_swallow,
		c->nmi_restarts, c->nmi_idt_calls, c->nmi_from_user);
	g_string_append(s, "},\n     \"selftest\": [");
	for (i = 0; i < NR_TRAP_SELFTESTS; i++) {
		const struct selftest_result *r = &c->selftest[i];

		g_string_append_printf(s,
				       "%s\n       {\"class\": ", i ? "," : "");
		json_string(s, r->mnemonic ? r->mnemonic : "");
		g_string_append_printf(
			s, ", \"vector\": %d, \"test\": ", r->vector);
		json_string(s, r->what ? r->what : "");
		g_string_append(s, ", \"status\": ");
		json_string(s, st_names[r->status]);
		g_string_append(s, ", \"detail\": ");
		json_string(s, r->detail);
		g_string_append_c(s, '}');
	}
	g_string_append(s, "]}");
}

int vk_write_stats_json(const char *path, const struct vk_stats *st)
{
	GString *s = g_string_new("{\n");
	GError *e = NULL;
	int cpu, ret = 0;

	g_string_append_printf(
		s,
		"  \"version\": \"%s\",\n  \"cpus\": %d,\n"
		"  \"exit_status\": %d,\n  \"uptime_ns\": %llu,\n"
		"  \"hw_breakpoints\": \"%s\",\n"
		"  \"selftest\": {\"ok\": %d, \"failed\": %d, \"skipped\": %d},\n"
		"  \"printk\": {\"records\": %lu, \"dropped\": %lu},\n"
		"  \"kallsyms\": %lu,\n  \"spurious_host_signals\": %lu,\n"
		"  \"per_cpu\": [\n",
		PACKAGE_VERSION, st->nr_cpus, st->exit_status, st->uptime_ns,
		st->hw_breakpoints ? st->hw_breakpoints : "none",
		st->selftest_ok, st->selftest_failed, st->selftest_skipped,
		st->printk_records, st->printk_dropped, st->kallsyms,
		st->spurious_host_signals);
	for (cpu = 0; cpu < st->nr_cpus; cpu++) {
		json_cpu(s, &st->cpu[cpu], cpu);
		g_string_append(s, cpu + 1 < st->nr_cpus ? ",\n" : "\n");
	}
	g_string_append(s, "  ]\n}\n");
	if (!g_file_set_contents(path, s->str, s->len, &e)) {
		fprintf(stderr, "vkernel: cannot write %s: %s\n", path,
			e->message);
		g_error_free(e);
		ret = -1;
	}
	g_string_free(s, TRUE);
	return ret;
}
