/* SPDX-License-Identifier: GPL-2.0-only */
/* The host side of userland tasks (um/ptrace.c). */
#ifndef _UM_OS_TASK_H
#define _UM_OS_TASK_H

#include <signal.h>
#include <stddef.h>
#include <sys/user.h>
#include <os.h>

enum os_task_event_kind {
	OS_TEV_EXITED, /* sig: the exit code */
	OS_TEV_KILLED, /* sig: the signal that killed it */
	OS_TEV_SIGNAL, /* a signal-delivery stop: sig */
	OS_TEV_NEWTASK, /* fork, vfork or clone: msg is the new pid */
	OS_TEV_EXEC,
	OS_TEV_EXIT_STOP, /* about to exit (PTRACE_O_TRACEEXIT) */
	OS_TEV_SECCOMP, /* a contained system call, stopped before it runs */
	OS_TEV_GROUP_STOP,
	OS_TEV_INTERRUPT, /* stopped by os_task_interrupt() */
	OS_TEV_SYSCALL_STOP, /* syscall entry or exit (os_task_resume_how) */
	OS_TEV_OTHER,
};

struct os_task_event {
	int pid;
	enum os_task_event_kind kind;
	int sig;
	int status;
	unsigned long msg;
};

#define OS_PROT_READ 1
#define OS_PROT_WRITE 2
#define OS_PROT_EXEC 4

struct os_task_vma {
	unsigned long start, end;
	unsigned long offset; /* in the file, of start */
	int prot;
	char name[64];
};

/* The ABIs a task can make system calls in, from any code segment. */
enum os_abi { OS_ABI_X86_64, OS_ABI_I386, OS_ABI_X32, OS_NR_ABI };

/* The containment filter (um/seccomp.c) */
int os_seccomp_build(void);
int os_seccomp_install(void);
int os_syscall_kind(int abi, long nr, int *is_allowed);
void os_syscall_name(int abi, long nr, char *buf, size_t len);

/* The host's own containment: a Landlock domain (um/landlock.c) */
int os_landlock_abi(void);
int os_landlock_enter(int abi);

/* A seccomp or syscall-exit stop, read with PTRACE_GET_SYSCALL_INFO. */
struct os_syscall_info {
	int abi;
	int at_exit;
	long nr;
	unsigned long args[6];
	long ret; /* at exit */
	unsigned long ip;
};
int os_task_syscall_info(int pid, struct os_syscall_info *si);

/* What a task's file descriptor is open on (um/task_fd.c). */
struct os_fd_file {
	int on_procfs;
	int on_cgroupfs; /* its files move, freeze and kill processes */
	int writable;
	char path[256]; /* as /proc/PID/fd/N reads */
};
int os_task_fd_file(int pid, int fd, struct os_fd_file *f);
/* fcntl or ioctl on the task's open file, from vkernel: -errno or result */
long os_task_fd_fcntl(int pid, int fd, int cmd, void *arg);
long os_task_fd_ioctl(int pid, int fd, unsigned long cmd, void *arg);
int os_task_sid(int pid);
int os_self_pgid(void);
int os_self_sid(void);

void os_task_containment_prepare(void);
int os_task_containment(int want_landlock);
int os_task_spawn(char *const argv[], int *pid);
int os_task_wait(struct os_task_event *ev);
int os_task_resume(int pid, int sig);
int os_task_kill(int pid);
enum os_resume { OS_RESUME_CONT, OS_RESUME_SYSCALL, OS_RESUME_SINGLESTEP };
int os_task_resume_how(int pid, int sig, enum os_resume how);
int os_task_ptrace(int pid, long request, unsigned long addr, void *data,
		   long *result);
int os_task_listen(int pid);
long os_task_write(int pid, unsigned long addr, const void *buf, size_t len);
__nmisafe int os_task_interrupt(int pid);
int os_task_signal(int pid, int sig);
int os_task_getsiginfo(int pid, siginfo_t *si);
int os_task_setsiginfo(int pid, const siginfo_t *si);
int os_task_getregs(int pid, struct user_regs_struct *r);
int os_task_setregs(int pid, const struct user_regs_struct *r);
int os_task_getfpregs(int pid, struct user_fpregs_struct *f);
int os_task_pidfd_pid(int pid, int fd);
int os_task_ids(int pid, int *tgid, int *pgid);
int os_task_ppid(int pid);
long os_task_dr6(int pid);
long os_task_read(int pid, unsigned long addr, void *buf, size_t len);
int os_task_comm(int pid, char *buf, size_t len);
int os_task_vma(int pid, unsigned long addr, struct os_task_vma *vma);
unsigned long long os_task_sigcgt(int pid);
int os_pin_to_host_cpu(int cpu);

#endif
