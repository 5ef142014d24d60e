// SPDX-License-Identifier: GPL-2.0-only
/*
 * User mode of the simulated CPU.  A task's exception reaches the host
 * first: the host stops the task (ptrace) with the signal it would send.
 * The CPU turns that stop back into the exception: a vector from the
 * siginfo, the registers, the FPU state, DR6 and, where the siginfo does
 * not say, the instruction bytes at RIP; then the same IDT gates as kernel
 * mode run with user-mode pt_regs, and the kernel's verdict replaces the
 * host's signal.  Not signal context: this runs in the CPU thread's loop.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/flight.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/trapnr.h>
#include <asm/user.h>
#include <os.h>
#include <os_task.h>

int arch_user_spawn(char *const argv[], int *pid)
{
	return os_task_spawn(argv, pid);
}

int arch_user_pin(int cpu)
{
	return os_pin_to_host_cpu(cpu);
}

int arch_user_resume(int pid, int sig)
{
	return arch_user_resume_how(pid, sig, USER_RESUME_CONT);
}

int arch_user_kill(int pid)
{
	return os_task_kill(pid);
}

/*
 * Hand the task's deferred NMIs to the kernel.  They are counted as being
 * taken before they leave user_nmis: an NMI that checks the pin in
 * between must not find them nowhere (it may count them twice, which
 * breaks no check).  Only this CPU's thread changes user_nmis.
 */
static int user_nmis_hand_over(struct sim_cpu *c)
{
	int k = READ_ONCE(c->user_nmis);

	__atomic_add_fetch(&c->user_nmis_taking, k, __ATOMIC_ACQ_REL);
	__atomic_sub_fetch(&c->user_nmis, k, __ATOMIC_ACQ_REL);
	return k;
}

/* NMIs for a task that exited before it stopped for them. */
static void user_nmis_orphaned(const struct os_task_event *oe)
{
	struct sim_cpu *c = this_sim_cpu();
	int k;

	if ((oe->kind != OS_TEV_EXITED && oe->kind != OS_TEV_KILLED) ||
	    oe->pid != c->user_nmi_pid)
		return;
	k = user_nmis_hand_over(c);
	if (k)
		nmi_take_deferred(NULL, k);
}

int arch_user_wait(struct user_event *ev)
{
	struct sim_cpu *c = this_sim_cpu();
	struct os_task_event oe;
	int err;

	WRITE_ONCE(c->in_user, 1); /* until a task stops: user mode */
	barrier();
	err = os_task_wait(&oe);
	barrier();
	WRITE_ONCE(c->in_user, 0);
	if (err)
		return err;
	flight_record(FL_USER, oe.status, oe.pid);
	user_nmis_orphaned(&oe);
	memset(ev, 0, sizeof(*ev));
	ev->pid = oe.pid;
	ev->sig = oe.sig;
	switch (oe.kind) {
	case OS_TEV_EXITED:
		ev->kind = USER_EXITED;
		ev->code = oe.sig;
		break;
	case OS_TEV_KILLED:
		ev->kind = USER_KILLED;
		break;
	case OS_TEV_SIGNAL:
		ev->kind = USER_SIGNAL;
		break;
	case OS_TEV_NEWTASK:
		ev->kind = USER_NEWTASK;
		ev->new_pid = (int)oe.msg;
		ev->code = oe.status >>
			   16; /* PTRACE_EVENT_FORK, VFORK, CLONE */
		break;
	case OS_TEV_SECCOMP:
		ev->kind = USER_SYSCALL;
		break;
	case OS_TEV_GROUP_STOP:
		ev->kind = USER_OTHER;
		ev->group_stop = 1;
		break;
	case OS_TEV_SYSCALL_STOP:
		ev->kind = USER_SYSCALL_STOP;
		break;
	case OS_TEV_EXEC:
		ev->kind = USER_EXEC;
		break;
	case OS_TEV_EXIT_STOP:
		ev->kind = USER_EXIT_STOP;
		break;
	case OS_TEV_INTERRUPT:
		ev->kind = USER_NMI;
		ev->code = user_nmis_hand_over(c);
		break;
	default:
		ev->kind = USER_OTHER;
		break;
	}
	if (ev->kind != USER_NMI && ev->kind != USER_EXITED &&
	    ev->kind != USER_KILLED && oe.pid == c->user_nmi_pid)
		ev->nmis = user_nmis_hand_over(c);
	return 0;
}

/* Skip legacy and REX prefixes; the opcode bytes follow. */
static const unsigned char *skip_prefixes(const unsigned char *p,
					  const unsigned char *end)
{
	while (p < end) {
		unsigned char b = *p;

		if (b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 ||
		    b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e ||
		    b == 0x26 || b == 0x64 || b == 0x65 || (b & 0xf0) == 0x40)
			p++;
		else
			break;
	}
	return p;
}

/* Does the instruction write memory?  Enough of the map for #PF's W bit. */
static int insn_writes_memory(const unsigned char *p, const unsigned char *end)
{
	unsigned char op, op2;

	p = skip_prefixes(p, end);
	if (p >= end)
		return 0;
	op = p[0];
	op2 = p + 1 < end ? p[1] : 0;
	if (op < 0x40 && (op & 7) <= 1 && (op & 0x38) != 0x38)
		return 1; /* ALU op r/m, reg: read-modify-write (not cmp) */
	switch (op) {
	case 0x86:
	case 0x87: /* xchg */
	case 0x88:
	case 0x89: /* mov r/m, reg */
	case 0xc6:
	case 0xc7: /* mov r/m, imm */
	case 0xaa:
	case 0xab: /* stos */
	case 0xa4:
	case 0xa5: /* movs: the store faults if the load did not */
		return 1;
	case 0x80:
	case 0x81:
	case 0x83: /* ALU r/m, imm: all but cmp */
		return p + 1 < end && (op2 & 0x38) != 0x38;
	case 0xfe:
	case 0xff: /* inc, dec */
		return p + 1 < end && (op2 & 0x38) <= 0x08;
	case 0x0f:
		return op2 == 0x11 || op2 == 0x13 || op2 == 0x17 ||
		       op2 == 0x29 || op2 == 0x2b || op2 == 0x7f ||
		       op2 == 0xd6 || op2 == 0xe7 || op2 == 0xb1;
	}
	return 0;
}

/*
 * #PF's error code, as the hardware would have pushed it: P when the page
 * was mapped (a protection fault), I for an instruction fetch, W from the
 * instruction, and always U.
 */
static unsigned long user_pf_error(int pid, unsigned long addr,
				   const struct pt_regs *regs,
				   struct os_task_vma *vma, int mapped)
{
	unsigned char insn[16];
	long n;
	unsigned long err = X86_PF_USER;

	if (mapped)
		err |= X86_PF_PROT;
	if (addr == regs->ip)
		return err | X86_PF_INSTR;
	n = os_task_read(pid, regs->ip, insn, sizeof(insn));
	if (n > 0 && insn_writes_memory(insn, insn + n))
		err |= X86_PF_WRITE;
	(void)vma;
	return err;
}

/* #GP(selector) for "int $n" through a gate user mode may not use. */
static unsigned long user_gp_error(int pid, const struct pt_regs *regs)
{
	unsigned char insn[2];

	if (os_task_read(pid, regs->ip, insn, 2) == 2 && insn[0] == 0xcd)
		return insn[1] * 8 + 2;
	return 0;
}

static int is_bound_insn(int pid, const struct pt_regs *regs)
{
	unsigned char op;

	return regs->cs == __USER32_CS &&
	       os_task_read(pid, regs->ip, &op, 1) == 1 && op == 0x62;
}

/* The FPU state the #MF/#XF handlers read, and which of the two it is. */
static int user_fpu_vector(int pid, struct sim_cpu *c)
{
	struct user_fpregs_struct f;
	struct fxregs_state *fx = &c->trap_fpstate.regs.fxsave;

	if (os_task_getfpregs(pid, &f))
		return X86_TRAP_MF;
	fx->cwd = f.cwd;
	fx->swd = f.swd;
	fx->twd = f.ftw;
	fx->fop = f.fop;
	fx->rip = f.rip;
	fx->rdp = f.rdp;
	fx->mxcsr = f.mxcsr;
	fx->mxcsr_mask = f.mxcr_mask;
	/* an unmasked x87 exception pending in the status word is #MF */
	return (f.swd & ~f.cwd & 0x3f) ? X86_TRAP_MF : X86_TRAP_XF;
}

#ifndef TRAP_PERF
#define TRAP_PERF 6
#endif
#define PERF_TYPE_BREAKPOINT 5

/* siginfo's _perf: after si_addr, as include/uapi/asm-generic/siginfo.h */
struct si_perf {
	unsigned long data;
	unsigned int type, flags;
};

static const struct si_perf *si_perf(const siginfo_t *si)
{
	return (const struct si_perf *)((const char *)&si->si_addr +
					sizeof(void *));
}

/*
 * A task's own perf breakpoint fired: the host's siginfo names the
 * event.  Which DR slot it had the host does not say; DR_TRAP0 stands
 * for it.  Other perf events' SIGTRAPs are not the CPU's.
 */
static int decode_user_perf(const siginfo_t *si, struct user_fault *f)
{
	const struct si_perf *p = si_perf(si);

	if (p->type != PERF_TYPE_BREAKPOINT)
		return -1;
	f->perf_bp.hit = 1;
	f->perf_bp.sigtrap = 1;
	f->perf_bp.addr = (unsigned long)si->si_addr;
	f->perf_bp.data = p->data;
	f->perf_bp.type = p->type;
	f->trap.dr6 = DR_TRAP0;
	return X86_TRAP_DB;
}

static int decode_user_sigtrap(int pid, const siginfo_t *si,
			       struct user_fault *f)
{
	struct sim_trap *t = &f->trap;
	long dr6;

	if (si->si_code == SI_KERNEL)
		return X86_TRAP_BP;
	if (si->si_code == TRAP_PERF)
		return decode_user_perf(si, f);
	if (si->si_code != TRAP_TRACE && si->si_code != TRAP_HWBKPT &&
	    si->si_code != TRAP_BRKPT)
		return -1;
	dr6 = os_task_dr6(pid);
	t->dr6 = dr6 < 0 ? 0 :
			   ((unsigned long)dr6 ^ DR6_RESERVED) &
				   (DR_TRAP_BITS | DR_STEP);
	return X86_TRAP_DB;
}

static int decode_user_sigsegv(int pid, const siginfo_t *si,
			       struct user_fault *f)
{
	struct os_task_vma vma;
	unsigned long addr = (unsigned long)si->si_addr;

	if (si->si_code == SI_KERNEL) {
		if (is_bound_insn(pid, &f->regs))
			return X86_TRAP_BR;
		f->trap.error_code = user_gp_error(pid, &f->regs);
		return X86_TRAP_GP;
	}
	if (si->si_code != SEGV_MAPERR && si->si_code != SEGV_ACCERR)
		return -1; /* pkeys, shadow stacks: not modelled */
	f->trap.cr2 = addr;
	f->trap.error_code = user_pf_error(pid, addr, &f->regs, &vma,
					   !os_task_vma(pid, addr, &vma));
	return X86_TRAP_PF;
}

static int decode_user_vector(int pid, int sig, const siginfo_t *si,
			      struct user_fault *f)
{
	switch (sig) {
	case SIGTRAP:
		return decode_user_sigtrap(pid, si, f);
	case SIGFPE:
		if (si->si_code == FPE_INTDIV || si->si_code == FPE_INTOVF)
			return X86_TRAP_DE;
		return user_fpu_vector(pid, this_sim_cpu());
	case SIGILL:
		return X86_TRAP_UD;
	case SIGSEGV:
		return decode_user_sigsegv(pid, si, f);
	case SIGBUS:
		/* file-backed SIGBUS is the mm's, not the CPU's */
		return si->si_code == BUS_ADRALN ? X86_TRAP_AC : -1;
	}
	return -1;
}

static void user_fault_context(int pid, struct user_fault *f)
{
	struct os_task_vma vma;

	if (os_task_comm(pid, f->comm, sizeof(f->comm)))
		strcpy(f->comm, "?");
	f->vma_name[0] = 0;
	if (!os_task_vma(pid, f->regs.ip, &vma)) {
		memcpy(f->vma_name, vma.name, sizeof(f->vma_name));
		f->vma_start = vma.start;
		f->vma_size = vma.end - vma.start;
		f->vma_offset = vma.offset;
	}
}

int arch_user_decode(int pid, int sig, struct user_fault *f)
{
	struct user_regs_struct ur;
	siginfo_t si;
	int vector;

	if (os_task_getsiginfo(pid, &si) || si.si_code <= 0 ||
	    os_task_getregs(pid, &ur))
		return -1;
	memset(f, 0, sizeof(*f));
	/* pt_regs and user_regs_struct share their first 21 words */
	memcpy(&f->regs, &ur, sizeof(f->regs));
	vector = decode_user_vector(pid, sig, &si, f);
	if (vector < 0)
		return -1;
	f->trap.vector = vector;
	f->trap.has_error_code = vector == X86_TRAP_GP ||
				 vector == X86_TRAP_PF || vector == X86_TRAP_AC;
	if (vector == X86_TRAP_PF)
		WRITE_ONCE(this_sim_cpu()->cr2, f->trap.cr2);
	if (vector == X86_TRAP_DB)
		WRITE_ONCE(this_sim_cpu()->dr6, DR6_RESERVED | f->trap.dr6);
	f->sigcgt = os_task_sigcgt(pid);
	user_fault_context(pid, f);
	return 0;
}

int arch_user_setsiginfo(int pid, const struct kernel_siginfo *v)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = v->signo;
	si.si_code = v->code;
	si.si_addr = v->addr;
	if (v->code == TRAP_PERF) {
		struct si_perf *p = (struct si_perf *)si_perf(&si);

		p->data = v->perf_data;
		p->type = v->perf_type;
	}
	return os_task_setsiginfo(pid, &si);
}

int arch_user_deliver(int pid, const struct kernel_siginfo *v)
{
	int err = arch_user_setsiginfo(pid, v);

	return err ? err : arch_user_resume(pid, v->signo);
}

_Static_assert((int)USER_RESUME_SYSCALL == (int)OS_RESUME_SYSCALL &&
		       (int)USER_RESUME_STEP == (int)OS_RESUME_SINGLESTEP,
	       "enum user_resume follows enum os_resume");

int arch_user_resume_how(int pid, int sig, enum user_resume how)
{
	this_sim_cpu()->user_pid = pid;
	flight_record(FL_RESUME, (unsigned long)how << 8 | (unsigned int)sig,
		      pid);
	return os_task_resume_how(pid, sig, (enum os_resume)how);
}

int arch_user_ptrace(int pid, long request, unsigned long addr, void *data,
		     long *result)
{
	return os_task_ptrace(pid, request, addr, data, result);
}

int arch_user_listen(int pid)
{
	return os_task_listen(pid);
}

int arch_user_interrupt(int pid)
{
	return os_task_interrupt(pid);
}

long arch_user_read(int pid, unsigned long addr, void *buf, size_t len)
{
	return os_task_read(pid, addr, buf, len);
}

long arch_user_write(int pid, unsigned long addr, const void *buf, size_t len)
{
	return os_task_write(pid, addr, buf, len);
}

/*
 * The NMIs that stopped the task: taken with its user-mode registers, as
 * if they had arrived at the instruction it stopped at.  The handlers may
 * change pt_regs (they do not, but the return to user mode says so).
 */
int arch_user_nmi(int pid, int count, struct pt_regs *at)
{
	struct user_regs_struct ur, after;
	struct pt_regs regs;
	int err = os_task_getregs(pid, &ur);

	if (err) { /* gone: the CPU takes them in the kernel */
		nmi_take_deferred(NULL, count);
		return err;
	}
	/* pt_regs and user_regs_struct share their first 21 words */
	memcpy(&regs, &ur, sizeof(regs));
	*at = regs;
	nmi_take_deferred(&regs, count);
	memcpy(&after, &ur, sizeof(after));
	memcpy(&after, &regs, sizeof(regs));
	if (memcmp(&after, &ur, sizeof(ur)))
		err = os_task_setregs(pid, &after);
	return err;
}

_Static_assert((int)USER_ABI_I386 == (int)OS_ABI_I386 &&
		       (int)USER_ABI_X32 == (int)OS_ABI_X32,
	       "enum user_abi follows enum os_abi");

void arch_user_guard_signals(int (*task_sent)(int sig, int pid))
{
	os_set_task_sent_hook(task_sent);
	os_guard_signals();
}

int arch_user_containment(int want_landlock)
{
	return os_task_containment(want_landlock);
}

/* A seccomp stop: which call, in which ABI, with which arguments. */
int arch_user_syscall(int pid, struct user_syscall *sc)
{
	struct os_syscall_info si;

	if (os_task_syscall_info(pid, &si) || si.at_exit)
		return -1;
	memset(sc, 0, sizeof(*sc));
	sc->abi = (enum user_abi)si.abi;
	sc->compat = si.abi == OS_ABI_I386;
	sc->nr = si.nr;
	sc->kind = (enum user_syscall_kind)os_syscall_kind(si.abi, si.nr,
							   &sc->allowed);
	memcpy(sc->args, si.args, sizeof(sc->args));
	if (sc->compat) {
		unsigned int i;

		/* int $0x80 from 64-bit code: the kernel reads 32 bits */
		for (i = 0; i < ARRAY_SIZE(sc->args); i++)
			sc->args[i] = (unsigned int)sc->args[i];
	}
	return 0;
}

void arch_user_syscall_name(const struct user_syscall *sc, char *buf,
			    size_t len)
{
	os_syscall_name(sc->abi, sc->nr, buf, len);
}

int arch_user_syscall_exit(int pid, long *ret)
{
	struct os_syscall_info si;

	if (os_task_syscall_info(pid, &si) || !si.at_exit)
		return -1;
	*ret = si.ret;
	return 0;
}

/* The registers of the arguments, in each ABI's order. */
static unsigned long long *syscall_arg_reg(struct user_regs_struct *r,
					   int compat, int i)
{
	unsigned long long *const a64[6] = { &r->rdi, &r->rsi, &r->rdx,
					     &r->r10, &r->r8,  &r->r9 };
	unsigned long long *const a32[6] = { &r->rbx, &r->rcx, &r->rdx,
					     &r->rsi, &r->rdi, &r->rbp };

	return compat ? a32[i] : a64[i];
}

int arch_user_set_syscall_arg(int pid, const struct user_syscall *sc, int i,
			      unsigned long v)
{
	struct user_regs_struct r;
	int err = os_task_getregs(pid, &r);

	if (err)
		return err;
	*syscall_arg_reg(&r, sc->compat, i) = v;
	return os_task_setregs(pid, &r);
}

_Static_assert(sizeof(struct user_saved_regs) >=
		       sizeof(struct user_regs_struct),
	       "user_saved_regs holds user_regs_struct");

int arch_user_inject_close(int pid, int compat, int fd,
			   struct user_saved_regs *save, long ret)
{
	struct user_regs_struct r, *saved = (struct user_regs_struct *)save;
	int err = os_task_getregs(pid, &r);

	if (err)
		return err;
	*saved = r;
	saved->rax = (unsigned long long)ret;
	/* syscall, int $0x80 and sysenter's landing pad: 2 bytes back */
	r.rip -= 2;
	r.rax = compat ? 6 : 3; /* close */
	*syscall_arg_reg(&r, compat, 0) = (unsigned long long)fd;
	return os_task_setregs(pid, &r);
}

int arch_user_restore_regs(int pid, const struct user_saved_regs *save)
{
	return os_task_setregs(pid, (const struct user_regs_struct *)save);
}

int arch_user_fd_file(int pid, int fd, struct user_fd_file *f)
{
	struct os_fd_file of;
	int err = os_task_fd_file(pid, fd, &of);

	if (err)
		return err;
	f->on_procfs = of.on_procfs;
	f->on_cgroupfs = of.on_cgroupfs;
	f->writable = of.writable;
	memcpy(f->path, of.path, sizeof(f->path));
	return 0;
}

long arch_user_fd_fcntl(int pid, int fd, int cmd, void *arg)
{
	return os_task_fd_fcntl(pid, fd, cmd, arg);
}

long arch_user_fd_ioctl(int pid, int fd, unsigned long cmd, void *arg)
{
	return os_task_fd_ioctl(pid, fd, cmd, arg);
}

int arch_user_sid(int pid)
{
	return os_task_sid(pid);
}

int arch_user_self_pgid(void)
{
	return os_self_pgid();
}

int arch_user_self_sid(void)
{
	return os_self_sid();
}

/* Skip the stopped system call: it returns ret without running. */
int arch_user_syscall_return(int pid, long ret)
{
	struct user_regs_struct r;
	int err = os_task_getregs(pid, &r);

	if (err)
		return err;
	r.orig_rax = -1UL;
	r.rax = (unsigned long)ret;
	return os_task_setregs(pid, &r);
}

/* A NUL-terminated string of the task's, truncated to len. */
int arch_user_read_string(int pid, unsigned long addr, char *buf, size_t len)
{
	long n = os_task_read(pid, addr, buf, len - 1);

	if (n <= 0)
		return -EFAULT;
	buf[n] = 0;
	return 0;
}

int arch_user_comm(int pid, char *buf, size_t len)
{
	return os_task_comm(pid, buf, len);
}

int arch_user_pidfd_pid(int pid, int fd)
{
	return os_task_pidfd_pid(pid, fd);
}

int arch_user_ids(int pid, int *tgid, int *pgid)
{
	return os_task_ids(pid, tgid, pgid);
}

int arch_user_ppid(int pid)
{
	return os_task_ppid(pid);
}

int arch_user_signal(int pid, int sig)
{
	return os_task_signal(pid, sig);
}
