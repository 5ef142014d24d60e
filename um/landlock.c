// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host's own wall around the task tree: a Landlock domain, entered by
 * the first task before exec and inherited by all of its descendants.  A
 * process in a domain cannot ptrace, or pass the ptrace access check of,
 * a process outside it (/proc/PID/mem, maps, environ, fd/, cwd, root,
 * process_vm_*, pidfd_getfd, kcmp, ...), and from Landlock ABI 6 cannot
 * signal one either (kill and friends, and SIGIO/SIGURG to a file's
 * owner).  The host decides on the object, whatever the path spelling,
 * the race or the kernel worker (io_uring) that reaches it.  The domain
 * restricts no file access: where the ABI needs a handled right to make a
 * domain at all, every right is granted beneath "/".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <os_task.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif
#define LANDLOCK_CREATE_RULESET_VERSION 1U
#define LANDLOCK_RULE_PATH_BENEATH 1
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)

/* uapi/linux/landlock.h of Linux 6.12 (Debian 12's headers are older) */
struct vk_landlock_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct vk_landlock_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* The ABI of the host's Landlock, 0 when it has none (or it is off). */
int os_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

/* every file system right ABI abi knows: 13 in v1, REFER v2, ... */
static uint64_t fs_rights(int abi)
{
	uint64_t r = (1ULL << 13) - 1;

	if (abi >= 2)
		r |= 1ULL << 13; /* REFER */
	if (abi >= 3)
		r |= 1ULL << 14; /* TRUNCATE */
	if (abi >= 5)
		r |= 1ULL << 15; /* IOCTL_DEV */
	return r;
}

static int grant_everything(int ruleset, uint64_t rights)
{
	struct vk_landlock_path_beneath_attr pb = { rights, -1 };
	int err = 0;

	pb.parent_fd = open("/", O_PATH | O_CLOEXEC);
	if (pb.parent_fd < 0)
		return -errno;
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH,
		    &pb, 0))
		err = -errno;
	close(pb.parent_fd);
	return err;
}

/*
 * In the child between fork and exec (system calls only).  ABI 1 cannot
 * grant renames across directories, so it is not used: -EOPNOTSUPP.
 */
int os_landlock_enter(int abi)
{
	struct vk_landlock_ruleset_attr attr = { 0, 0, 0 };
	size_t size = sizeof(attr);
	int ruleset, err = 0;

	if (abi < 2)
		return -EOPNOTSUPP;
	if (abi >= 6) {
		attr.scoped = LANDLOCK_SCOPE_SIGNAL;
	} else {
		attr.handled_access_fs = fs_rights(abi);
		size = sizeof(uint64_t); /* no net, no scopes before them */
	}
	ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (ruleset < 0)
		return -errno;
	if (attr.handled_access_fs)
		err = grant_everything(ruleset, attr.handled_access_fs);
	if (!err && syscall(SYS_landlock_restrict_self, ruleset, 0))
		err = -errno;
	close(ruleset);
	return err;
}
