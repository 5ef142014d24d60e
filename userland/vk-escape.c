// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-escape: a hostile program.  Each road is a way out of the task tree
 * (a signal, a trace, a write into another process, or a way to make the
 * host do one of those later); it is tried against vkernel (the parent,
 * under vkernel run), against a victim outside the tree (--victim), and
 * against a child of our own (the inside twin, which must work as it does
 * natively).  One line a road:
 *
 *	ROAD vkernel=RESULT victim=RESULT inside=RESULT
 *
 * RESULT is "ok" or an errno name; then "N/N refused".  Every call aimed
 * outside does nothing harmful when it gets through (SIGWINCH, limits and
 * priorities set to the values they have, /proc files opened and not
 * written), except that the victim's word is overwritten: that is how the
 * victim, run with --victim-mode, proves a write got in.
 *
 * vk-escape --victim-mode: print "victim PID WORD-ADDRESS", count the
 * signals that reach us, and on SIGTERM print what was seen.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <mqueue.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#ifndef SYS_process_madvise
#define SYS_process_madvise 440
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#define X32_BIT 0x40000000L
#define NA 1 /* the road does not apply here */

/* The victim's word, and ours at the same address in the inside child. */
static volatile uint64_t word = 0x1122334455667788ULL;
static uint64_t victim_word_addr;
static volatile int got_signals;
static pid_t vkernel_pid;
/* what the signal roads send: SIGWINCH, harmless if it gets through */
static int esc_sig = SIGWINCH;

static long res(long r)
{
	return r < 0 ? -errno : 0;
}

static long sigwinch_to(pid_t t)
{
	return res(kill(t, esc_sig));
}

static long r_kill(pid_t t)
{
	return sigwinch_to(t);
}

static long r_tkill(pid_t t)
{
	return res(syscall(SYS_tkill, t, esc_sig));
}

static long r_tgkill(pid_t t)
{
	return res(syscall(SYS_tgkill, t, t, esc_sig));
}

static void queue_info(siginfo_t *si)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = esc_sig;
	si->si_code = SI_QUEUE;
	si->si_pid = getpid();
	si->si_uid = getuid();
}

static long r_rt_sigqueueinfo(pid_t t)
{
	siginfo_t si;

	queue_info(&si);
	return res(syscall(SYS_rt_sigqueueinfo, t, esc_sig, &si));
}

static long r_rt_tgsigqueueinfo(pid_t t)
{
	siginfo_t si;

	queue_info(&si);
	return res(syscall(SYS_rt_tgsigqueueinfo, t, t, esc_sig, &si));
}

static long pidfd_of(pid_t t)
{
	return syscall(SYS_pidfd_open, t, 0);
}

static long r_pidfd_send_signal(pid_t t)
{
	long fd = pidfd_of(t), r;

	if (fd < 0)
		return -errno;
	r = res(syscall(SYS_pidfd_send_signal, fd, esc_sig, NULL, 0));
	close((int)fd);
	return r;
}

/* a /proc/<pid> directory is a pidfd too */
static long r_procdir_signal(pid_t t)
{
	char path[64];
	int fd;
	long r;

	snprintf(path, sizeof(path), "/proc/%d", t);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -errno;
	r = res(syscall(SYS_pidfd_send_signal, fd, esc_sig, NULL, 0));
	close(fd);
	return r;
}

static long r_pidfd_getfd(pid_t t)
{
	long fd = pidfd_of(t), r;

	if (fd < 0)
		return -errno;
	r = syscall(SYS_pidfd_getfd, fd, 1, 0);
	if (r >= 0)
		close((int)r);
	r = res(r);
	close((int)fd);
	return r;
}

static long r_process_madvise(pid_t t)
{
	struct iovec iov = { (void *)((unsigned long)&word & ~4095UL), 4096 };
	long fd = pidfd_of(t), r;

	if (fd < 0)
		return -errno;
	r = res(syscall(SYS_process_madvise, fd, &iov, 1, MADV_COLD, 0));
	close((int)fd);
	return r;
}

#ifdef __x86_64__
/* The i386 ABI from 64-bit code: the numbers are i386's */
static long int80(long nr, long a, long b)
{
	long r;

	asm volatile("int $0x80"
		     : "=a"(r)
		     : "a"(nr), "b"(a), "c"(b)
		     : "memory");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long r_int80_kill(pid_t t)
{
	return res(int80(37, t, esc_sig));
}

static long r_int80_pidfd_open(pid_t t)
{
	long fd = int80(434, t, 0);

	if (fd >= 0)
		close((int)fd);
	return res(fd);
}

/* F_SETOWN with garbage above the 32 bits the kernel reads of cmd */
static long r_f_setown_hibits(pid_t t)
{
	int p[2];
	long r;

	if (pipe(p))
		return -errno;
	r = res(syscall(SYS_fcntl, p[0], 1UL << 32 | F_SETOWN, t));
	close(p[0]);
	close(p[1]);
	return r;
}

/* prctl's option is an int: PR_SET_PTRACER with high bits set */
static long r_ptracer_hibits(pid_t t)
{
	long r =
		res(syscall(SYS_prctl, 1UL << 32 | PR_SET_PTRACER, t, 0, 0, 0));

	prctl(PR_SET_PTRACER, 0, 0, 0, 0);
	return r;
}

/* x32: the host may not have the ABI (ENOSYS natively) */
static long r_x32_kill(pid_t t)
{
	return res(syscall(X32_BIT | 62, t, esc_sig));
}
#endif

static long r_ptrace(pid_t t)
{
	errno = 0;
	if (ptrace(PTRACE_PEEKDATA, t, (void *)&word, NULL) == -1 && errno)
		return -errno;
	return 0;
}

static long r_ptrace_seize(pid_t t)
{
	long r = ptrace(PTRACE_SEIZE, t, NULL, NULL);

	if (r)
		return -errno;
	/* got in: let go again */
	ptrace(PTRACE_INTERRUPT, t, NULL, NULL);
	waitpid(t, NULL, __WALL);
	ptrace(PTRACE_DETACH, t, NULL, NULL);
	return 0;
}

static pid_t victim_pid;

/* Where the word is in t: the victim's own address, else ours (fork). */
static unsigned long word_addr_of(pid_t t)
{
	return t == victim_pid ? victim_word_addr : (unsigned long)&word;
}

static long r_process_vm_readv(pid_t t)
{
	uint64_t v;
	struct iovec l = { &v, 8 };
	struct iovec r = { (void *)word_addr_of(t), t == vkernel_pid ? 0 : 8 };

	return res(process_vm_readv(t, &l, 1, &r, 1, 0));
}

static long r_process_vm_writev(pid_t t)
{
	uint64_t v = 0xbadbadbadbadULL;
	struct iovec l = { &v, 8 };
	struct iovec r = { (void *)word_addr_of(t), t == vkernel_pid ? 0 : 8 };

	return res(process_vm_writev(t, &l, 1, &r, 1, 0));
}

/*
 * An fd open on another process's memory: the victim's word is written
 * through it (vkernel's is not touched).  The fd is closed either way.
 */
static long wrote_mem(pid_t t, int fd)
{
	uint64_t v = 0xbadbadbadbadULL;
	long r = 0;

	if (fd < 0)
		return -errno;
	if (t != vkernel_pid && pwrite(fd, &v, 8, (off_t)word_addr_of(t)) != 8)
		r = -errno;
	close(fd);
	return r;
}

static long open_fmt(pid_t t, const char *fmt)
{
	char path[128];

	snprintf(path, sizeof(path), fmt, t, t);
	return wrote_mem(t, open(path, O_RDWR));
}

static long r_mem(pid_t t)
{
	return open_fmt(t, "/proc/%d/mem");
}

static long r_mem_dotdot(pid_t t)
{
	return open_fmt(t, "/proc/self/../%d/mem");
}

static long r_mem_slashes(pid_t t)
{
	return open_fmt(t, "//proc//%d///mem");
}

static long r_mem_dot(pid_t t)
{
	return open_fmt(t, "/proc/%d/./mem");
}

static long r_mem_task(pid_t t)
{
	return open_fmt(t, "/proc/%d/task/%d/mem");
}

static long r_mem_thread_self(pid_t t)
{
	return open_fmt(t, "/proc/thread-self/../../../%d/mem");
}

static long r_mem_openat(pid_t t)
{
	char path[64];
	int dir, fd;

	snprintf(path, sizeof(path), "/proc/%d", t);
	dir = open(path, O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		return -errno;
	fd = openat(dir, "mem", O_RDWR);
	close(dir);
	return wrote_mem(t, fd);
}

struct open_how_v0 {
	uint64_t flags, mode, resolve;
};

static long r_mem_openat2(pid_t t)
{
	struct open_how_v0 how = { O_RDWR, 0, 0x08 /* RESOLVE_BENEATH */ };
	char path[64];
	int dir;
	long fd;

	snprintf(path, sizeof(path), "/proc/%d", t);
	dir = open(path, O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		return -errno;
	fd = syscall(SYS_openat2, dir, "mem", &how, sizeof(how));
	close(dir);
	return wrote_mem(t, (int)fd);
}

static long r_mem_chdir(pid_t t)
{
	char path[64], cwd[4096];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d", t);
	if (!getcwd(cwd, sizeof(cwd)) || chdir(path))
		return -errno;
	fd = open("mem", O_RDWR);
	if (chdir(cwd))
		return -errno;
	return wrote_mem(t, fd);
}

static long r_mem_symlink(pid_t t)
{
	char target[64], link[64];
	int fd;

	snprintf(target, sizeof(target), "/proc/%d/mem", t);
	snprintf(link, sizeof(link), "/tmp/vk-escape-%d-link", getpid());
	unlink(link);
	if (symlink(target, link))
		return -errno;
	fd = open(link, O_RDWR);
	unlink(link);
	return wrote_mem(t, fd);
}

/* O_PATH first, then reopened through our own /proc/self/fd */
static long r_mem_opath(pid_t t)
{
	char path[64];
	int p, fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", t);
	p = open(path, O_PATH);
	if (p < 0)
		return -errno;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p);
	fd = open(path, O_RDWR);
	close(p);
	return wrote_mem(t, fd);
}

static long read_one(pid_t t, const char *name)
{
	char path[64], c;
	int fd;
	long r = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", t, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (read(fd, &c, 1) < 0)
		r = -errno;
	close(fd);
	return r;
}

static long r_environ(pid_t t)
{
	return read_one(t, "environ");
}

static long r_maps(pid_t t)
{
	return read_one(t, "maps");
}

static long r_pagemap(pid_t t)
{
	return read_one(t, "pagemap");
}

static long r_syscall_file(pid_t t)
{
	return read_one(t, "syscall");
}

static long r_stack(pid_t t)
{
	return read_one(t, "stack");
}

/* written with the value it has: nothing changes when it gets through */
static long r_oom_score_adj(pid_t t)
{
	char path[64], buf[16];
	int fd;
	ssize_t n;
	long r = 0;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", t);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -EIO;
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, (size_t)n) != n)
		r = -errno;
	close(fd);
	return r;
}

/* a magic link: the other process's stdout, opened anew */
static long r_fd_reopen(pid_t t)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/fd/1", t);
	fd = open(path, O_WRONLY | O_APPEND);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static volatile int flip_stop;
static char flip_path[64];
static char flip_good[64], flip_bad[64];

static void *flipper(void *arg)
{
	(void)arg;
	while (!flip_stop) {
		memcpy(flip_path, flip_good, sizeof(flip_path));
		memcpy(flip_path, flip_bad, sizeof(flip_path));
	}
	return NULL;
}

/* Whether fd is open on /proc/<t>/mem. */
static int fd_is_mem_of(int fd, pid_t t)
{
	char link[64], target[128], want[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = 0;
	snprintf(want, sizeof(want), "/proc/%d/mem", t);
	return !strcmp(target, want);
}

/*
 * Check-then-open: a second thread flips the path between a harmless
 * file and the target's mem; any open that lands on mem got through.
 */
static long r_open_race(pid_t t)
{
	pthread_t th;
	int i, got = 0;

	snprintf(flip_good, sizeof(flip_good), "/proc/self/status");
	snprintf(flip_bad, sizeof(flip_bad), "/proc/%d/mem", t);
	memcpy(flip_path, flip_good, sizeof(flip_path));
	flip_stop = 0;
	if (pthread_create(&th, NULL, flipper, NULL))
		return -EAGAIN;
	for (i = 0; i < 2000 && !got; i++) {
		int fd = open(flip_path, O_RDWR);

		if (fd < 0)
			continue;
		got = fd_is_mem_of(fd, t);
		close(fd);
	}
	flip_stop = 1;
	pthread_join(th, NULL);
	return got ? 0 : -EPERM;
}

static volatile int share_stop, share_fd = -1, share_won;
static uint64_t share_addr;

/* a thread writes through the descriptor the open is about to return */
static void *share_writer(void *arg)
{
	uint64_t v = 0xbadbadbadbadULL;

	(void)arg;
	while (!share_stop)
		if (pwrite(share_fd, &v, 8, (off_t)share_addr) == 8)
			share_won = share_stop = 1;
	return NULL;
}

/*
 * The moment between an open of another process's mem and the close
 * vkernel makes: a thread sharing the descriptor table uses it.  Only at
 * the victim (its word shows a write).
 */
static long r_fd_share_race(pid_t t)
{
	char path[64];
	pthread_t th;
	int i, fd;
	long err = -EPERM;

	if (t == vkernel_pid)
		return NA;
	snprintf(path, sizeof(path), "/proc/%d/mem", t);
	fd = open("/dev/null", O_RDONLY); /* the number the open will get */
	if (fd < 0)
		return -errno;
	close(fd);
	share_fd = fd;
	share_addr = word_addr_of(t);
	share_stop = share_won = 0;
	if (pthread_create(&th, NULL, share_writer, NULL))
		return -EAGAIN;
	for (i = 0; i < 2000 && !share_stop; i++) {
		int m = open(path, O_RDWR);

		if (m >= 0)
			close(m);
		else
			err = -errno; /* the host's or vkernel's refusal */
	}
	share_stop = 1;
	pthread_join(th, NULL);
	return share_won ? 0 : err;
}

/* Let the host signal the owner: esc_sig on I/O. */
static int async_to_owner(int fd)
{
	if (fcntl(fd, F_SETSIG, esc_sig) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC))
		return -errno;
	return 0;
}

static long owner_then_io(pid_t t, int how)
{
	struct f_owner_ex ex = { F_OWNER_PID, t };
	int p[2];
	long r;

	if (pipe(p))
		return -errno;
	if (how == 0) {
		r = res(fcntl(p[0], F_SETOWN, t));
	} else if (how == 1) {
		r = res(fcntl(p[0], F_SETOWN, -getpgid(t)));
	} else {
		ex.type = how == 2 ? F_OWNER_TID :
			  how == 3 ? F_OWNER_PID :
				     F_OWNER_PGRP;
		ex.pid = how == 4 ? getpgid(t) : t;
		r = res(fcntl(p[0], F_SETOWN_EX, &ex));
	}
	if (!r)
		r = async_to_owner(p[0]);
	if (!r && write(p[1], "x", 1) != 1)
		r = -errno;
	close(p[0]);
	close(p[1]);
	return r;
}

static long r_f_setown(pid_t t)
{
	return owner_then_io(t, 0);
}

static long r_f_setown_pgrp(pid_t t)
{
	return t == getpid() ? owner_then_io(t, 0) : owner_then_io(t, 1);
}

static long r_f_setown_ex_tid(pid_t t)
{
	return owner_then_io(t, 2);
}

static long r_f_setown_ex_pid(pid_t t)
{
	return owner_then_io(t, 3);
}

static long r_f_setown_ex_pgrp(pid_t t)
{
	return t == getpid() ? owner_then_io(t, 3) : owner_then_io(t, 4);
}

static long sock_owner(pid_t t, unsigned long cmd)
{
	int sv[2], who = t;
	long r;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -errno;
	r = res(ioctl(sv[0], cmd, &who));
	if (!r)
		r = async_to_owner(sv[0]);
	if (!r && write(sv[1], "x", 1) != 1)
		r = -errno;
	close(sv[0]);
	close(sv[1]);
	return r;
}

static long r_fiosetown(pid_t t)
{
	return sock_owner(t, 0x8901); /* FIOSETOWN */
}

static long r_siocspgrp(pid_t t)
{
	return sock_owner(t, 0x8902); /* SIOCSPGRP */
}

/* The terminal's foreground group, and back: only with a terminal. */
static long r_tiocspgrp(pid_t t)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	pid_t old, pg = getpgid(t);
	long r;

	if (fd < 0)
		return NA;
	old = tcgetpgrp(fd);
	signal(SIGTTOU, SIG_IGN);
	r = res(ioctl(fd, TIOCSPGRP, &pg));
	if (!r)
		ioctl(fd, TIOCSPGRP, &old);
	signal(SIGTTOU, SIG_DFL);
	close(fd);
	return r;
}

/* A PI futex whose word names t as the owner: t inherits our priority */
static long r_pi_futex(pid_t t)
{
	static unsigned int w;
	struct timespec ts;
	long r;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 10 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	w = (unsigned int)t;
	r = res(syscall(SYS_futex, &w, 6 /* FUTEX_LOCK_PI */, 0, &ts, NULL, 0));
	return r;
}

/* A cgroup file of ours, "N:CONTROLLER:PATH", if it is on a cgroupfs */
static int cgroup_file(char *line, char *path, size_t len)
{
	char *ctrl = strchr(line, ':'), *cg;
	struct statfs sfs;

	if (!ctrl || !(cg = strchr(++ctrl, ':')))
		return 0;
	*cg++ = 0;
	if (!*ctrl)
		snprintf(path, len, "/sys/fs/cgroup%s/cgroup.procs", cg);
	else
		snprintf(path, len, "/sys/fs/cgroup/%s%s/tasks",
			 strncmp(ctrl, "name=", 5) ? ctrl : ctrl + 5, cg);
	return !statfs(path, &sfs) &&
	       (sfs.f_type == 0x63677270 || sfs.f_type == 0x27e0eb);
}

/* our cgroup's process list, for writing: who is in it is not ours */
static long r_cgroup_procs(pid_t t)
{
	char buf[2048], path[2200], *line, *save;
	int fd = open("/proc/self/cgroup", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	(void)t;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return NA;
	buf[n] = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!cgroup_file(line, path, sizeof(path)))
			continue;
		fd = open(path, O_WRONLY);
		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	}
	return NA;
}

/* The terminal hung up: only under vkernel, and only with a terminal. */
static long r_tiocvhangup(pid_t t)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	long r;

	(void)t;
	if (fd < 0 || !getenv("VK_ESCAPE_HANGUP"))
		return fd < 0 ? NA : (close(fd), NA);
	r = res(ioctl(fd, TIOCVHANGUP));
	close(fd);
	return r;
}

static long no_twin(pid_t t)
{
	(void)t;
	return NA;
}

/* A terminal's input, pushed: a newline only, and only with a terminal. */
static long r_tiocsti(pid_t t)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	char c = '\n';
	long r;

	(void)t;
	if (fd < 0)
		return NA;
	r = res(ioctl(fd, TIOCSTI, &c));
	close(fd);
	return r;
}

/* Whether we are traced, by /proc/self/status. */
static int traced(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strstr(buf, "TracerPid:");
	return p && atoi(p + 10) != 0;
}

/* The child says 0 when it runs untraced: it got out from under vkernel. */
static long wait_untraced_child(long pid)
{
	int st;

	if (pid < 0)
		return -errno;
	if (waitpid((pid_t)pid, &st, __WALL) < 0)
		return -errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -EPERM;
}

static long r_clone_untraced(pid_t t)
{
	long pid;

	(void)t;
	pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, NULL, NULL, NULL,
		      NULL);
	if (pid == 0)
		_exit(traced() ? 1 : 0);
	return wait_untraced_child(pid);
}

struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

static long r_clone3_untraced(pid_t t)
{
	struct clone_args_v0 ca = { .flags = CLONE_UNTRACED,
				    .exit_signal = SIGCHLD };
	long pid;

	(void)t;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		_exit(traced() ? 1 : 0);
	return wait_untraced_child(pid);
}

/* The inside twins of the two: a plain fork, and a thread (clone3). */
static void *nothing(void *arg)
{
	return arg;
}

static long r_thread(pid_t t)
{
	pthread_t th;

	(void)t;
	if (pthread_create(&th, NULL, nothing, NULL))
		return -EAGAIN;
	pthread_join(th, NULL);
	return 0;
}

static long r_fork(pid_t t)
{
	long pid = fork();

	(void)t;
	if (pid == 0)
		_exit(0);
	return pid < 0 ? -errno : (waitpid((pid_t)pid, NULL, 0), 0);
}

/* In a child, so that what it does to itself does not last. */
static long in_child(long (*fn)(pid_t), pid_t t)
{
	int p[2];
	long r = -EIO;
	pid_t pid;

	if (pipe(p))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		close(p[0]);
		r = fn(t);
		if (write(p[1], &r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &r, sizeof(r)) != sizeof(r))
		r = -EIO;
	close(p[0]);
	waitpid(pid, NULL, 0);
	return r;
}

static int notify_fd = -1;
/* SECCOMP_SET_MODE_FILTER, with garbage above its 32 bits or not */
static unsigned long listener_op = SECCOMP_SET_MODE_FILTER;

/* Answer our own notifications: let every call go on, unseen. */
static void *notifier(void *arg)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	(void)arg;
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_RECV, &req))
			return NULL;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static long listener_kill(pid_t t)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	pthread_t th;
	long fd;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	fd = syscall(SYS_seccomp, listener_op, SECCOMP_FILTER_FLAG_NEW_LISTENER,
		     &prog);
	if (fd < 0)
		return -errno;
	notify_fd = (int)fd;
	pthread_create(&th, NULL, notifier, NULL);
	return sigwinch_to(t);
}

static long r_seccomp_listener(pid_t t)
{
	listener_op = SECCOMP_SET_MODE_FILTER;
	return in_child(listener_kill, t);
}

#ifdef __x86_64__
static long r_seccomp_listener_hibits(pid_t t)
{
	listener_op = 1UL << 32 | SECCOMP_SET_MODE_FILTER;
	return in_child(listener_kill, t);
}
#endif

/* The inside twin: a filter of our own, without a listener. */
static long own_filter(pid_t t)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 1, f };

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return sigwinch_to(t);
}

static long r_seccomp_own(pid_t t)
{
	return in_child(own_filter, t);
}

/* io_uring: a kernel worker opens the file; no filter sees it. */
static long r_io_uring(pid_t t)
{
	char params[120];
	long fd;

	(void)t;
	memset(params, 0, sizeof(params));
	fd = syscall(SYS_io_uring_setup, 4, params);
	if (fd < 0)
		return -errno;
	close((int)fd);
	return 0;
}

static long r_prlimit(pid_t t)
{
	struct rlimit old;

	if (prlimit(t, RLIMIT_CPU, NULL, &old))
		return -errno;
	return res(prlimit(t, RLIMIT_CPU, &old, NULL));
}

static long r_setpriority(pid_t t)
{
	int prio;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, (id_t)t);
	if (errno)
		return -errno;
	return res(setpriority(PRIO_PROCESS, (id_t)t, prio));
}

static long r_setpriority_pgrp(pid_t t)
{
	int prio;
	id_t pg = (id_t)getpgid(t);

	errno = 0;
	prio = getpriority(PRIO_PGRP, pg);
	if (errno)
		return -errno;
	return res(setpriority(PRIO_PGRP, pg, prio));
}

/* the caller's own group (0): vkernel's, which the tree shares */
static long r_setpriority_pgrp0(pid_t t)
{
	int prio;

	(void)t;
	errno = 0;
	prio = getpriority(PRIO_PGRP, 0);
	if (errno)
		return -errno;
	return res(setpriority(PRIO_PGRP, 0, prio));
}

static long r_ioprio_pgrp0(pid_t t)
{
	long prio = syscall(SYS_ioprio_get, 2 /* IOPRIO_WHO_PGRP */, 0);

	(void)t;
	if (prio < 0)
		return -errno;
	return res(syscall(SYS_ioprio_set, 2, 0, prio));
}

/* the inside twin: the same on a group of the tree's own */
static long own_group_then(pid_t t, long (*fn)(pid_t))
{
	if (setpgid(0, 0))
		return -errno;
	return fn(t);
}

static long own_group_setpriority(pid_t t)
{
	return own_group_then(t, r_setpriority_pgrp0);
}

static long own_group_ioprio(pid_t t)
{
	return own_group_then(t, r_ioprio_pgrp0);
}

static long r_setpriority_pgrp0_twin(pid_t t)
{
	return in_child(own_group_setpriority, t);
}

static long r_ioprio_pgrp0_twin(pid_t t)
{
	return in_child(own_group_ioprio, t);
}

static long r_sched_setaffinity(pid_t t)
{
	cpu_set_t set;

	if (sched_getaffinity(t, sizeof(set), &set))
		return -errno;
	return res(sched_setaffinity(t, sizeof(set), &set));
}

static long r_sched_setscheduler(pid_t t)
{
	struct sched_param sp;
	int pol = sched_getscheduler(t);

	if (pol < 0 || sched_getparam(t, &sp))
		return -errno;
	return res(sched_setscheduler(t, pol, &sp));
}

static long r_ioprio_set(pid_t t)
{
	long prio = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, t);

	if (prio < 0)
		return -errno;
	return res(syscall(SYS_ioprio_set, 1, t, prio));
}

static long r_kcmp(pid_t t)
{
	return res(syscall(SYS_kcmp, t, getpid(), 1 /* KCMP_FILE */, 0, 0));
}

static long r_get_robust_list(pid_t t)
{
	void *head;
	size_t len;

	return res(syscall(SYS_get_robust_list, t, &head, &len));
}

static long r_move_pages(pid_t t)
{
	return res(syscall(SYS_move_pages, t, 0, NULL, NULL, NULL, 0));
}

static long r_perf_event_open(pid_t t)
{
	struct perf_event_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof(a);
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.exclude_kernel = 1;
	fd = syscall(SYS_perf_event_open, &a, t, -1, -1, 0);
	if (fd >= 0)
		close((int)fd);
	return res(fd);
}

/* pid 0 with PERF_FLAG_PID_CGROUP is fd 0, a cgroup: every process in it */
static long r_perf_cgroup(pid_t t)
{
	struct perf_event_attr a;
	long fd;

	(void)t;
	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof(a);
	a.config = PERF_COUNT_SW_CPU_CLOCK;
	fd = syscall(SYS_perf_event_open, &a, 0, 0, -1, 4 /* PID_CGROUP */);
	if (fd >= 0)
		close((int)fd);
	return res(fd);
}

static long r_pr_set_ptracer(pid_t t)
{
	long r = res(prctl(PR_SET_PTRACER, t, 0, 0, 0));

	prctl(PR_SET_PTRACER, 0, 0, 0, 0);
	return r;
}

static long join_group(pid_t t)
{
	return res(setpgid(0, getpgid(t)));
}

static long r_setpgid(pid_t t)
{
	return in_child(join_group, t);
}

static long kill_group_after_setsid(pid_t t)
{
	pid_t pg = getpgid(t);

	if (setsid() < 0)
		return -errno;
	return res(kill(-pg, esc_sig));
}

static long r_setsid_killpg(pid_t t)
{
	return in_child(kill_group_after_setsid, t);
}

static long r_timer_thread_id(pid_t t)
{
	struct sigevent ev;
	timer_t id;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = esc_sig;
	ev._sigev_un._tid = t;
	if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id))
		return -errno;
	syscall(SYS_timer_delete, id);
	return 0;
}

/* mq_notify: the signal goes to the registering process; a tid is refused */
static long mq_notify_to(pid_t t, int notify)
{
	char name[64];
	struct sigevent ev;
	mqd_t q;
	long r;

	snprintf(name, sizeof(name), "/vk-escape-%d", getpid());
	q = mq_open(name, O_RDONLY | O_CREAT, 0600, NULL);
	if (q == (mqd_t)-1)
		return -errno;
	mq_unlink(name);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = notify;
	ev.sigev_signo = esc_sig;
	ev._sigev_un._tid = t;
	r = res(mq_notify(q, &ev));
	mq_close(q);
	return r;
}

static long r_mq_notify(pid_t t)
{
	return mq_notify_to(t, SIGEV_THREAD_ID);
}

static long r_mq_notify_self(pid_t t)
{
	return mq_notify_to(t, SIGEV_SIGNAL);
}

static long r_timer_self(pid_t t)
{
	(void)t;
	return r_timer_thread_id((pid_t)syscall(SYS_gettid));
}

static long uffd(int flags)
{
	long fd = syscall(SYS_userfaultfd, flags);

	if (fd >= 0)
		close((int)fd);
	return res(fd);
}

/* kernel-mode faults too: vkernel's reads of our memory would wait on us */
static long r_userfaultfd(pid_t t)
{
	(void)t;
	return uffd(0);
}

static long r_userfaultfd_user(pid_t t)
{
	(void)t;
	return uffd(UFFD_USER_MODE_ONLY);
}

static const char *self_exe;

/* vfork, and the child execs a kill of its own */
static long r_vfork_exec(pid_t t)
{
	char arg[16], sig[16];
	int st;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", t);
	snprintf(sig, sizeof(sig), "%d", esc_sig);
	pid = vfork();
	if (pid == 0) {
		execl(self_exe, self_exe, "--kill", arg, sig, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : -EPERM;
}

struct road {
	const char *name;
	long (*fn)(pid_t t);
	/* the inside twin, when it is another call than fn */
	long (*inside)(pid_t t);
	/* aimed at vkernel, it reaches the task tree's own process group */
	int tree_group;
};

static const struct road roads[] = {
	{ "kill", r_kill, NULL, 0 },
	{ "tkill", r_tkill, NULL, 0 },
	{ "tgkill", r_tgkill, NULL, 0 },
	{ "rt_sigqueueinfo", r_rt_sigqueueinfo, NULL, 0 },
	{ "rt_tgsigqueueinfo", r_rt_tgsigqueueinfo, NULL, 0 },
#ifdef __x86_64__
	{ "int80_kill", r_int80_kill, NULL, 0 },
	{ "int80_pidfd_open", r_int80_pidfd_open, NULL, 0 },
	{ "x32_kill", r_x32_kill, NULL, 0 },
	{ "f_setown_hibits", r_f_setown_hibits, NULL, 0 },
	{ "pr_set_ptracer_hibits", r_ptracer_hibits, NULL, 0 },
	{ "seccomp_listener_hibits", r_seccomp_listener_hibits, r_seccomp_own,
	  0 },
#endif
	{ "pidfd_send_signal", r_pidfd_send_signal, NULL, 0 },
	{ "procdir_pidfd_signal", r_procdir_signal, NULL, 0 },
	{ "pidfd_getfd", r_pidfd_getfd, NULL, 0 },
	{ "process_madvise", r_process_madvise, NULL, 0 },
	{ "ptrace_peekdata", r_ptrace, NULL, 0 },
	{ "ptrace_seize", r_ptrace_seize, r_ptrace, 0 },
	{ "process_vm_readv", r_process_vm_readv, NULL, 0 },
	{ "process_vm_writev", r_process_vm_writev, NULL, 0 },
	{ "proc_mem", r_mem, NULL, 0 },
	{ "proc_mem_dotdot", r_mem_dotdot, NULL, 0 },
	{ "proc_mem_slashes", r_mem_slashes, NULL, 0 },
	{ "proc_mem_dot", r_mem_dot, NULL, 0 },
	{ "proc_mem_task", r_mem_task, NULL, 0 },
	{ "proc_mem_thread_self", r_mem_thread_self, NULL, 0 },
	{ "proc_mem_openat", r_mem_openat, NULL, 0 },
	{ "proc_mem_openat2", r_mem_openat2, NULL, 0 },
	{ "proc_mem_chdir", r_mem_chdir, NULL, 0 },
	{ "proc_mem_symlink", r_mem_symlink, NULL, 0 },
	{ "proc_mem_opath", r_mem_opath, NULL, 0 },
	{ "proc_mem_race", r_open_race, r_mem, 0 },
	{ "fd_share_race", r_fd_share_race, r_mem, 0 },
	{ "proc_environ", r_environ, NULL, 0 },
	{ "proc_maps", r_maps, NULL, 0 },
	{ "proc_pagemap", r_pagemap, NULL, 0 },
	{ "proc_syscall", r_syscall_file, NULL, 0 },
	{ "proc_stack", r_stack, NULL, 0 },
	{ "proc_oom_score_adj", r_oom_score_adj, NULL, 0 },
	{ "proc_fd_reopen", r_fd_reopen, NULL, 0 },
	{ "f_setown", r_f_setown, NULL, 0 },
	{ "f_setown_pgrp", r_f_setown_pgrp, NULL, 0 },
	{ "f_setown_ex_tid", r_f_setown_ex_tid, NULL, 0 },
	{ "f_setown_ex_pid", r_f_setown_ex_pid, NULL, 0 },
	{ "f_setown_ex_pgrp", r_f_setown_ex_pgrp, NULL, 0 },
	{ "sock_fiosetown", r_fiosetown, NULL, 0 },
	{ "sock_siocspgrp", r_siocspgrp, NULL, 0 },
	{ "tiocspgrp", r_tiocspgrp, NULL, 1 },
	{ "tiocsti", r_tiocsti, NULL, 0 },
	{ "tiocvhangup", r_tiocvhangup, no_twin, 0 },
	{ "pi_futex", r_pi_futex, NULL, 0 },
	{ "cgroup_procs", r_cgroup_procs, no_twin, 0 },
	{ "clone_untraced", r_clone_untraced, r_fork, 0 },
	{ "clone3_untraced", r_clone3_untraced, r_thread, 0 },
	{ "vfork_exec", r_vfork_exec, NULL, 0 },
	{ "seccomp_listener", r_seccomp_listener, r_seccomp_own, 0 },
	{ "io_uring", r_io_uring, NULL, 0 },
	{ "prlimit", r_prlimit, NULL, 0 },
	{ "setpriority", r_setpriority, NULL, 0 },
	{ "setpriority_pgrp", r_setpriority_pgrp, NULL, 0 },
	{ "setpriority_pgrp0", r_setpriority_pgrp0, r_setpriority_pgrp0_twin,
	  0 },
	{ "ioprio_pgrp0", r_ioprio_pgrp0, r_ioprio_pgrp0_twin, 0 },
	{ "sched_setaffinity", r_sched_setaffinity, NULL, 0 },
	{ "sched_setscheduler", r_sched_setscheduler, NULL, 0 },
	{ "ioprio_set", r_ioprio_set, NULL, 0 },
	{ "kcmp", r_kcmp, NULL, 0 },
	{ "get_robust_list", r_get_robust_list, NULL, 0 },
	{ "move_pages", r_move_pages, NULL, 0 },
	{ "perf_event_open", r_perf_event_open, NULL, 0 },
	{ "perf_event_cgroup", r_perf_cgroup, no_twin, 0 },
	{ "pr_set_ptracer", r_pr_set_ptracer, NULL, 0 },
	{ "setpgid", r_setpgid, NULL, 1 },
	{ "setsid_killpg", r_setsid_killpg, NULL, 1 },
	{ "timer_create_tid", r_timer_thread_id, r_timer_self, 0 },
	{ "mq_notify_tid", r_mq_notify, r_mq_notify_self, 0 },
	{ "userfaultfd", r_userfaultfd, r_userfaultfd_user, 0 },
};

static const char *result(long r)
{
	static char buf[32];

	if (r == NA)
		return "n/a";
	if (r >= 0)
		return "ok";
	switch (-r) {
	case EPERM:
		return "EPERM";
	case ESRCH:
		return "ESRCH";
	case EACCES:
		return "EACCES";
	case ENOSYS:
		return "ENOSYS";
	case EINVAL:
		return "EINVAL";
	case EIO:
		return "EIO";
	case EFAULT:
		return "EFAULT";
	case ENOMEM:
		return "ENOMEM";
	case ENOENT:
		return "ENOENT";
	case EBADF:
		return "EBADF";
	case ENXIO:
		return "ENXIO";
	}
	snprintf(buf, sizeof(buf), "E%ld", -r);
	return buf;
}

static void on_signal(int sig)
{
	(void)sig;
	got_signals++;
}

static void count_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGIO, &sa, NULL);
	sigaction(SIGURG, &sa, NULL);
}

static volatile sig_atomic_t victim_done;

static void on_term(int sig)
{
	(void)sig;
	victim_done = 1;
}

static int victim_mode(void)
{
	struct rlimit rl;

	count_signals();
	signal(SIGTERM, on_term);
	printf("victim %d %#lx\n", getpid(), (unsigned long)&word);
	fflush(stdout);
	while (!victim_done)
		pause();
	getrlimit(RLIMIT_CPU, &rl);
	printf("victim: signals=%d word=%#llx nice=%d cpu-limit=%s\n",
	       got_signals, (unsigned long long)word,
	       getpriority(PRIO_PROCESS, 0),
	       rl.rlim_cur == RLIM_INFINITY ? "unlimited" : "set");
	return 0;
}

static pid_t start_inside_child(void)
{
	pid_t child = fork();

	if (child == 0) {
		setpgid(0, 0); /* a process group the tree made */
		for (;;)
			pause();
	}
	return child;
}

int main(int argc, char **argv)
{
	pid_t victim = 0, child;
	unsigned int i, refused = 0, tried = 0;
	int only = -1, inside_only = 0;
	const char *skip_road = NULL;

	self_exe = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "--victim-mode"))
		return victim_mode();
	if (argc == 5 && !strcmp(argv[1], "--forge")) {
		/* a signal to TARGET that says it came from PID */
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_signo = atoi(argv[3]);
		si.si_code = SI_QUEUE;
		si.si_pid = atoi(argv[4]);
		si.si_uid = getuid();
		return syscall(SYS_rt_sigqueueinfo, atoi(argv[2]), si.si_signo,
			       &si) ?
			       1 :
			       0;
	}
	if (argc == 4 && !strcmp(argv[1], "--kill"))
		return kill(atoi(argv[2]), atoi(argv[3])) ? 1 : 0;
	for (i = 1; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--victim") &&
		    i + 2 < (unsigned int)argc) {
			victim = victim_pid = atoi(argv[++i]);
			victim_word_addr = strtoull(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--sig") &&
			   i + 1 < (unsigned int)argc) {
			esc_sig = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--skip") &&
			   i + 1 < (unsigned int)argc) {
			skip_road = argv[++i];
		} else if (!strcmp(argv[i], "--inside-only")) {
			inside_only =
				1; /* natively: the twins, nothing aimed out */
		} else if (!strcmp(argv[i], "--list")) {
			for (i = 0; i < sizeof(roads) / sizeof(roads[0]); i++)
				printf("%s\n", roads[i].name);
			return 0;
		} else {
			unsigned int k;

			for (k = 0; k < sizeof(roads) / sizeof(roads[0]); k++)
				if (!strcmp(argv[i], roads[k].name))
					only = (int)k;
			if (only < 0) {
				fprintf(stderr,
					"usage: vk-escape [--victim PID WORD-ADDRESS] [--sig N] [--inside-only] [--skip ROAD] [ROAD] | --list | --victim-mode\n");
				return 2;
			}
		}
	}
	vkernel_pid = getppid();
	count_signals();
	child = start_inside_child();
	if (child < 0)
		return 1;
	for (i = 0; i < sizeof(roads) / sizeof(roads[0]); i++) {
		const struct road *r = &roads[i];
		long vk, vi = NA, in;

		if ((only >= 0 && (int)i != only) ||
		    (skip_road && !strcmp(r->name, skip_road)))
			continue;
		vk = r->tree_group || inside_only ? NA : r->fn(vkernel_pid);
		if (victim && !inside_only)
			vi = r->fn(victim);
		in = (r->inside ? r->inside : r->fn)(child);
		printf("%s vkernel=%s", r->name, result(vk));
		printf(" victim=%s", result(vi));
		printf(" inside=%s\n", result(in));
		if (vk == NA && vi == NA)
			continue;
		tried++;
		refused += (vk == NA || vk < 0) && (vi == NA || vi < 0);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("vk-escape: %u/%u refused\n", refused, tried);
	return refused == tried ? 0 : 1;
}
