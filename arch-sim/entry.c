// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exception delivery of the simulated CPU.  A host signal is the CPU
 * noticing an exception: decode the vector, latch CR2/DR6/the FPU status,
 * build pt_regs, call the IDT gate, and IRET by writing pt_regs back into
 * the signal frame.  Everything here runs in signal context.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/flight.h>
#include <asm/nmi_hw.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/timex.h>
#include <asm/trace_buf.h>
#include <asm/traps.h>
#include <os.h>

static unsigned long spurious_host_signals;

/* x86 entry does CLAC first; with AC left set, libc would fault in here. */
static __always_inline void clac(void)
{
	__asm__ __volatile__("pushfq; andq %0, (%%rsp); popfq"
			     :
			     : "i"(~X86_EFLAGS_AC)
			     : "memory", "cc");
}

static __nmisafe void latch_state(struct sim_cpu *c, const struct sim_trap *t,
				  const ucontext_t *uc)
{
	const struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;

	c->traps++;
	if (t->vector < 32)
		c->vector_count[t->vector]++;
	if (t->vector == X86_TRAP_PF)
		WRITE_ONCE(c->cr2, t->cr2);
	if (t->vector == X86_TRAP_DB) {
		WRITE_ONCE(c->dr6, DR6_RESERVED | t->dr6);
		WRITE_ONCE(c->perf_data, t->perf_data);
	}
	if ((t->vector == X86_TRAP_MF || t->vector == X86_TRAP_XF) && fp) {
		struct fxregs_state *fx = &c->trap_fpstate.regs.fxsave;

		fx->cwd = fp->cwd;
		fx->swd = fp->swd;
		fx->twd = fp->ftw;
		fx->fop = fp->fop;
		fx->rip = fp->rip;
		fx->rdp = fp->rdp;
		fx->mxcsr = fp->mxcsr;
		fx->mxcsr_mask = fp->mxcr_mask;
	}
}

/* A vector whose gate is not present raises #GP(vector*8+2), as the IDT. */
static __nmisafe void dispatch(struct pt_regs *regs, int vector,
			       unsigned long error_code)
{
	const gate_desc *gate = &idt_table[vector];

	if (!gate->bits.p || !gate->handler) {
		error_code = vector * 8 + 2;
		regs->orig_ax = error_code;
		gate = &idt_table[X86_TRAP_GP];
	}
	gate->handler(regs, error_code);
}

static __nmisafe void sim_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int saved_errno = errno;
	struct trap_frame frame;
	struct sim_trap t;
	struct sim_cpu *c;
	unsigned long long ts = 0;

	clac();
	if (smp_processor_id() < 0 || decode_kernel_trap(sig, si, uc, &t)) {
		__atomic_add_fetch(&spurious_host_signals, 1, __ATOMIC_RELAXED);
		errno = saved_errno;
		return;
	}
	c = this_sim_cpu();
	if (READ_ONCE(trace_buf_on))
		ts = local_clock();
	latch_state(c, &t, uc);
	flight_record(FL_TRAP, t.vector, uc->uc_mcontext.gregs[REG_RIP]);
	regs_from_ucontext(&frame.regs, uc);
	frame.regs.cs = __KERNEL_CS;
	frame.regs.ss = __KERNEL_DS;
	frame.regs.orig_ax = t.has_error_code ? t.error_code : -1UL;
	trap_frame_push(&frame, uc);
	dispatch(&frame.regs, t.vector, t.error_code);
	trap_frame_pop(&frame);
	/* IRET: unblocks NMIs, even inside an NMI handler (the iret problem) */
	nmi_hw_iret(&frame.regs);
	regs_to_ucontext(&frame.regs, uc);
	nmi_sync_host_mask(uc, sigismember(&uc->uc_sigmask, OS_NMI_SIGNAL));
	nmi_hold_for_step(uc);
	if (ts)
		trace_buf_record(EV_EXCEPTION, ts, local_clock() - ts, t.vector,
				 NULL);
	errno = saved_errno;
}

/* The CPU's list of traps being handled, for unwinding from pt_regs. */
__nmisafe void trap_frame_push(struct trap_frame *f, ucontext_t *uc)
{
	struct sim_cpu *c = this_sim_cpu();

	f->uc = uc;
	f->prev = c->trap_frames;
	c->trap_frames = f;
	barrier();
}

__nmisafe void trap_frame_pop(struct trap_frame *f)
{
	barrier();
	this_sim_cpu()->trap_frames = f->prev;
}

/* Another CPU's only while it is held (a debugger's stop). */
__nmisafe struct trap_frame *trap_frame_of_cpu(int cpu, struct pt_regs *regs)
{
	struct trap_frame *f, *first = READ_ONCE(sim_cpus[cpu].trap_frames);

	for (f = first; f; f = f->prev) {
		if (&f->regs == regs)
			return f;
	}
	/* an NMI's pt_regs live on the IST stack: match the frame's context */
	for (f = first; f; f = f->prev) {
		if (f->regs.ip == regs->ip && f->regs.sp == regs->sp)
			return f;
	}
	return NULL;
}

__nmisafe struct trap_frame *trap_frame_of(struct pt_regs *regs)
{
	if (smp_processor_id() < 0)
		return NULL;
	return trap_frame_of_cpu(smp_processor_id(), regs);
}

int arch_trap_init(void)
{
	int err = load_idt();

	if (!err)
		err = os_install_trap_handlers(sim_trap);
	if (!err)
		err = arch_nmi_init();
	return err;
}

void arch_trap_exit(void)
{
	arch_nmi_exit();
	os_restore_trap_handlers();
}

unsigned long arch_spurious_host_signals(void)
{
	return __atomic_load_n(&spurious_host_signals, __ATOMIC_RELAXED);
}

NOKPROBE_SYMBOL(latch_state);
NOKPROBE_SYMBOL(dispatch);
NOKPROBE_SYMBOL(sim_trap);
NOKPROBE_SYMBOL(trap_frame_push);
NOKPROBE_SYMBOL(trap_frame_pop);
NOKPROBE_SYMBOL(trap_frame_of);
NOKPROBE_SYMBOL(trap_frame_of_cpu);
