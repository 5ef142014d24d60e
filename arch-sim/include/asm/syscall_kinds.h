/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system calls whose effect on other processes the supervisor
 * decides (kernel/task_containment.c), by name: the host layer finds
 * their numbers in every ABI (i386, x86-64, x32) with libseccomp, so that
 * a number is never read in the wrong ABI.  X(KIND, "name").
 */
#ifndef _ASM_SYSCALL_KINDS_H
#define _ASM_SYSCALL_KINDS_H

#define USER_SYSCALL_KINDS(X)                                          \
	/* signals and pidfds */                                       \
	X(KILL, "kill")                                                \
	X(TKILL, "tkill")                                              \
	X(TGKILL, "tgkill")                                            \
	X(RT_SIGQUEUEINFO, "rt_sigqueueinfo")                          \
	X(RT_TGSIGQUEUEINFO, "rt_tgsigqueueinfo")                      \
	X(PIDFD_OPEN, "pidfd_open")                                    \
	X(PIDFD_SEND_SIGNAL, "pidfd_send_signal")                      \
	X(PIDFD_GETFD, "pidfd_getfd")                                  \
	X(PROCESS_MADVISE, "process_madvise")                          \
	X(PROCESS_MRELEASE, "process_mrelease")                        \
	/* tracing and memory */                                       \
	X(PTRACE, "ptrace")                                            \
	X(PROCESS_VM_READV, "process_vm_readv")                        \
	X(PROCESS_VM_WRITEV, "process_vm_writev")                      \
	X(KCMP, "kcmp")                                                \
	X(GET_ROBUST_LIST, "get_robust_list")                          \
	X(MOVE_PAGES, "move_pages")                                    \
	X(MIGRATE_PAGES, "migrate_pages")                              \
	X(PERF_EVENT_OPEN, "perf_event_open")                          \
	/* files: decided on the file that was opened */               \
	X(OPEN, "open")                                                \
	X(OPENAT, "openat")                                            \
	X(OPENAT2, "openat2")                                          \
	X(CREAT, "creat")                                              \
	X(OPEN_BY_HANDLE_AT, "open_by_handle_at")                      \
	X(OPEN_TREE, "open_tree")                                      \
	/* an emulated tracer's waits */                               \
	X(WAIT4, "wait4")                                              \
	X(WAITID, "waitid")                                            \
	X(WAITPID, "waitpid")                                          \
	/* signals the host sends later: owners of files, terminals */ \
	X(FCNTL, "fcntl")                                              \
	X(FCNTL64, "fcntl64")                                          \
	X(IOCTL, "ioctl")                                              \
	/* a PI futex boosts the owner its word names */               \
	X(FUTEX, "futex")                                              \
	X(FUTEX_TIME64, "futex_time64")                                \
	/* new tasks, filters, kernel workers */                       \
	X(CLONE, "clone")                                              \
	X(SECCOMP, "seccomp")                                          \
	X(USERFAULTFD, "userfaultfd")                                  \
	X(IO_URING_SETUP, "io_uring_setup")                            \
	X(IO_URING_ENTER, "io_uring_enter")                            \
	X(IO_URING_REGISTER, "io_uring_register")                      \
	/* scheduling, limits, groups of another process */            \
	X(PRLIMIT64, "prlimit64")                                      \
	X(SETPRIORITY, "setpriority")                                  \
	X(IOPRIO_SET, "ioprio_set")                                    \
	X(SCHED_SETAFFINITY, "sched_setaffinity")                      \
	X(SCHED_SETPARAM, "sched_setparam")                            \
	X(SCHED_SETSCHEDULER, "sched_setscheduler")                    \
	X(SCHED_SETATTR, "sched_setattr")                              \
	X(PRCTL, "prctl")                                              \
	X(SETPGID, "setpgid")                                          \
	/* the mount table every process shares */                     \
	X(MOUNT, "mount")                                              \
	X(UMOUNT, "umount")                                            \
	X(UMOUNT2, "umount2")                                          \
	X(PIVOT_ROOT, "pivot_root")                                    \
	X(MOVE_MOUNT, "move_mount")                                    \
	X(FSOPEN, "fsopen")                                            \
	X(FSCONFIG, "fsconfig")                                        \
	X(FSMOUNT, "fsmount")                                          \
	X(FSPICK, "fspick")                                            \
	X(MOUNT_SETATTR, "mount_setattr")

#endif
