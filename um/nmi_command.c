// SPDX-License-Identifier: GPL-2.0-only
/*
 * vkernel nmi --pid PID [--cpu N | --all] [--count K]: the NMI button of
 * a running vkernel.  Without --cpu or --all it is the external NMI line
 * (a process-directed signal, which vkernel routes to CPU 0); with them it
 * raises the pin of a CPU thread, found by its name vkcpu/N.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <glib.h>
#include <options.h>
#include <os.h>

struct nmi_cmd {
	int pid, cpu, all, count;
	int reason; /* port 0x61 bits: 0x80 SERR, 0x40 IOCHK */
};

static int cpu_of_task(int pid, const char *tid)
{
	char path[320], comm[32] = "";
	FILE *f;
	int cpu;

	if (tid[0] < '1' || tid[0] > '9')
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/task/%s/comm", pid, tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = 0;
	fclose(f);
	return sscanf(comm, "vkcpu/%d", &cpu) == 1 ? cpu : -1;
}

/* tids of the wanted CPUs; returns how many */
static int find_cpus(const struct nmi_cmd *c, int *tids, int max)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", c->pid);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((d = readdir(dir)) && n < max) {
		int cpu = cpu_of_task(c->pid, d->d_name);

		if (cpu >= 0 && (c->all || cpu == c->cpu))
			tids[n++] = atoi(d->d_name);
	}
	closedir(dir);
	return n;
}

/* One NMI; 0 sent, 1 refused by a full queue, -1 an error (errno). */
static int send_one(const struct nmi_cmd *c, int tid)
{
	union sigval v = { .sival_int = c->reason };
	long r;

	if (c->reason)
		r = sigqueue(c->pid, OS_NMI_SIGNAL, v);
	else if (!tid)
		r = kill(c->pid, OS_NMI_SIGNAL);
	else
		r = syscall(SYS_tgkill, c->pid, tid, OS_NMI_SIGNAL);
	if (!r)
		return 0;
	return errno == EAGAIN ? 1 : -1;
}

static int send_all(const struct nmi_cmd *c, const int *tids, int ntids)
{
	long sent = 0, nrefused = 0;
	int i, j, r;

	for (i = 0; i < c->count; i++) {
		for (j = 0; j < (ntids ? ntids : 1); j++) {
			r = send_one(c, ntids ? tids[j] : 0);
			if (r < 0)
				goto fail;
			sent += !r;
			nrefused += r;
		}
	}
	/* a full realtime-signal queue is the pin saturated: say so */
	if (nrefused)
		printf("vkernel nmi: %ld sent, %ld refused (signal queue full)\n",
		       sent, nrefused);
	return 0;
fail:
	fprintf(stderr, "vkernel nmi: pid %d: %s (after %ld NMIs)\n", c->pid,
		strerror(errno), sent);
	return 1;
}

static int parse(int argc, char **argv, struct nmi_cmd *c)
{
	gint pid = 0, cpu = -1, count = 1;
	gboolean all = FALSE, backtrace = FALSE;
	char *reason = NULL;
	GOptionEntry entries[] = {
		{ "pid", 'p', 0, G_OPTION_ARG_INT, &pid,
		  "The vkernel to send NMIs to", "PID" },
		{ "cpu", 'c', 0, G_OPTION_ARG_INT, &cpu,
		  "Raise the NMI pin of CPU N (default: the external line, CPU 0)",
		  "N" },
		{ "all", 'a', 0, G_OPTION_ARG_NONE, &all, "Every CPU", NULL },
		{ "count", 'n', 0, G_OPTION_ARG_INT, &count,
		  "Send K NMIs to each target (default 1)", "K" },
		{ "backtrace", 'b', 0, G_OPTION_ARG_NONE, &backtrace,
		  "Press sysrq-l: every CPU prints its stack from an NMI",
		  NULL },
		{ "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
		  "A platform NMI on CPU 0: serr (PCI SERR) or iochk (IOCHK)",
		  "WHAT" },
		{ NULL },
	};
	GOptionContext *ctx =
		g_option_context_new("- send NMIs to a running vkernel");
	GError *e = NULL;
	int ok;

	g_option_context_add_main_entries(ctx, entries, NULL);
	ok = g_option_context_parse(ctx, &argc, &argv, &e);
	g_option_context_free(ctx);
	if (!ok) {
		fprintf(stderr, "vkernel nmi: %s (see vkernel nmi --help)\n",
			e->message);
		g_error_free(e);
		return 2;
	}
	c->reason = !reason		     ? 0 :
		    !strcmp(reason, "serr")  ? 0x80 :
		    !strcmp(reason, "iochk") ? 0x40 :
					       -1;
	g_free(reason);
	if (backtrace && !c->reason && !all && cpu < 0)
		c->reason = OS_NMI_VALUE_SYSRQ;
	if (pid <= 0 || count < 1 || (all && cpu >= 0) || cpu >= 64 ||
	    argc > 1 || c->reason < 0 || (c->reason && (all || cpu >= 0))) {
		fprintf(stderr,
			"vkernel nmi: usage: vkernel nmi --pid PID [--cpu N | --all | --reason serr|iochk] [--count K]\n");
		return 2;
	}
	c->pid = pid;
	c->cpu = cpu;
	c->all = all;
	c->count = count;
	return 0;
}

/*
 * Signal 40 kills a process that does not catch it: only a vkernel, one
 * with a CPU thread (vkcpu/N), gets it.  2 for any other pid.
 */
static int check_vkernel(int pid)
{
	struct nmi_cmd any = { .pid = pid, .all = 1 };
	int tid, n = find_cpus(&any, &tid, 1);

	if (n < 0) { /* not there: as before, 1 */
		fprintf(stderr, "vkernel nmi: pid %d: %s\n", pid,
			strerror(n == -ENOENT ? ESRCH : -n));
		return 1;
	}
	if (!n) {
		fprintf(stderr,
			"vkernel nmi: pid %d is not a vkernel (no vkcpu/N thread): nothing sent\n",
			pid);
		return 2;
	}
	return 0;
}

int vk_nmi_command(int argc, char **argv)
{
	struct nmi_cmd c;
	int tids[64], n = 0;
	int ret = parse(argc, argv, &c);

	if (!ret)
		ret = check_vkernel(c.pid);
	if (ret)
		return ret;
	if (c.all || c.cpu >= 0) {
		n = find_cpus(&c, tids, 64);
		if (n < 0) {
			fprintf(stderr, "vkernel nmi: pid %d: %s\n", c.pid,
				strerror(-n));
			return 1;
		}
		if (!n) {
			fprintf(stderr, "vkernel nmi: pid %d has no %s\n",
				c.pid,
				c.all ? "CPU threads (not a vkernel?)" :
					"such CPU");
			return 1;
		}
	}
	return send_all(&c, tids, n);
}
