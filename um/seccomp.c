// SPDX-License-Identifier: GPL-2.0-only
/*
 * The containment filter of userland tasks, built with libseccomp for the
 * three ABIs a task can use from any code segment: x86-64, i386 (int $0x80
 * works from 64-bit code too) and x32.  The filter is an allowlist: the
 * calls below that cannot act on another process run untouched; the calls
 * of asm/syscall_kinds.h stop the task (SECCOMP_RET_TRACE) unless their
 * arguments show them harmless, and so does every other number, known or
 * not: a call vkernel does not know is refused, never let through.
 * Built before fork; the child only installs it (async-signal-safe).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/seccomp.h>
#include <linux/filter.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <seccomp.h>
#include <asm/syscall_kinds.h>
#include <os_task.h>

/* The calls that cannot reach another process: no stop. */
/* clang-format off */
static const char *const allowed[] = {
	/* file descriptors and files */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"pwritev", "preadv2", "pwritev2", "close", "close_range", "lseek",
	"_llseek", "stat", "fstat", "lstat", "newfstatat", "statx", "stat64",
	"lstat64", "fstat64", "fstatat64", "oldstat", "oldfstat", "oldlstat",
	"statfs", "fstatfs", "statfs64", "fstatfs64", "ustat", "sysfs",
	"access", "faccessat", "faccessat2", "pipe", "pipe2", "dup", "dup2",
	"dup3", "flock", "fsync", "fdatasync", "truncate", "ftruncate",
	"truncate64", "ftruncate64", "fallocate", "fadvise64", "fadvise64_64",
	"readahead", "sync", "syncfs", "sync_file_range", "getdents",
	"getdents64", "readdir", "getcwd", "chdir", "fchdir", "chroot",
	"rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "link",
	"linkat", "unlink", "unlinkat", "symlink", "symlinkat", "readlink",
	"readlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown",
	"lchown", "fchownat", "chown32", "fchown32", "lchown32", "umask",
	"utime", "utimes", "utimensat", "utimensat_time64", "futimesat",
	"mknod", "mknodat", "setxattr", "lsetxattr", "fsetxattr", "getxattr",
	"lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
	"removexattr", "lremovexattr", "fremovexattr", "name_to_handle_at",
	"splice", "tee", "vmsplice", "sendfile", "sendfile64",
	"copy_file_range", "inotify_init", "inotify_init1",
	"inotify_add_watch", "inotify_rm_watch", "memfd_create",
	"memfd_secret", "eventfd", "eventfd2", "timerfd_create",
	"timerfd_settime", "timerfd_settime64", "timerfd_gettime",
	"timerfd_gettime64", "signalfd", "signalfd4",
	/* waiting */
	"poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6",
	"pselect6_time64", "epoll_create", "epoll_create1", "epoll_ctl",
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "pause", "nanosleep",
	"clock_nanosleep", "clock_nanosleep_time64",
	"futex_waitv", "sched_yield",
	/* memory of our own */
	"mmap", "mmap2", "mprotect", "munmap", "mremap", "brk", "msync",
	"mincore", "madvise", "mlock", "mlock2", "munlock", "mlockall",
	"munlockall", "remap_file_pages", "pkey_mprotect", "pkey_alloc",
	"pkey_free", "mbind", "set_mempolicy", "get_mempolicy",
	"set_mempolicy_home_node", "membarrier",
	/* signals of our own */
	"rt_sigaction", "sigaction", "signal", "rt_sigprocmask", "sigprocmask",
	"rt_sigreturn", "sigreturn", "rt_sigpending", "sigpending",
	"rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_sigsuspend",
	"sigsuspend", "sigaltstack", "sgetmask", "ssetmask",
	/* timers: a thread-directed one only to our own threads */
	"getitimer", "setitimer", "alarm", "timer_create", "timer_settime",
	"timer_settime64", "timer_gettime", "timer_gettime64",
	"timer_getoverrun", "timer_delete", "gettimeofday", "time",
	"clock_gettime", "clock_gettime64", "clock_getres",
	"clock_getres_time64",
	/* who we are, and what we may be */
	"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid",
	"getegid", "getuid32", "geteuid32", "getgid32", "getegid32",
	"getresuid", "getresgid", "getresuid32", "getresgid32", "getgroups",
	"getgroups32", "getpgrp", "getpgid", "getsid", "setsid", "setuid",
	"setgid", "setreuid", "setregid", "setresuid", "setresgid", "setfsuid",
	"setfsgid", "setgroups", "setuid32", "setgid32", "setreuid32",
	"setregid32", "setresuid32", "setresgid32", "setfsuid32", "setfsgid32",
	"setgroups32", "capget", "capset", "personality", "uname", "olduname",
	"oldolduname", "sysinfo", "times", "getrusage", "getrlimit",
	"ugetrlimit", "setrlimit", "getpriority", "nice", "ioprio_get",
	"getcpu", "sched_getparam", "sched_getscheduler",
	"sched_get_priority_max", "sched_get_priority_min",
	"sched_rr_get_interval", "sched_rr_get_interval_time64",
	"sched_getaffinity", "sched_getattr", "syslog", "getrandom",
	"unshare", "setns", "landlock_create_ruleset", "landlock_add_rule",
	"landlock_restrict_self",
	/* the user's keyrings: shared, like files (not contained) */
	"add_key", "request_key", "keyctl",
	/* sockets and System V / POSIX IPC */
	"socket", "socketpair", "connect", "accept", "accept4", "bind",
	"listen", "shutdown", "getsockname", "getpeername", "setsockopt",
	"getsockopt", "sendto", "recvfrom", "send", "recv", "sendmsg",
	"recvmsg", "sendmmsg", "recvmmsg", "recvmmsg_time64", "socketcall",
	"shmget", "shmat", "shmdt", "shmctl", "semget", "semop", "semtimedop",
	"semtimedop_time64", "semctl", "msgget", "msgsnd", "msgrcv", "msgctl",
	"ipc", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedsend_time64",
	"mq_timedreceive", "mq_timedreceive_time64", "mq_notify",
	"mq_getsetattr", "io_setup", "io_destroy", "io_getevents",
	"io_pgetevents", "io_pgetevents_time64", "io_submit", "io_cancel",
	/* threads, processes of our own (clone: below) */
	"fork", "vfork", "execve", "execveat", "exit", "exit_group",
	"set_tid_address", "set_robust_list", "set_thread_area",
	"get_thread_area", "arch_prctl", "modify_ldt", "rseq",
	"restart_syscall",
};
/* clang-format on */

/* ioctl commands without a direction bit that do not reach out */
static const unsigned int ioctl_allowed[] = {
	0x540f, /* TIOCGPGRP */
	0x5411, /* TIOCOUTQ */
	0x5413, /* TIOCGWINSZ */
	0x5414, /* TIOCSWINSZ: SIGWINCH to the foreground group */
	0x5415, /* TIOCMGET */
	0x541b, /* FIONREAD */
	0x5421, /* FIONBIO */
	0x5424, /* TIOCGETD */
	0x5429, /* TIOCGSID */
	0x5450, /* FIONCLEX */
	0x5451, /* FIOCLEX */
	0x5452, /* FIOASYNC: the owner decides, and it is contained */
	0x8903, /* FIOGETOWN */
	0x8904, /* SIOCGPGRP */
	0x8906, /* SIOCGSTAMP */
	0x8910, /* SIOCGIFNAME */
	0x8912, /* SIOCGIFCONF */
	0x8913, /* SIOCGIFFLAGS */
	0x8915, /* SIOCGIFADDR */
	0x8921, /* SIOCGIFMTU */
	0x8927, /* SIOCGIFHWADDR */
	0x8933, /* SIOCGIFINDEX */
};

/*
 * fcntl commands above F_SETOWN_EX, one by one: a "greater than" would
 * let 1 << 32 | F_SETOWN through, the kernel reading 32 bits of it.
 */
static const unsigned int fcntl_allowed[] = {
	16, /* F_GETOWN_EX */
	17, /* F_GETOWNER_UIDS */
	36,   37,   38, /* F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW */
	1024, 1025, 1026, /* F_SETLEASE, F_GETLEASE, F_NOTIFY */
	1029, 1030, 1031, 1032, /* F_CANCELLK, F_DUPFD_CLOEXEC, pipe size */
	1033, 1034, /* F_ADD_SEALS, F_GET_SEALS */
	1035, 1036, 1037, 1038, /* read/write hints */
};

#define ABI_NR_MAX 1024
#define X32_BIT 0x40000000UL
static const uint32_t abi_arch[OS_NR_ABI] = {
	[OS_ABI_X86_64] = SCMP_ARCH_X86_64,
	[OS_ABI_I386] = SCMP_ARCH_X86,
	[OS_ABI_X32] = SCMP_ARCH_X32,
};
/* per ABI and number: the contained kind (0 none), and allowed calls */
static unsigned char kind_of[OS_NR_ABI][ABI_NR_MAX];
static unsigned char allow_of[OS_NR_ABI][ABI_NR_MAX];
static const char *const kind_names[] = { "syscall",
#define X(kind, name) name,
					  USER_SYSCALL_KINDS(X)
#undef X
};

static struct sock_filter *bpf;
static struct sock_fprog prog;
static int built;

static int nr_index(int abi, int nr)
{
	unsigned long n = (unsigned long)nr;

	if (abi == OS_ABI_X32)
		n &= ~X32_BIT;
	return n < ABI_NR_MAX ? (int)n : -1;
}

static void map_numbers(void)
{
	unsigned int i, k;
	int abi, nr, idx;

	for (abi = 0; abi < OS_NR_ABI; abi++) {
		for (k = 1; k < ARRAY_SIZE(kind_names); k++) {
			nr = seccomp_syscall_resolve_name_arch(abi_arch[abi],
							       kind_names[k]);
			idx = nr_index(abi, nr);
			if (nr >= 0 && idx >= 0)
				kind_of[abi][idx] = (unsigned char)k;
		}
		for (i = 0; i < ARRAY_SIZE(allowed); i++) {
			nr = seccomp_syscall_resolve_name_arch(abi_arch[abi],
							       allowed[i]);
			idx = nr_index(abi, nr);
			if (nr >= 0 && idx >= 0)
				allow_of[abi][idx] = 1;
		}
	}
}

static int allow(scmp_filter_ctx c, const char *name, unsigned int n,
		 const struct scmp_arg_cmp *cmp)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0; /* unknown to this libseccomp: stays stopped */
	return seccomp_rule_add_array(c, SCMP_ACT_ALLOW, nr, n, cmp);
}

#define ALLOW_IF(c, name, ...)                                 \
	allow((c), (name),                                     \
	      sizeof((struct scmp_arg_cmp[]){ __VA_ARGS__ }) / \
		      sizeof(struct scmp_arg_cmp),             \
	      (struct scmp_arg_cmp[]){ __VA_ARGS__ })

/* The contained calls whose arguments alone show them harmless. */
static int allow_harmless_args(scmp_filter_ctx c)
{
	static const char *const self_only[] = {
		"sched_setaffinity", "sched_setparam", "sched_setscheduler",
		"sched_setattr",     "move_pages",     "migrate_pages",
		"get_robust_list",
	};
	static const char *const fcntls[] = { "fcntl", "fcntl64" };
	static const char *const futexes[] = { "futex", "futex_time64" };
	/* WAIT WAKE FD REQUEUE CMP_REQUEUE WAKE_OP UNLOCK_PI *_BITSET */
	static const unsigned int futex_plain[] = { 0, 1, 2, 3, 4, 5, 7, 9, 10 };
	unsigned int i, j, cmd;
	int err = 0;

	/* only EQ, LT and masks: a GT would let 1 << 32 | cmd through */
	err |= ALLOW_IF(c, "clone",
			SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_UNTRACED, 0));
	for (i = 0; i < ARRAY_SIZE(fcntls); i++) {
		err |= ALLOW_IF(c, fcntls[i], SCMP_A1(SCMP_CMP_LT, F_SETOWN));
		for (cmd = F_GETOWN; cmd < F_SETOWN_EX; cmd++)
			err |= ALLOW_IF(c, fcntls[i],
					SCMP_A1(SCMP_CMP_EQ, cmd));
		for (j = 0; j < ARRAY_SIZE(fcntl_allowed); j++)
			err |= ALLOW_IF(c, fcntls[i],
					SCMP_A1(SCMP_CMP_EQ, fcntl_allowed[j]));
	}
	/* futexes without priority inheritance: no owner is named */
	for (i = 0; i < ARRAY_SIZE(futexes); i++)
		for (j = 0; j < ARRAY_SIZE(futex_plain); j++)
			err |= ALLOW_IF(c, futexes[i],
					SCMP_A1(SCMP_CMP_MASKED_EQ, 0x7f,
						futex_plain[j]));
	err |= ALLOW_IF(c, "ioctl", SCMP_A1(SCMP_CMP_LT, 0x540e));
	/* _IOR/_IOW/_IOWR: a direction bit, so never one of the contained */
	err |= ALLOW_IF(c, "ioctl",
			SCMP_A1(SCMP_CMP_MASKED_EQ, 0x40000000, 0x40000000));
	err |= ALLOW_IF(c, "ioctl",
			SCMP_A1(SCMP_CMP_MASKED_EQ, 0x80000000, 0x80000000));
	for (i = 0; i < ARRAY_SIZE(ioctl_allowed); i++)
		err |= ALLOW_IF(c, "ioctl",
				SCMP_A1(SCMP_CMP_EQ, ioctl_allowed[i]));
	err |= ALLOW_IF(c, "seccomp",
			SCMP_A1(SCMP_CMP_MASKED_EQ,
				SECCOMP_FILTER_FLAG_NEW_LISTENER, 0));
	err |= ALLOW_IF(c, "userfaultfd", SCMP_A0(SCMP_CMP_MASKED_EQ, 1, 1));
	err |= ALLOW_IF(c, "prlimit64", SCMP_A0(SCMP_CMP_EQ, 0));
	err |= ALLOW_IF(c, "prlimit64", SCMP_A2(SCMP_CMP_EQ, 0));
	err |= ALLOW_IF(c, "setpriority", SCMP_A0(SCMP_CMP_EQ, PRIO_PROCESS),
			SCMP_A1(SCMP_CMP_EQ, 0));
	err |= ALLOW_IF(c, "ioprio_set", SCMP_A0(SCMP_CMP_EQ, 1),
			SCMP_A1(SCMP_CMP_EQ, 0));
	for (i = 0; i < ARRAY_SIZE(self_only); i++)
		err |= ALLOW_IF(c, self_only[i], SCMP_A0(SCMP_CMP_EQ, 0));
	/* pid 0 is the caller, unless PERF_FLAG_PID_CGROUP makes it an fd */
	err |= ALLOW_IF(c, "perf_event_open", SCMP_A1(SCMP_CMP_EQ, 0),
			SCMP_A4(SCMP_CMP_MASKED_EQ, 4, 0));
	err |= ALLOW_IF(c, "prctl", SCMP_A0(SCMP_CMP_LT, PR_SET_PTRACER));
	err |= ALLOW_IF(c, "setpgid", SCMP_A1(SCMP_CMP_EQ, 0));
	return err;
}

static int add_rules(scmp_filter_ctx c)
{
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(allowed); i++)
		err |= allow(c, allowed[i], 0, NULL);
	err |= allow_harmless_args(c);
	/* glibc falls back to clone, whose flags the filter can see */
	err |= seccomp_rule_add(c, SCMP_ACT_ERRNO(ENOSYS),
				seccomp_syscall_resolve_name("clone3"), 0);
	return err;
}

static int export_filter(scmp_filter_ctx c)
{
	int fd = memfd_create("vkernel-seccomp", MFD_CLOEXEC);
	off_t len;
	int err = 0;

	if (fd < 0)
		return -errno;
	if (seccomp_export_bpf(c, fd) || (len = lseek(fd, 0, SEEK_END)) <= 0) {
		close(fd);
		return -EINVAL;
	}
	free(bpf);
	bpf = malloc((size_t)len);
	if (!bpf || pread(fd, bpf, (size_t)len, 0) != len)
		err = -EIO;
	close(fd);
	prog.len = (unsigned short)(len / sizeof(*bpf));
	prog.filter = bpf;
	return err;
}

/*
 * Built once.  Every open stops, Landlock or not: a domain refuses
 * another process's mem and fd/ but, measured on Linux 6.18, opens its
 * environ, maps, syscall and stack (their ptrace check is at read, or
 * PTRACE_MODE_READ passes).
 */
int os_seccomp_build(void)
{
	scmp_filter_ctx c;
	int err;

	if (built)
		return 0;
	map_numbers();
	c = seccomp_init(SCMP_ACT_TRACE(0));
	if (!c)
		return -ENOMEM;
	err = seccomp_arch_add(c, SCMP_ARCH_X86);
	/*
	 * x32 numbers all stop (the "bad arch" action): the supervisor
	 * decodes them with the x32 table.  Rules for a third ABI would
	 * double the time libseccomp takes to build the filter.
	 */
	if (!err)
		err = seccomp_attr_set(c, SCMP_FLTATR_ACT_BADARCH,
				       SCMP_ACT_TRACE(0));
	/* the filter sets no_new_privs itself, in the child */
	if (!err)
		err = seccomp_attr_set(c, SCMP_FLTATR_CTL_NNP, 0);
	if (!err)
		err = add_rules(c) ? -EINVAL : 0;
	if (!err)
		err = export_filter(c);
	seccomp_release(c);
	built = !err;
	return err;
}

/* In the child between fork and exec: system calls only. */
int os_seccomp_install(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return 0;
}

/* The contained kind of a call (1 + its index in USER_SYSCALL_KINDS). */
int os_syscall_kind(int abi, long nr, int *is_allowed)
{
	int idx = abi >= 0 && abi < OS_NR_ABI ? nr_index(abi, (int)nr) : -1;

	*is_allowed = idx >= 0 && allow_of[abi][idx];
	return idx >= 0 ? kind_of[abi][idx] : 0;
}

/* Its name, for the log: "kill", or "syscall 999". */
void os_syscall_name(int abi, long nr, char *buf, size_t len)
{
	char *name = NULL;

	if (abi >= 0 && abi < OS_NR_ABI)
		name = seccomp_syscall_resolve_num_arch(abi_arch[abi], (int)nr);
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "syscall %ld", nr);
	free(name);
}
