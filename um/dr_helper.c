// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debug registers through a helper process, for hosts that forbid perf
 * hardware breakpoints (perf_event_paranoid >= 3 on stock Debian).  The
 * helper, a child allowed by prctl(PR_SET_PTRACER), seizes the asking CPU
 * thread, writes u_debugreg and detaches; the registers stay set, and a hit
 * is a plain SIGTRAP (TRAP_HWBKPT) in that thread.  Each CPU has its own
 * channel, so a request from signal context takes no lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <asm/percpu.h>
#include <os.h>

enum { DRH_SET = 1, DRH_GET6, DRH_PROBE };

struct drh_req {
	int op;
	int tid;
	unsigned long dr[4];
	unsigned long dr7;
};

static int chan[NR_CPUS][2];
static int helper_pid = -1;

static int stop_thread(int tid, int *sig)
{
	int status;

	*sig = 0;
	if (ptrace(PTRACE_SEIZE, tid, 0, 0))
		return -errno;
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0))
		return -errno;
	if (waitpid(tid, &status, __WALL) < 0)
		return -errno;
	/* A signal-delivery stop: hand the signal back on detach. */
	if (WIFSTOPPED(status) && (status >> 16) == 0 &&
	    WSTOPSIG(status) != SIGTRAP)
		*sig = WSTOPSIG(status);
	return 0;
}

static long poke_user(int tid, int reg, unsigned long val)
{
	size_t off = offsetof(struct user, u_debugreg) + reg * sizeof(long);

	return ptrace(PTRACE_POKEUSER, tid, off, val) ? -errno : 0;
}

static long serve(const struct drh_req *r)
{
	long ret = 0;
	int sig, i;

	ret = stop_thread(r->tid, &sig);
	if (ret)
		return ret;
	switch (r->op) {
	case DRH_SET:
		/* DR7 off first: a half-written slot must never fire */
		ret = poke_user(r->tid, 7, 0);
		for (i = 0; i < 4 && !ret; i++)
			ret = poke_user(r->tid, i, r->dr[i]);
		if (!ret && r->dr7)
			ret = poke_user(r->tid, 7, r->dr7);
		break;
	case DRH_GET6:
		errno = 0;
		ret = ptrace(PTRACE_PEEKUSER, r->tid,
			     offsetof(struct user, u_debugreg) +
				     6 * sizeof(long),
			     0);
		if (errno)
			ret = -errno;
		break;
	}
	ptrace(PTRACE_DETACH, r->tid, 0, sig);
	return ret;
}

static void __noreturn helper_main(void)
{
	struct pollfd p[NR_CPUS];
	int i, live;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* never hold the terminal or a pipe of vkernel's caller open */
	i = open("/dev/null", O_RDWR);
	dup2(i, 0);
	dup2(i, 1);
	dup2(i, 2);
	if (i > 2)
		close(i);
	for (i = 0; i < NR_CPUS; i++) {
		close(chan[i][0]);
		p[i].fd = chan[i][1];
		p[i].events = POLLIN;
	}
	for (;;) {
		if (poll(p, NR_CPUS, -1) < 0 && errno != EINTR)
			_exit(1);
		for (i = 0; i < NR_CPUS; i++) {
			struct drh_req r;
			long ret;

			if (p[i].fd < 0)
				continue;
			if (!(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			if (read(p[i].fd, &r, sizeof(r)) != sizeof(r)) {
				p[i].fd = -1;
				continue;
			}
			ret = r.op == DRH_PROBE ?
				      serve(&(struct drh_req){ .op = DRH_GET6,
							       .tid = r.tid }) :
				      serve(&r);
			if (r.op == DRH_PROBE && ret > 0)
				ret = 0;
			if (write(p[i].fd, &ret, sizeof(ret)) != sizeof(ret))
				p[i].fd = -1;
		}
		for (i = 0, live = 0; i < NR_CPUS; i++)
			live += p[i].fd >= 0;
		if (!live)
			_exit(0);
	}
}

static __nmisafe long request(struct drh_req *r)
{
	int fd = chan[smp_processor_id() < 0 ? 0 : smp_processor_id()][0];
	long ret;

	if (helper_pid < 0)
		return -ENODEV;
	if (os_write_all(fd, (const char *)r, sizeof(*r)) != sizeof(*r))
		return -EIO;
	for (;;) {
		ssize_t n = read(fd, &ret, sizeof(ret));

		if (n == sizeof(ret))
			return ret;
		if (n < 0 && errno == EINTR)
			continue;
		return -EIO;
	}
}

int os_dr_helper_start(char *why, size_t len)
{
	struct drh_req probe = { .op = DRH_PROBE };
	long ret;
	int i, pid;

	for (i = 0; i < NR_CPUS; i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
			       chan[i])) {
			snprintf(why, len, "socketpair: %s", strerror(errno));
			while (i--) {
				close(chan[i][0]);
				close(chan[i][1]);
			}
			return -1;
		}
	}
	pid = fork();
	if (pid == 0)
		helper_main();
	for (i = 0; i < NR_CPUS; i++)
		close(chan[i][1]);
	if (pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		goto fail;
	}
	helper_pid = pid;
	/* Yama ptrace_scope 1 lets a descendant trace us only if named. */
	prctl(PR_SET_PTRACER, pid, 0, 0, 0);
	probe.tid = os_gettid();
	ret = request(&probe);
	if (ret < 0) {
		snprintf(why, len, "ptrace helper: %s", strerror((int)-ret));
		os_dr_helper_stop();
		return -1;
	}
	return 0;
fail:
	for (i = 0; i < NR_CPUS; i++)
		close(chan[i][0]);
	return -1;
}

void os_dr_helper_stop(void)
{
	int i;

	if (helper_pid < 0)
		return;
	for (i = 0; i < NR_CPUS; i++)
		close(chan[i][0]);
	waitpid(helper_pid, NULL, 0);
	helper_pid = -1;
}

__nmisafe int os_dr_helper_set(int tid, const unsigned long dr[4],
			       unsigned long dr7)
{
	struct drh_req r = { .op = DRH_SET, .tid = tid, .dr7 = dr7 };
	int i;

	for (i = 0; i < 4; i++)
		r.dr[i] = dr[i];
	return (int)request(&r);
}

__nmisafe long os_dr_helper_get_dr6(int tid)
{
	struct drh_req r = { .op = DRH_GET6, .tid = tid };

	return request(&r);
}
