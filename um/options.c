// SPDX-License-Identifier: GPL-2.0-only
/* The command line, with GLib's GOptionContext. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <options.h>

struct raw_opts {
	char *cpus, *config, *log, *stats, *run_for, *hwbp;
	char *nmi_scenario, *nmi_entry, *nmi_break, *nmi_panic;
	char *trace, *trace_json, *cpu, *uprobe, *gdb, *landlock;
	gboolean quiet, oops_test, version, backtrace, nmi_watchdog, verbose;
	gboolean wait_gdb, gdb_allow_remote;
	char *watchdog_thresh;
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "vkernel: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see vkernel --help)\n");
	return 2;
}

static GOptionContext *make_context(struct raw_opts *r)
{
	GOptionEntry entries[] = {
		{ "cpus", 'c', 0, G_OPTION_ARG_STRING, &r->cpus,
		  "Number of simulated CPUs, 1 to 64 (default 2)", "N" },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &r->config,
		  "Read options from a key file ([vkernel] group)", "FILE" },
		{ "log", 0, 0, G_OPTION_ARG_FILENAME, &r->log,
		  "Also write the whole kernel log to FILE", "FILE" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &r->quiet,
		  "Console shows only errors (loglevel < 4), like 'quiet'",
		  NULL },
		{ "stats-json", 0, 0, G_OPTION_ARG_FILENAME, &r->stats,
		  "Write counters and self-test results to FILE at halt",
		  "FILE" },
		{ "run-for", 0, 0, G_OPTION_ARG_STRING, &r->run_for,
		  "After the self-test keep the CPUs running (5s, 2m, inf)",
		  "DURATION" },
		{ "hw-breakpoints", 0, 0, G_OPTION_ARG_STRING, &r->hwbp,
		  "Debug register backend: auto, perf, ptrace or none",
		  "KIND" },
		{ "nmi-scenario", 0, 0, G_OPTION_ARG_STRING, &r->nmi_scenario,
		  "After boot run an NMI scenario: nesting, cr2, dr7, unknown, slow or all",
		  "NAME" },
		{ "nmi-entry", 0, 0, G_OPTION_ARG_STRING, &r->nmi_entry,
		  "NMI entry: upstream, or naive (pre-2012, no nested-NMI handling)",
		  "KIND" },
		{ "nmi-break", 0, 0, G_OPTION_ARG_STRING, &r->nmi_break,
		  "Break exc_nmi on purpose: cr2, dr7 (comma-separated)",
		  "WHAT" },
		{ "nmi-panic", 0, 0, G_OPTION_ARG_STRING, &r->nmi_panic,
		  "Panic on unknown, unrecovered or io NMIs (comma-separated)",
		  "WHICH" },
		{ "trace", 0, 0, G_OPTION_ARG_STRING, &r->trace,
		  "Print events as they happen: nmi (each NMI handler call), traps (each exception of a userland task), ptrace (each emulated ptrace request, stop and wait), comma-separated",
		  "WHAT" },
		{ "cpu", 0, 0, G_OPTION_ARG_STRING, &r->cpu,
		  "vkernel run: the CPU that runs the program (default 1, or 0 with one CPU)",
		  "K" },
		{ "uprobe", 0, 0, G_OPTION_ARG_STRING, &r->uprobe,
		  "vkernel run: claim the int3 at PATH:OFFSET (hex file offset) for a uprobe",
		  "PATH:OFFSET" },
		{ "landlock", 0, 0, G_OPTION_ARG_STRING, &r->landlock,
		  "vkernel run: the host's Landlock wall around the task tree: auto (where the host has it) or off (the supervisor alone)",
		  "auto|off" },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &r->verbose,
		  "vkernel run: show the boot log too (on stderr)", NULL },
		{ "trace-json", 0, 0, G_OPTION_ARG_FILENAME, &r->trace_json,
		  "Write exceptions, NMI entries and handler calls of every CPU as Chrome trace-event JSON",
		  "FILE" },
		{ "nmi-watchdog", 0, 0, G_OPTION_ARG_NONE, &r->nmi_watchdog,
		  "Run the hard-lockup detector (an NMI every watchdog_thresh)",
		  NULL },
		{ "watchdog-thresh", 0, 0, G_OPTION_ARG_STRING,
		  &r->watchdog_thresh,
		  "watchdog_thresh in seconds, 1 to 60 (default 10)",
		  "SECONDS" },
		{ "backtrace", 0, 0, G_OPTION_ARG_NONE, &r->backtrace,
		  "After boot, trigger_all_cpu_backtrace() (sysrq-l)", NULL },
		{ "oops-test", 0, 0, G_OPTION_ARG_NONE, &r->oops_test,
		  "Hit an unclaimed kernel int3 after boot: Oops and panic",
		  NULL },
		{ "gdb", 0, 0, G_OPTION_ARG_STRING, &r->gdb,
		  "Listen for gdb (tcp:HOST:PORT, tcp::PORT on loopback, or unix:PATH); the kernel keeps running",
		  "SPEC" },
		{ "wait-gdb", 0, 0, G_OPTION_ARG_NONE, &r->wait_gdb,
		  "With --gdb: hold the boot, before the CPUs start, until gdb says continue",
		  NULL },
		{ "gdb-allow-remote", 0, 0, G_OPTION_ARG_NONE,
		  &r->gdb_allow_remote,
		  "With --gdb: allow a host address that is not loopback",
		  NULL },
		{ "version", 'V', 0, G_OPTION_ARG_NONE, &r->version,
		  "Print the version and exit", NULL },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new(
		"- simulate the Linux x86-64 exception machinery");

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(
		ctx,
		"Boots a simulated SMP kernel whose CPUs are host threads and whose\n"
		"exceptions are host signals, runs the exception self-test on every\n"
		"CPU, and halts.  SIGINT or SIGTERM halts cleanly at any time.\n\n"
		"The NMI pin of every CPU is signal 40 (SIGRTMIN+6): kill -s 40 PID\n"
		"is an external NMI for CPU 0; see vkernel nmi --help.\n\n"
		"Exit status: 0 halted, 1 a self-test failed, 2 usage error,\n"
		"3 kernel panic.  See vkernel(1).");
	return ctx;
}

static void free_raw(struct raw_opts *r)
{
	g_free(r->cpus);
	g_free(r->config);
	g_free(r->log);
	g_free(r->stats);
	g_free(r->run_for);
	g_free(r->hwbp);
	g_free(r->nmi_scenario);
	g_free(r->nmi_entry);
	g_free(r->nmi_break);
	g_free(r->nmi_panic);
	g_free(r->trace);
	g_free(r->watchdog_thresh);
	g_free(r->trace_json);
	g_free(r->cpu);
	g_free(r->uprobe);
	g_free(r->gdb);
	g_free(r->landlock);
}

static int check_command(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	if (!strcmp(argv[1], "nmi"))
		return usage_error(
			"%s",
			"'nmi' takes its own options: vkernel nmi --pid PID [--cpu N | --all]");
	return usage_error("unknown command '%s'", argv[1]);
}

static int apply_trace(const char *list, struct vk_options *opt)
{
	char **what = g_strsplit(list, ",", -1);
	int i, bad = 0;

	for (i = 0; what[i]; i++) {
		if (!strcmp(what[i], "nmi"))
			opt->bp.trace_nmi = 1;
		else if (!strcmp(what[i], "traps"))
			opt->bp.trace_traps = 1;
		else if (!strcmp(what[i], "ptrace"))
			opt->bp.trace_ptrace = 1;
		else
			bad = 1;
	}
	g_strfreev(what);
	return bad;
}

/*
 * vkernel run [options] [--] PROG ARGS: what is left after the options is
 * the program.  The console goes quiet (and to stderr, see main.c) so
 * that the program's own output is all there is on stdout.
 */
static int apply_run(struct raw_opts *r, int argc, char **argv,
		     struct vk_options *opt)
{
	int first = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
	char *end = NULL;
	long k;

	if (first >= argc)
		return usage_error(
			"%s",
			"run: no program given (vkernel run -- PROG ARGS)");
	opt->run = 1;
	opt->bp.run_argv = g_strdupv(argv + first);
	if (!r->verbose && !opt->bp.trace_traps && !opt->bp.trace_nmi &&
	    !opt->bp.trace_ptrace)
		opt->bp.quiet = 2; /* silent, until a panic or an oops */
	opt->bp.run_cpu = opt->bp.nr_cpus > 1 ? 1 : 0;
	opt->bp.run_landlock = 1;
	if (r->landlock && strcmp(r->landlock, "auto")) {
		if (strcmp(r->landlock, "off"))
			return usage_error(
				"--landlock: '%s' is not auto or off",
				r->landlock);
		opt->bp.run_landlock = 0;
	}
	if (r->uprobe) {
		const char *colon = strrchr(r->uprobe, ':');
		char *hex_end = NULL;

		if (!colon || colon == r->uprobe || !colon[1] ||
		    (strtoul(colon + 1, &hex_end, 16), *hex_end))
			return usage_error("--uprobe: '%s' is not PATH:OFFSET",
					   r->uprobe);
		opt->bp.uprobe = g_strdup(r->uprobe);
	}
	if (!r->cpu)
		return 0;
	k = strtol(r->cpu, &end, 10);
	if (*end || k < 0 || k >= opt->bp.nr_cpus)
		return usage_error("--cpu: '%s' is not a CPU of this machine",
				   r->cpu);
	opt->bp.run_cpu = (int)k;
	return 0;
}

/* --gdb: the spec is checked when the firmware opens it (main.c) */
static int apply_gdb(struct raw_opts *r, struct vk_options *opt,
		     unsigned int set)
{
	if (!r->gdb && (r->wait_gdb || r->gdb_allow_remote))
		return usage_error(
			"%s",
			"--wait-gdb and --gdb-allow-remote need --gdb SPEC");
	if (!r->gdb)
		return 0;
	opt->gdb_spec = g_strdup(r->gdb);
	opt->bp.gdb_spec = opt->gdb_spec;
	opt->bp.gdb_wait = r->wait_gdb;
	opt->gdb_allow_remote = r->gdb_allow_remote;
	/* like QEMU -s: the machine stays up for the debugger */
	if (!(set & OPT_SET_RUN_FOR))
		opt->bp.run_for_ns = -1;
	return 0;
}

static int apply_raw(struct raw_opts *r, struct vk_options *opt,
		     unsigned int *set)
{
	if (r->cpus) {
		opt->bp.nr_cpus = vk_parse_cpus(r->cpus);
		if (opt->bp.nr_cpus < 0)
			return usage_error(
				"--cpus: '%s' is not a number from 1 to 64",
				r->cpus);
		*set |= OPT_SET_CPUS;
	}
	if (r->run_for) {
		opt->bp.run_for_ns = vk_parse_duration(r->run_for);
		if (opt->bp.run_for_ns < -1)
			return usage_error(
				"--run-for: '%s' is not a duration (5s, 2m, inf)",
				r->run_for);
		*set |= OPT_SET_RUN_FOR;
	}
	if (r->hwbp) {
		int b = vk_parse_dr_backend(r->hwbp);

		if (b < 0)
			return usage_error(
				"--hw-breakpoints: '%s' is not auto, perf, ptrace or none",
				r->hwbp);
		opt->bp.dr_backend = b;
		*set |= OPT_SET_HWBP;
	}
	if (r->nmi_scenario || r->nmi_entry || r->nmi_break || r->nmi_panic) {
		int err = vk_apply_nmi_options(opt, r->nmi_scenario,
					       r->nmi_entry, r->nmi_break,
					       r->nmi_panic);

		if (err)
			return err;
		*set |= OPT_SET_NMI;
	}
	if (r->log) {
		opt->log_path = g_strdup(r->log);
		*set |= OPT_SET_LOG;
	}
	if (r->stats) {
		opt->stats_path = g_strdup(r->stats);
		*set |= OPT_SET_STATS;
	}
	if (r->quiet) {
		opt->bp.quiet = 1;
		*set |= OPT_SET_QUIET;
	}
	if (r->backtrace)
		opt->bp.backtrace = 1;
	if (r->nmi_watchdog || r->watchdog_thresh) {
		char *end = NULL;
		long t = r->watchdog_thresh ?
				 strtol(r->watchdog_thresh, &end, 10) :
				 10;

		if (r->watchdog_thresh && (*end || t < 1 || t > 60))
			return usage_error(
				"--watchdog-thresh: '%s' is not 1 to 60",
				r->watchdog_thresh);
		opt->bp.watchdog_thresh = (int)t;
	}
	if (r->trace && apply_trace(r->trace, opt))
		return usage_error("--trace: '%s' is not nmi, traps or both",
				   r->trace);
	if (r->trace_json) {
		opt->trace_path = g_strdup(r->trace_json);
		opt->bp.trace_json = opt->trace_path;
	}
	if (r->oops_test) {
		opt->bp.oops_test = 1;
		*set |= OPT_SET_OOPS;
	}
	return apply_gdb(r, opt, *set);
}

int vk_parse_options(int argc, char **argv, struct vk_options *opt)
{
	struct raw_opts r = { 0 };
	GOptionContext *ctx = make_context(&r);
	unsigned int set = 0;
	GError *e = NULL;
	int run = 0;
	char err[512];
	int ret = 0;

	memset(opt, 0, sizeof(*opt));
	opt->bp.nr_cpus = 2;
	opt->bp.gdb_fd = -1;
	opt->bp.dr_backend = DR_BACKEND_AUTO;
	if (argc > 1 && !strcmp(argv[1], "run")) {
		/* the program's own options are not ours */
		run = 1;
		argv[1] = argv[0];
		argv++;
		argc--;
		g_option_context_set_strict_posix(ctx, TRUE);
	}
	if (!g_option_context_parse(ctx, &argc, &argv, &e)) {
		ret = usage_error("%s", e->message);
		g_error_free(e);
		goto out;
	}
	if (r.version) {
		printf("vkernel %s\n", PACKAGE_VERSION);
		ret = -1;
		goto out;
	}
	if (!run)
		ret = check_command(argc, argv);
	if (!ret)
		ret = apply_raw(&r, opt, &set);
	if (!ret && (r.cpu || r.uprobe || r.landlock) && !run)
		ret = usage_error(
			"%s",
			"--cpu, --uprobe and --landlock are options of vkernel run");
	if (!ret && run)
		ret = apply_run(&r, argc, argv, opt);
	if (!ret && r.config &&
	    vk_config_load(r.config, opt, set, err, sizeof(err))) {
		fprintf(stderr, "vkernel: %s\n", err);
		ret = 2;
	}
out:
	free_raw(&r);
	g_option_context_free(ctx);
	if (ret)
		vk_free_options(opt);
	return ret;
}

void vk_free_options(struct vk_options *opt)
{
	g_free(opt->log_path);
	g_free(opt->stats_path);
	g_free(opt->trace_path);
	g_free(opt->gdb_spec);
	opt->gdb_spec = NULL;
	opt->bp.gdb_spec = NULL;
	g_strfreev(opt->bp.run_argv);
	opt->bp.run_argv = NULL;
	g_free(opt->bp.uprobe);
	opt->bp.uprobe = NULL;
	opt->log_path = opt->stats_path = opt->trace_path = NULL;
	opt->bp.trace_json = NULL;
}
