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

/* The system calls the containment filter stops, in both ABIs. */
enum os_contained_sc {
	OS_SC_KILL,
	OS_SC_TKILL,
	OS_SC_TGKILL,
	OS_SC_RT_SIGQUEUEINFO,
	OS_SC_RT_TGSIGQUEUEINFO,
	OS_SC_PIDFD_OPEN,
	OS_SC_PIDFD_SEND_SIGNAL,
	OS_SC_PTRACE,
	OS_SC_PROCESS_VM_READV,
	OS_SC_PROCESS_VM_WRITEV,
	OS_SC_OPEN,
	OS_SC_OPENAT,
	OS_SC_OPENAT2,
	OS_SC_WAIT4,
	OS_SC_WAITID,
	OS_SC_WAITPID,
	OS_NR_CONTAINED
};
int os_contained_syscall(unsigned long nr, int compat);

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
