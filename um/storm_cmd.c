// SPDX-License-Identifier: GPL-2.0-only
/*
 * vkernel storm: its command line, the schedule file (--record, --replay),
 * parallel jobs (--jobs), and the hand-over of a storm's failure to the
 * explorer for a minimal schedule.  See vkernel-storm(1).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib.h>
#include <asm/nmi_check.h>
#include <linux/init.h>
#include <options.h>
#include <os.h>

#define NS_PER_SEC 1000000000LL

struct storm_raw {
	char *seed, *duration, *events, *cpus, *mix, *rate, *entry, *brk;
	char *record, *replay, *jobs, *depth, *target;
	gboolean explore, quiet;
};

static const unsigned int default_mix[NR_STORM_KINDS] = {
	[STORM_NMI] = 8,  [STORM_INT3] = 2, [STORM_DB] = 2,
	[STORM_PF] = 2,	  [STORM_MF] = 1,   [STORM_XF] = 1,
	[STORM_USER] = 1, [STORM_REG] = 1,  [STORM_GDB] = 2,
};

static const char *const kind_names[NR_STORM_KINDS] = {
	"nmi", "int3", "db", "pf", "mf", "xf", "user", "reg", "gdb",
};

static int storm_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "vkernel: storm: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see vkernel storm --help)\n");
	return VK_EXIT_USAGE;
}

static GOptionContext *storm_context(struct storm_raw *r)
{
	GOptionEntry entries[] = {
		{ "seed", 's', 0, G_OPTION_ARG_STRING, &r->seed,
		  "The plan's seed (default: from the clock, printed)", "S" },
		{ "duration", 'd', 0, G_OPTION_ARG_STRING, &r->duration,
		  "Run this long (default 10s; the explorer's time budget)",
		  "T" },
		{ "events", 'n', 0, G_OPTION_ARG_STRING, &r->events,
		  "Stop after N events", "N" },
		{ "cpus", 'c', 0, G_OPTION_ARG_STRING, &r->cpus,
		  "Simulated CPUs, 1 to 64 (default 2)", "N" },
		{ "mix", 'm', 0, G_OPTION_ARG_STRING, &r->mix,
		  "Weights (default nmi=8,int3=2,db=2,pf=2,mf=1,xf=1,user=1,reg=1;\n"
		  "                                  gdb=2 is debugger stops per second)",
		  "K=W,..." },
		{ "rate", 'r', 0, G_OPTION_ARG_STRING, &r->rate,
		  "External NMIs per second, or max (default)", "R" },
		{ "nmi-entry", 0, 0, G_OPTION_ARG_STRING, &r->entry,
		  "NMI entry: upstream or naive", "KIND" },
		{ "nmi-break", 0, 0, G_OPTION_ARG_STRING, &r->brk,
		  "Planted bugs: cr2, dr7, latch, nmistate, executing, dec2, roundup",
		  "WHAT" },
		{ "record", 0, 0, G_OPTION_ARG_FILENAME, &r->record,
		  "Write a failing schedule here (default vkernel-storm-SEED.schedule)",
		  "FILE" },
		{ "replay", 0, 0, G_OPTION_ARG_FILENAME, &r->replay,
		  "Rerun a recorded schedule", "FILE" },
		{ "jobs", 'j', 0, G_OPTION_ARG_STRING, &r->jobs,
		  "Run N storms with consecutive seeds in parallel", "N" },
		{ "explore", 'x', 0, G_OPTION_ARG_NONE, &r->explore,
		  "The deterministic explorer instead of host signals", NULL },
		{ "depth", 0, 0, G_OPTION_ARG_STRING, &r->depth,
		  "Explorer: injections per schedule, 1 to 8 (default 4)",
		  "K" },
		{ "target", 0, 0, G_OPTION_ARG_STRING, &r->target,
		  "Explorer: look for this invariant only", "NAME" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &r->quiet,
		  "No progress lines", NULL },
		{ NULL },
	};
	GOptionContext *ctx = g_option_context_new(
		"- fuzz the NMI and exception code with signal storms");

	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(
		ctx,
		"Exit status: 0 no invariant broken, 1 one was (the report and the\n"
		"schedule file say which), 2 usage error.  See vkernel-storm(1).");
	return ctx;
}

static void free_raw(struct storm_raw *r)
{
	char **s[] = { &r->seed,   &r->duration, &r->events, &r->cpus,
		       &r->mix,	   &r->rate,	 &r->entry,  &r->brk,
		       &r->record, &r->replay,	 &r->jobs,   &r->depth,
		       &r->target };
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(s); i++)
		g_free(*s[i]);
}

static int parse_u64(const char *s, unsigned long long *out)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

static int parse_mix(const char *s, unsigned int *mix)
{
	char **parts = g_strsplit(s, ",", -1);
	unsigned long long w;
	int i, k, bad = 0;

	for (i = 0; parts[i] && !bad; i++) {
		char *eq = strchr(parts[i], '=');

		bad = 1;
		if (!eq)
			break;
		*eq = 0;
		for (k = 0; k < NR_STORM_KINDS; k++) {
			if (!strcmp(parts[i], kind_names[k]) &&
			    !parse_u64(eq + 1, &w) && w <= 1000000) {
				mix[k] = (unsigned int)w;
				bad = 0;
			}
		}
	}
	g_strfreev(parts);
	return bad;
}

static int check_kind(const char *name)
{
	int k;

	for (k = 1; k < NR_NMI_CHECKS; k++) {
		if (!strcmp(name, nmi_check_names[k]))
			return k;
	}
	return -1;
}

/* The schedule file: "key value" lines, then the explorer's part. */
static int read_schedule(const char *path, struct vk_options *opt,
			 char *invariant, size_t invlen)
{
	struct storm_params *p = &opt->bp.storm;
	char *text = NULL, **lines, *xs;
	unsigned long long v;
	int i, ret = 0;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return storm_usage("--replay: cannot read '%s'", path);
	xs = strstr(text, "explore schedule:\n");
	if (xs) {
		g_strlcpy(p->schedule, xs, sizeof(p->schedule));
		*xs = 0;
	}
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i] && !ret; i++) {
		char *key = lines[i], *val = strchr(key, ' ');

		if (!val || *key == '#')
			continue;
		*val++ = 0;
		if (!strcmp(key, "seed"))
			ret = parse_u64(val, &p->seed);
		else if (!strcmp(key, "cpus"))
			ret = (opt->bp.nr_cpus = vk_parse_cpus(val)) < 0;
		else if (!strcmp(key, "mix"))
			ret = parse_mix(val, p->mix);
		else if (!strcmp(key, "rate"))
			ret = parse_u64(val, &p->rate);
		else if (!strcmp(key, "events"))
			ret = parse_u64(val, &p->events);
		else if (!strcmp(key, "duration-ns") && !parse_u64(val, &v))
			p->duration_ns = (long long)v;
		else if (!strcmp(key, "nmi-entry"))
			opt->bp.nmi_entry_naive = !strcmp(val, "naive");
		else if (!strcmp(key, "nmi-break") && !parse_u64(val, &v))
			opt->bp.nmi_break = (int)v;
		else if (!strcmp(key, "invariant"))
			g_strlcpy(invariant, val, invlen);
	}
	g_strfreev(lines);
	g_free(text);
	if (ret || check_kind(invariant) < 0)
		return storm_usage(
			"--replay: '%s' is not a vkernel storm schedule", path);
	if (xs) { /* the explorer's schedule is exact: replay that */
		p->explore = 1;
		opt->bp.nr_cpus = 1;
	}
	return 0;
}

static int apply_values(struct storm_raw *r, struct vk_options *opt)
{
	struct storm_params *p = &opt->bp.storm;
	unsigned long long v;
	long long ns;

	if (r->seed && parse_u64(r->seed, &p->seed))
		return storm_usage("--seed: '%s' is not a number", r->seed);
	if (r->duration) {
		ns = vk_parse_duration(r->duration);
		if (ns <= 0)
			return storm_usage(
				"--duration: '%s' is not a duration (10s, 2m)",
				r->duration);
		p->duration_ns = ns;
	}
	if (r->events && (parse_u64(r->events, &p->events) || !p->events))
		return storm_usage("--events: '%s' is not a positive number",
				   r->events);
	if (r->cpus && (opt->bp.nr_cpus = vk_parse_cpus(r->cpus)) < 0)
		return storm_usage("--cpus: '%s' is not a number from 1 to 64",
				   r->cpus);
	if (r->mix && parse_mix(r->mix, p->mix))
		return storm_usage(
			"--mix: '%s' is not KIND=WEIGHT,... (nmi, int3, db, pf, mf, xf, user, reg, gdb)",
			r->mix);
	if (r->rate && strcmp(r->rate, "max") &&
	    (parse_u64(r->rate, &p->rate) || !p->rate))
		return storm_usage(
			"--rate: '%s' is not a rate per second or max",
			r->rate);
	if (r->depth &&
	    (parse_u64(r->depth, &v) || v < 1 || v > 8 || (p->depth = v, 0)))
		return storm_usage("--depth: '%s' is not 1 to 8", r->depth);
	if (r->target && (p->target = check_kind(r->target)) < 0)
		return storm_usage("--target: '%s' is not an invariant",
				   r->target);
	return vk_apply_nmi_options(opt, NULL, r->entry, r->brk, NULL);
}

static int apply_storm(struct storm_raw *r, struct vk_options *opt,
		       char *invariant, size_t invlen)
{
	struct storm_params *p = &opt->bp.storm;
	int err;

	memcpy(p->mix, default_mix, sizeof(p->mix));
	p->seed = (unsigned long long)g_get_real_time() ^ (unsigned)getpid();
	p->depth = 4;
	if (r->replay &&
	    (err = read_schedule(r->replay, opt, invariant, invlen)))
		return err;
	err = apply_values(r, opt);
	if (err)
		return err;
	if (r->explore) {
		p->explore = 1;
		opt->bp.nr_cpus = 1;
	}
	if (!p->duration_ns && !p->events)
		p->duration_ns = 10 * NS_PER_SEC;
	p->budget_ns = p->duration_ns;
	p->quiet = r->quiet;
	if (r->record)
		g_strlcpy(p->record, r->record, sizeof(p->record));
	else if (!r->replay)
		snprintf(p->record, sizeof(p->record),
			 "vkernel-storm-%llu.schedule", p->seed);
	/*
	 * The task is vkernel itself, by the link, not by its path: a binary
	 * rebuilt under a long storm must not turn into tasks that fail to
	 * start (the link keeps the running image).
	 */
	if (access("/proc/self/exe", X_OK))
		p->task[0] = 0;
	else
		g_strlcpy(p->task, "/proc/self/exe", sizeof(p->task));
	return 0;
}

/* A fresh file, written only if something breaks. */
static int prepare_record(const char *path)
{
	FILE *f;

	if (!path[0])
		return 0;
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "vkernel: storm: cannot write %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	fclose(f);
	return unlink(path);
}

/* vkernel itself as a child; stdout (and stderr if asked) into out_fd */
static pid_t spawn_self(char **argv, int out_fd, int with_stderr)
{
	pid_t pid = fork();

	if (!pid) {
		if (out_fd >= 0)
			dup2(out_fd, 1);
		if (out_fd >= 0 && with_stderr)
			dup2(out_fd, 2);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	if (out_fd >= 0)
		close(out_fd);
	return pid;
}

static int run_child(char **argv, int out_fd)
{
	int status;
	pid_t pid = spawn_self(argv, out_fd, 0);

	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The invariant a failed storm wrote, for the explorer to look for. */
static int recorded_invariant(const char *path, char *name, size_t len)
{
	char *text = NULL, *p;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return -1;
	p = strstr(text, "\ninvariant ");
	if (p)
		sscanf(p + 11, "%31s", name);
	g_free(text);
	return p && len > 31 ? 0 : -1;
}

/* A storm's failure, turned into the explorer's minimal schedule. */
static void minimize(const struct storm_raw *r, const char *record)
{
	char name[64] = "", *xpath, *text = NULL, *xs;
	char *argv[16];
	int n = 0;

	if (recorded_invariant(record, name, sizeof(name)) ||
	    !strcmp(name, "signals") || !strcmp(name, "crash") ||
	    !strcmp(name, "debugger")) /* the explorer has none */
		return;
	xpath = g_strdup_printf("%s.explore", record);
	argv[n++] = "vkernel";
	argv[n++] = "storm";
	argv[n++] = "--explore";
	argv[n++] = "--quiet";
	argv[n++] = "--duration=10s";
	argv[n++] = g_strdup_printf("--target=%s", name);
	argv[n++] = g_strdup_printf("--record=%s", xpath);
	if (r->entry)
		argv[n++] = g_strdup_printf("--nmi-entry=%s", r->entry);
	if (r->brk)
		argv[n++] = g_strdup_printf("--nmi-break=%s", r->brk);
	argv[n] = NULL;
	printf("storm: looking for a minimal explorer schedule that breaks '%s'...\n",
	       name);
	fflush(stdout);
	if (run_child(argv, open("/dev/null", O_WRONLY | O_CLOEXEC)) == 1 &&
	    g_file_get_contents(xpath, &text, NULL, NULL) &&
	    (xs = strstr(text, "explore schedule:\n"))) {
		FILE *f = fopen(record, "a");

		if (f) {
			fputs(xs, f);
			fclose(f);
		}
		printf("storm: found; appended to %s, where --replay runs it exactly:\n%s",
		       record, xs + strlen("explore schedule:\n"));
	} else {
		printf("storm: the explorer found none within 10 s; --replay %s reruns the storm's plan\n",
		       record);
	}
	unlink(xpath);
	g_free(text);
	g_free(xpath);
	while (n > 5)
		g_free(argv[--n]);
}

struct job {
	int fd;
	pid_t pid;
	unsigned long long seed;
	GString *partial;
	int status;
};

static void job_output(struct job *j)
{
	char buf[4096], *nl;
	ssize_t k = read(j->fd, buf, sizeof(buf));

	if (k <= 0) {
		close(j->fd);
		j->fd = -1;
		return;
	}
	g_string_append_len(j->partial, buf, k);
	while ((nl = strchr(j->partial->str, '\n'))) {
		*nl = 0;
		printf("[seed %llu] %s\n", j->seed, j->partial->str);
		g_string_erase(j->partial, 0, nl - j->partial->str + 1);
	}
	fflush(stdout);
}

static void job_wait_output(struct job *jobs, int n)
{
	struct pollfd pfd[64];
	int i, open_fds;

	do {
		open_fds = 0;
		for (i = 0; i < n; i++) {
			pfd[i].fd = jobs[i].fd;
			pfd[i].events = POLLIN;
			open_fds += jobs[i].fd >= 0;
		}
		if (open_fds && poll(pfd, n, -1) > 0) {
			for (i = 0; i < n; i++) {
				if (jobs[i].fd >= 0 && pfd[i].revents)
					job_output(&jobs[i]);
			}
		}
	} while (open_fds);
}

static pid_t job_start(struct job *j, int argc, char **argv)
{
	char **cargv = g_new0(char *, argc + 5);
	int fds[2], i, n = 0;

	cargv[n++] = "vkernel";
	cargv[n++] = "storm";
	for (i = 0; i < argc; i++) { /* ours, less --jobs and --seed */
		if (!strcmp(argv[i], "--jobs") || !strcmp(argv[i], "-j") ||
		    !strcmp(argv[i], "--seed") || !strcmp(argv[i], "-s")) {
			i++;
			continue;
		}
		if (!strncmp(argv[i], "--jobs=", 7) ||
		    !strncmp(argv[i], "--seed=", 7))
			continue;
		cargv[n++] = argv[i];
	}
	cargv[n++] = g_strdup_printf("--seed=%llu", j->seed);
	j->partial = g_string_new(NULL);
	j->fd = -1;
	j->pid = -1;
	if (!pipe2(fds, O_CLOEXEC)) {
		j->pid = spawn_self(cargv, fds[1], 1);
		j->fd = fds[0];
	}
	g_free(cargv[n - 1]);
	g_free(cargv);
	return j->pid;
}

/* --jobs N: N storms, seeds S..S+N-1, one report. */
static int run_jobs(int argc, char **argv, int n, unsigned long long seed)
{
	struct job jobs[64];
	int i, failed = 0, status;

	for (i = 0; i < n; i++) {
		jobs[i].seed = seed + i;
		if (job_start(&jobs[i], argc, argv) < 0) {
			fprintf(stderr, "vkernel: storm: cannot start job %d\n",
				i);
			if (jobs[i].fd >= 0)
				close(jobs[i].fd);
			g_string_free(jobs[i].partial, TRUE);
			n = i;
			break;
		}
	}
	job_wait_output(jobs, n);
	for (i = 0; i < n; i++) {
		while (waitpid(jobs[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		jobs[i].status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		g_string_free(jobs[i].partial, TRUE);
	}
	printf("storm: %d jobs, seeds %llu to %llu:", n, seed, seed + n - 1);
	for (i = 0; i < n; i++) {
		if (jobs[i].status) {
			printf(" seed %llu %s", jobs[i].seed,
			       jobs[i].status == 1 ? "FAILED" : "ERROR");
			failed++;
		}
	}
	printf(failed ? "\n" : " no invariant broken\n");
	return failed ? 1 : 0;
}

static int storm_boot(struct vk_options *opt, const struct storm_raw *r,
		      const char *invariant)
{
	struct storm_params *p = &opt->bp.storm;
	int status;

	if (!r->replay && prepare_record(p->record))
		return VK_EXIT_USAGE;
	if (r->replay)
		printf("storm: replaying %s (seed %llu, invariant %s)\n",
		       r->replay, p->seed, invariant);
	fflush(stdout);
	/* gdb=W: the stub listens where only the storm's debugger connects */
	if (p->mix[STORM_GDB] && !p->explore) {
		opt->bp.gdb_fd = os_gdb_listen_private();
		opt->bp.gdb_spec =
			"an abstract socket, for the storm's debugger";
		if (opt->bp.gdb_fd < 0) {
			fprintf(stderr,
				"vkernel: storm: cannot open the debug port: %s\n",
				strerror(-opt->bp.gdb_fd));
			return VK_EXIT_USAGE;
		}
	}
	status = start_kernel(&opt->bp);
	os_gdb_unlisten(opt->bp.gdb_fd);
	if (status == VK_EXIT_PANIC) {
		printf("storm: VIOLATION: crash: the kernel panicked (seed %llu)\n",
		       p->seed);
		status = 1;
	}
	if (status == 1 && !r->replay && !p->explore && p->record[0])
		minimize(r, p->record);
	return status;
}

int vk_storm_command(int argc, char **argv)
{
	struct storm_raw r = { 0 };
	GOptionContext *ctx = storm_context(&r);
	char **args = g_new0(char *, argc + 1), invariant[64] = "";
	struct vk_options opt;
	GError *e = NULL;
	unsigned long long jobs = 1;
	int status, n = argc;

	memcpy(args, argv, argc * sizeof(*argv));
	memset(&opt, 0, sizeof(opt));
	opt.bp.nr_cpus = 2;
	opt.bp.gdb_fd = -1;
	opt.bp.dr_backend = DR_BACKEND_AUTO;
	opt.bp.quiet = 3; /* notices: the storm's lines, warnings, errors */
	opt.bp.storm.on = 1;
	if (!g_option_context_parse(ctx, &n, &args, &e)) {
		status = storm_usage("%s", e->message);
		g_error_free(e);
	} else if (n > 1) {
		status = storm_usage("unexpected argument '%s'", args[1]);
	} else if (r.jobs && (parse_u64(r.jobs, &jobs) || !jobs || jobs > 64)) {
		status = storm_usage("--jobs: '%s' is not 1 to 64", r.jobs);
	} else {
		status = apply_storm(&r, &opt, invariant, sizeof(invariant));
	}
	if (!status && jobs > 1 && (r.replay || r.explore))
		status = storm_usage(
			"%s", "--jobs runs storms, not --replay or --explore");
	if (!status && jobs > 1)
		status = run_jobs(argc - 1, argv + 1, (int)jobs,
				  opt.bp.storm.seed);
	else if (!status)
		status = storm_boot(&opt, &r, invariant);
	free_raw(&r);
	g_free(args);
	g_option_context_free(ctx);
	return status;
}
