/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User mode of the simulated CPU: userland tasks are host processes under
 * ptrace, and a signal-delivery stop is the CPU noticing an exception in
 * user mode (arch-sim/user.c).
 */
#ifndef _ASM_USER_H
#define _ASM_USER_H

#include <asm/ptrace.h>
#include <asm/traps.h>
#include <linux/signal.h>
#include <asm/syscall_kinds.h>

enum user_event_kind {
	USER_EXITED, /* code: the exit status */
	USER_KILLED, /* sig: the signal that killed it */
	USER_SIGNAL, /* a signal reached the task: sig */
	USER_NEWTASK, /* new_pid was forked or cloned from pid; code: how */
	USER_SYSCALL, /* a contained system call: arch_user_syscall() */
	USER_NMI, /* code NMIs reached the CPU while pid ran: arch_user_nmi() */
	USER_SYSCALL_STOP, /* entry or exit, resumed with USER_RESUME_SYSCALL */
	USER_EXEC,
	USER_EXIT_STOP, /* about to exit: a tracer may look at it once more */
	USER_OTHER, /* group stop and the like: resume */
};

struct user_event {
	int pid;
	enum user_event_kind kind;
	int sig;
	int code;
	int new_pid;
	int group_stop;
	/*
	 * NMIs that reached the CPU while pid ran, to be taken at this stop
	 * first: it answered the PTRACE_INTERRUPT they asked for (on the
	 * host any ptrace stop clears a pending INTERRUPT trap).
	 */
	int nmis;
};

/*
 * The DR slot's perf event that fired, as the host reported it (a task's
 * own perf_event_open breakpoint with sigtrap): bp_per_reg's event.
 */
struct user_perf_bp {
	int hit;
	int sigtrap;
	unsigned long addr; /* attr.bp_addr */
	unsigned long data; /* attr.sig_data */
	unsigned int type; /* attr.type */
};

struct user_fault {
	struct sim_trap trap;
	struct user_perf_bp perf_bp;
	struct pt_regs regs;
	char comm[16];
	/* for the show_unhandled_signals line: the mapping of ip */
	char vma_name[64];
	unsigned long vma_start, vma_size, vma_offset;
	unsigned long long sigcgt; /* the signals the task catches, bit sig-1 */
};

enum user_syscall_kind {
	USC_OTHER,
#define X(kind, name) USC_##kind,
	USER_SYSCALL_KINDS(X)
#undef X
		USC_NR_KINDS
};

/* The ABI of a system call, as the filter saw it (not the code segment). */
enum user_abi { USER_ABI_X86_64, USER_ABI_I386, USER_ABI_X32 };

/* A system call the containment filter stopped, before it runs. */
struct user_syscall {
	enum user_syscall_kind kind;
	enum user_abi abi;
	int compat; /* the i386 ABI */
	int allowed; /* on the filter's allowlist: another filter stopped it */
	long nr;
	/* as the registers hold them; a pid is (int) of its argument */
	unsigned long args[6];
};

/* What a descriptor a task just opened is open on. */
struct user_fd_file {
	int on_procfs;
	int on_cgroupfs; /* its files move, freeze and kill processes */
	int writable;
	char path[256];
};

/* A task's registers, kept while vkernel makes a call in its name. */
struct user_saved_regs {
	unsigned long w[27];
};

int arch_user_spawn(char *const argv[], int *pid);
int arch_user_wait(struct user_event *ev);
/* Resume a stopped task; sig 0 delivers nothing. */
int arch_user_resume(int pid, int sig);
int arch_user_kill(int pid);
/* How a task resumes: as its emulated tracer asked (kernel/ptrace.c). */
enum user_resume { USER_RESUME_CONT, USER_RESUME_SYSCALL, USER_RESUME_STEP };
int arch_user_resume_how(int pid, int sig, enum user_resume how);
/*
 * A ptrace request on a stopped task for its emulated tracer: data is a
 * value or a buffer of vkernel's; *result is what PEEK* read.  -errno.
 */
int arch_user_ptrace(int pid, long request, unsigned long addr, void *data,
		     long *result);
/* Leave a task in its group stop, as job control wants, until SIGCONT. */
int arch_user_listen(int pid);
/* PTRACE_INTERRUPT for an emulated tracer: a USER_NMI stop with no NMI. */
int arch_user_interrupt(int pid);
/* A task's memory: process_vm_readv/writev. */
long arch_user_read(int pid, unsigned long addr, void *buf, size_t len);
long arch_user_write(int pid, unsigned long addr, const void *buf, size_t len);
/* Set the siginfo of a signal-delivery stop, the task stays stopped. */
int arch_user_setsiginfo(int pid, const struct kernel_siginfo *v);
/* Take count NMIs with the stopped task's user-mode registers (at). */
int arch_user_nmi(int pid, int count, struct pt_regs *at);
/*
 * Decode the exception behind a signal-delivery stop; -1 when the signal
 * is not an exception (kill(2), SIGCHLD, ...) and passes through as is.
 */
int arch_user_decode(int pid, int sig, struct user_fault *f);
/* Deliver the kernel's verdict in place of the host's signal. */
int arch_user_deliver(int pid, const struct kernel_siginfo *verdict);
/*
 * From now on a signal to vkernel whose sender task_sent() says is a task
 * is ignored (signal context: task_sent must be __nmisafe).
 */
void arch_user_guard_signals(int (*task_sent)(int sig, int pid));
/* How tasks are contained; the Landlock ABI in use, 0 none, or -errno. */
int arch_user_containment(int want_landlock);
int arch_user_syscall(int pid, struct user_syscall *sc);
void arch_user_syscall_name(const struct user_syscall *sc, char *buf,
			    size_t len);
/* At a syscall-exit stop: what the call returned.  -1 at another stop. */
int arch_user_syscall_exit(int pid, long *ret);
/* Change argument i of the stopped call (before it runs). */
int arch_user_set_syscall_arg(int pid, const struct user_syscall *sc, int i,
			      unsigned long v);
int arch_user_fd_file(int pid, int fd, struct user_fd_file *f);
long arch_user_fd_fcntl(int pid, int fd, int cmd, void *arg);
long arch_user_fd_ioctl(int pid, int fd, unsigned long cmd, void *arg);
int arch_user_sid(int pid);
int arch_user_self_pgid(void);
int arch_user_self_sid(void);
/*
 * At a syscall-exit stop: save the registers and make the task close fd
 * (the same instruction again, as close); arch_user_restore_regs() at the
 * close's exit puts them back, ret in place of what the call returned.
 */
int arch_user_inject_close(int pid, int compat, int fd,
			   struct user_saved_regs *save, long ret);
int arch_user_restore_regs(int pid, const struct user_saved_regs *save);
/* Skip the stopped system call; the task, resumed, sees ret returned. */
int arch_user_syscall_return(int pid, long ret);
int arch_user_read_string(int pid, unsigned long addr, char *buf, size_t len);
int arch_user_pidfd_pid(int pid, int fd);
int arch_user_comm(int pid, char *buf, size_t len);
int arch_user_ids(int pid, int *tgid, int *pgid);
int arch_user_ppid(int pid);
/* A signal from the supervisor (an emulated kill(0) and the like). */
int arch_user_signal(int pid, int sig);
/* Pin the calling CPU thread (and the tasks it forks) to one host CPU. */
int arch_user_pin(int cpu);

#endif
