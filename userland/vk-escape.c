// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-escape: each system call that can reach another process, aimed at
 * the parent (vkernel, under vkernel run) and at a child of our own.
 * Prints "CALL outside=RESULT inside=RESULT", RESULT 0 or an errno name.
 * Signals are signal 0 and writes are empty, so running it natively is
 * harmless too.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

static const char *result(long r)
{
	if (r >= 0)
		return "0";
	switch (errno) {
	case EPERM:
		return "EPERM";
	case ESRCH:
		return "ESRCH";
	case EACCES:
		return "EACCES";
	case EIO:
		return "EIO";
	case EFAULT:
		return "EFAULT";
	}
	return strerror(errno);
}

static long try_call(const char *name, pid_t pid)
{
	char buf[8], path[64];
	struct iovec local = { buf, sizeof(buf) }, remote = { buf, 0 };
	siginfo_t si;
	long r = -1;
	int fd;

	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	errno = 0;
	if (!strcmp(name, "kill"))
		r = kill(pid, 0);
	else if (!strcmp(name, "tkill"))
		r = syscall(SYS_tkill, pid, 0);
	else if (!strcmp(name, "tgkill"))
		r = syscall(SYS_tgkill, pid, pid, 0);
	else if (!strcmp(name, "rt_sigqueueinfo"))
		r = syscall(SYS_rt_sigqueueinfo, pid, 0, &si);
	else if (!strcmp(name, "rt_tgsigqueueinfo"))
		r = syscall(SYS_rt_tgsigqueueinfo, pid, pid, 0, &si);
	else if (!strcmp(name, "pidfd_open")) {
		r = syscall(SYS_pidfd_open, pid, 0);
		if (r >= 0)
			close((int)r);
	} else if (!strcmp(name, "pidfd_send_signal")) {
		/* a /proc/<pid> directory fd is a pidfd too */
		snprintf(path, sizeof(path), "/proc/%d", pid);
		fd = open(path, O_RDONLY | O_DIRECTORY);
		r = fd < 0 ? -1 :
			     syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0);
		if (fd >= 0)
			close(fd);
	} else if (!strcmp(name, "ptrace"))
		r = ptrace(PTRACE_PEEKDATA, pid, (void *)buf, NULL) == -1 &&
				    errno ?
			    -1 :
			    0;
	else if (!strcmp(name, "process_vm_readv"))
		r = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	else if (!strcmp(name, "process_vm_writev"))
		r = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	else if (!strcmp(name, "open_proc_mem")) {
		snprintf(path, sizeof(path), "/proc/%d/mem", pid);
		fd = open(path, O_RDONLY);
		r = fd;
		if (fd >= 0)
			close(fd);
	}
	return r;
}

int main(void)
{
	static const char *const calls[] = {
		"kill",
		"tkill",
		"tgkill",
		"rt_sigqueueinfo",
		"rt_tgsigqueueinfo",
		"pidfd_open",
		"pidfd_send_signal",
		"ptrace",
		"process_vm_readv",
		"process_vm_writev",
		"open_proc_mem",
	};
	pid_t parent = getppid(), child = fork();
	unsigned int i;

	if (child < 0)
		return 1;
	if (!child) {
		pause();
		_exit(0);
	}
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		const char *out = result(try_call(calls[i], parent));

		printf("%s outside=%s", calls[i], out);
		printf(" inside=%s\n", result(try_call(calls[i], child)));
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return 0;
}
