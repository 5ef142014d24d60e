// SPDX-License-Identifier: GPL-2.0-only
/*
 * A task's system calls seen from its supervisor: what a stop is
 * (PTRACE_GET_SYSCALL_INFO, whose arch is the ABI the filter saw, never
 * the code segment), what a new descriptor is open on, and calls made on
 * the task's open file from vkernel's own duplicate of it (pidfd_getfd),
 * with an argument the task can no longer change under vkernel's check.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/magic.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <os_task.h>

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif
#define X32_BIT 0x40000000L

/* linux/ptrace.h's struct ptrace_syscall_info, without its header's clash */
struct vk_syscall_info {
	uint8_t op;
	uint8_t pad[3];
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t rval;
			uint8_t is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
		} seccomp;
	};
};

enum { OP_ENTRY = 1, OP_EXIT = 2, OP_SECCOMP = 3 };

int os_task_syscall_info(int pid, struct os_syscall_info *si)
{
	struct vk_syscall_info in;
	unsigned int i;

	memset(&in, 0, sizeof(in));
	if (ptrace((enum __ptrace_request)PTRACE_GET_SYSCALL_INFO, pid,
		   (void *)sizeof(in), &in) <= 0)
		return -errno ?: -EINVAL;
	memset(si, 0, sizeof(*si));
	si->ip = in.instruction_pointer;
	si->abi = in.arch == AUDIT_ARCH_I386 ? OS_ABI_I386 : OS_ABI_X86_64;
	if (in.op == OP_EXIT) {
		si->at_exit = 1;
		si->ret = in.exit.rval;
		return 0;
	}
	if (in.op != OP_SECCOMP && in.op != OP_ENTRY)
		return -EINVAL;
	si->nr = (long)in.seccomp.nr;
	if (si->abi == OS_ABI_X86_64 && (si->nr & X32_BIT))
		si->abi = OS_ABI_X32;
	for (i = 0; i < 6; i++)
		si->args[i] = in.seccomp.args[i];
	return 0;
}

/* The file behind /proc/PID/fd/FD: on /proc?  Then its path and mode. */
int os_task_fd_file(int pid, int fd, struct os_fd_file *f)
{
	char link[64], info[64], buf[256];
	struct statfs sfs;
	unsigned int flags = 0;
	ssize_t n;
	FILE *fi;

	memset(f, 0, sizeof(*f));
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	if (statfs(link, &sfs))
		return -errno;
	f->on_procfs = sfs.f_type == PROC_SUPER_MAGIC;
	f->on_cgroupfs = sfs.f_type == CGROUP2_SUPER_MAGIC ||
			 sfs.f_type == CGROUP_SUPER_MAGIC;
	if (!f->on_procfs && !f->on_cgroupfs)
		return 0; /* the rest only matters for these */
	n = readlink(link, f->path, sizeof(f->path) - 1);
	if (n < 0)
		return -errno;
	f->path[n] = 0;
	snprintf(info, sizeof(info), "/proc/%d/fdinfo/%d", pid, fd);
	fi = fopen(info, "re");
	if (!fi)
		return -errno;
	while (fgets(buf, sizeof(buf), fi))
		if (sscanf(buf, "flags: %o", &flags) == 1)
			break;
	fclose(fi);
	f->writable = (flags & O_ACCMODE) != O_RDONLY;
	return 0;
}

/*
 * vkernel's own duplicate of the task's descriptor fd, or -errno.  A
 * pidfd names a thread group: a thread's is its leader's (same files).
 */
static int dup_of_task_fd(int pid, int fd)
{
	int tgid = pid, pgid, pidfd, dup;

	if (os_task_ids(pid, &tgid, &pgid))
		return -ESRCH;
	pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);

	if (pidfd < 0)
		return -errno;
	dup = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	if (dup < 0)
		dup = -errno;
	close(pidfd);
	return dup;
}

long os_task_fd_fcntl(int pid, int fd, int cmd, void *arg)
{
	int dup = dup_of_task_fd(pid, fd);
	long r;

	if (dup < 0)
		return dup;
	r = fcntl(dup, cmd, arg);
	if (r < 0)
		r = -errno;
	close(dup);
	return r;
}

/*
 * An ioctl on the task's file.  SIGTTOU blocked: vkernel may be in the
 * background of the terminal the task puts in front (tcsetpgrp).
 */
long os_task_fd_ioctl(int pid, int fd, unsigned long cmd, void *arg)
{
	int dup = dup_of_task_fd(pid, fd);
	sigset_t ttou, old;
	long r;

	if (dup < 0)
		return dup;
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	pthread_sigmask(SIG_BLOCK, &ttou, &old);
	r = ioctl(dup, cmd, arg);
	if (r < 0)
		r = -errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(dup);
	return r;
}

/* The session of a pid, from /proc/PID/stat; -errno. */
int os_task_sid(int pid)
{
	char path[64], buf[1024], *p;
	int sid, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ESRCH;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -ESRCH;
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %d", &sid) != 1)
		return -ESRCH;
	return sid;
}

int os_self_pgid(void)
{
	return getpgrp();
}

int os_self_sid(void)
{
	return getsid(0);
}
