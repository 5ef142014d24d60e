// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handle hardware traps and faults, after arch/x86/kernel/traps.c (v6.x).
 * Everything here runs in signal context on the CPU's sigaltstack.
 */
#define pr_fmt(fmt) "traps: " fmt
#include <signal.h>
#include <asm/debugreg.h>
#include <asm/idtentry.h>
#include <asm/processor-flags.h>
#include <asm/trapnr.h>
#include <linux/bug.h>
#include <linux/extable.h>
#include <linux/fpu.h>
#include <linux/int3.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/signal.h>

static __nmisafe int do_trap_no_signal(struct task_struct *tsk, int trapnr,
				       const char *str, struct pt_regs *regs,
				       long error_code)
{
	if (!user_mode(regs)) {
		if (fixup_exception(regs, trapnr, error_code, 0))
			return 0;

		tsk->thread.error_code = error_code;
		tsk->thread.trap_nr = trapnr;
		die(str, regs, error_code);
	}

	/*
	 * We want error_code and trap_nr set for userspace faults and
	 * kernelspace faults which result in die(), but not
	 * kernelspace faults which are fixed up.  die() gives the
	 * process no chance to handle the signal and notice the
	 * kernel fault information, so that won't result in polluting
	 * the information about previously queued, but not yet
	 * delivered, faults.  See also exc_general_protection below.
	 */
	tsk->thread.error_code = error_code;
	tsk->thread.trap_nr = trapnr;

	return -1;
}

/* The " in prog[...]" vma part comes with userland tasks. */
static __nmisafe void show_signal(struct task_struct *tsk, int signr,
				  const char *type, const char *desc,
				  struct pt_regs *regs, long error_code)
{
	if (show_unhandled_signals && unhandled_signal(tsk, signr))
		printk(KERN_INFO "%s[%d] %s%s ip:%lx sp:%lx error:%lx%s\n",
		       tsk->comm, task_pid_nr(tsk), type, desc, regs->ip,
		       regs->sp, error_code, print_vma_addr(tsk));
}

static __nmisafe void do_trap(int trapnr, int signr, const char *str,
			      struct pt_regs *regs, long error_code, int sicode,
			      void *addr)
{
	struct task_struct *tsk = current;

	if (!do_trap_no_signal(tsk, trapnr, str, regs, error_code))
		return;

	show_signal(tsk, signr, "trap ", str, regs, error_code);

	if (!sicode)
		force_sig(signr);
	else
		force_sig_fault(signr, sicode, addr);
}

static __nmisafe void do_error_trap(struct pt_regs *regs, long error_code,
				    const char *str, unsigned long trapnr,
				    int signr, int sicode, void *addr)
{
	if (notify_die(DIE_TRAP, str, regs, error_code, trapnr, signr) !=
	    NOTIFY_STOP)
		do_trap(trapnr, signr, str, regs, error_code, sicode, addr);
}

static __always_inline void *error_get_trap_addr(struct pt_regs *regs)
{
	return (void *)regs->ip;
}

DEFINE_IDTENTRY(exc_divide_error)
{
	do_error_trap(regs, 0, "divide error", X86_TRAP_DE, SIGFPE, FPE_INTDIV,
		      error_get_trap_addr(regs));
}

DEFINE_IDTENTRY(exc_overflow)
{
	do_error_trap(regs, 0, "overflow", X86_TRAP_OF, SIGSEGV, 0, NULL);
}

static __nmisafe int handle_bug(struct pt_regs *regs)
{
	int handled = 0;

	if (!is_valid_bugaddr(regs->ip))
		return handled;
	if (report_bug(regs->ip, regs) == BUG_TRAP_TYPE_WARN) {
		regs->ip += LEN_UD2;
		handled = 1;
	}
	return handled;
}

static __nmisafe void handle_invalid_op(struct pt_regs *regs)
{
	do_error_trap(regs, 0, "invalid opcode", X86_TRAP_UD, SIGILL,
		      ILL_ILLOPN, error_get_trap_addr(regs));
}

DEFINE_IDTENTRY_RAW(exc_invalid_op)
{
	irqentry_state_t state;

	/*
	 * We use UD2 as a short encoding for 'CALL __WARN', as such
	 * handle it before exception entry to avoid recursive WARN
	 * in case exception entry is the one triggering WARNs.
	 */
	if (!user_mode(regs) && handle_bug(regs))
		return;

	state = irqentry_enter(regs);
	handle_invalid_op(regs);
	irqentry_exit(regs, state);
}

DEFINE_IDTENTRY(exc_coproc_segment_overrun)
{
	do_error_trap(regs, 0, "coprocessor segment overrun", X86_TRAP_OLD_MF,
		      SIGFPE, 0, NULL);
}

DEFINE_IDTENTRY_ERRORCODE(exc_invalid_tss)
{
	do_error_trap(regs, error_code, "invalid TSS", X86_TRAP_TS, SIGSEGV, 0,
		      NULL);
}

DEFINE_IDTENTRY_ERRORCODE(exc_segment_not_present)
{
	do_error_trap(regs, error_code, "segment not present", X86_TRAP_NP,
		      SIGBUS, 0, NULL);
}

DEFINE_IDTENTRY_ERRORCODE(exc_stack_segment)
{
	do_error_trap(regs, error_code, "stack segment", X86_TRAP_SS, SIGBUS, 0,
		      NULL);
}

DEFINE_IDTENTRY_ERRORCODE(exc_alignment_check)
{
	const char *str = "alignment check";

	if (notify_die(DIE_TRAP, str, regs, error_code, X86_TRAP_AC, SIGBUS) ==
	    NOTIFY_STOP)
		return;

	if (!user_mode(regs))
		die("Split lock detected\n", regs, error_code);

	do_trap(X86_TRAP_AC, SIGBUS, "alignment check", regs, error_code,
		BUS_ADRALN, NULL);
}

DEFINE_IDTENTRY_DF(exc_double_fault)
{
	static const char str[] = "double fault";
	struct task_struct *tsk = current;

	nmi_enter();
	notify_die(DIE_TRAP, str, regs, error_code, X86_TRAP_DF, SIGSEGV);

	tsk->thread.error_code = error_code;
	tsk->thread.trap_nr = X86_TRAP_DF;

	pr_emerg("PANIC: double fault, error_code: 0x%lx\n", error_code);
	die("double fault", regs, error_code);
	panic("Machine halted.");
}

DEFINE_IDTENTRY(exc_bounds)
{
	if (notify_die(DIE_TRAP, "bounds", regs, 0, X86_TRAP_BR, SIGSEGV) ==
	    NOTIFY_STOP)
		return;

	if (!user_mode(regs))
		die("bounds", regs, 0);

	do_trap(X86_TRAP_BR, SIGSEGV, "bounds", regs, 0, 0, NULL);
}

#define GPFSTR "general protection fault"

DEFINE_IDTENTRY_ERRORCODE(exc_general_protection)
{
	const char *desc = GPFSTR;
	struct task_struct *tsk = current;

	if (user_mode(regs)) {
		tsk->thread.error_code = error_code;
		tsk->thread.trap_nr = X86_TRAP_GP;

		show_signal(tsk, SIGSEGV, "", desc, regs, error_code);
		force_sig(SIGSEGV);
		return;
	}

	if (fixup_exception(regs, X86_TRAP_GP, error_code, 0))
		return;

	tsk->thread.error_code = error_code;
	tsk->thread.trap_nr = X86_TRAP_GP;

	if (notify_die(DIE_GPF, desc, regs, error_code, X86_TRAP_GP, SIGSEGV) ==
	    NOTIFY_STOP)
		return;

	if (error_code)
		desc = "segment-related " GPFSTR;

	die(desc, regs, error_code);
}

static __nmisafe int do_int3(struct pt_regs *regs)
{
	int res;

	/* like poke_int3_handler and kprobes: kernel text only */
	if (!user_mode(regs) && int3_hook_handler(regs))
		return 1;

	res = notify_die(DIE_INT3, "int3", regs, 0, X86_TRAP_BP, SIGTRAP);

	return res == NOTIFY_STOP;
}

static __nmisafe void do_int3_user(struct pt_regs *regs)
{
	if (do_int3(regs))
		return;

	do_trap(X86_TRAP_BP, SIGTRAP, "int3", regs, 0, 0, NULL);
}

DEFINE_IDTENTRY_RAW(exc_int3)
{
	/*
	 * If the entry came from kernel mode, then use nmi_enter() because
	 * the INT3 could have been hit in any context including NMI.
	 */
	if (user_mode(regs)) {
		irqentry_state_t state = irqentry_enter(regs);

		do_int3_user(regs);
		irqentry_exit(regs, state);
	} else {
		irqentry_state_t irq_state = irqentry_nmi_enter(regs);

		if (!do_int3(regs))
			die("int3", regs, 0);
		irqentry_nmi_exit(regs, irq_state);
	}
}

static __always_inline unsigned long debug_read_clear_dr6(void)
{
	unsigned long dr6;

	/*
	 * Keep it simple: clear DR6 immediately.
	 */
	get_debugreg(dr6, 6);
	set_debugreg(DR6_RESERVED, 6);
	dr6 ^= DR6_RESERVED; /* Flip to positive polarity */

	return dr6;
}

static __nmisafe int notify_debug(struct pt_regs *regs, unsigned long *dr6)
{
	/*
	 * Notifiers will clear bits in @dr6 to indicate the event has been
	 * consumed - hw_breakpoint_handler(), single_stop_cont().
	 *
	 * Notifiers will set bits in @virtual_dr6 to indicate the desire
	 * for signals - ptrace_triggered(), kgdb_hw_overflow_handler().
	 */
	if (notify_die(DIE_DEBUG, "debug", regs, (long)dr6, 0, SIGTRAP) ==
	    NOTIFY_STOP)
		return 1;

	return 0;
}

static __nmisafe void exc_debug_kernel(struct pt_regs *regs, unsigned long dr6)
{
	/*
	 * Disable breakpoints during exception handling; recursive exceptions
	 * are exceedingly 'fun'.
	 */
	unsigned long dr7 = local_db_save();
	irqentry_state_t irq_state = irqentry_nmi_enter(regs);

	/*
	 * If something gets miswired and we end up here for a user mode
	 * #DB, we will malfunction.
	 */
	WARN_ON_ONCE(user_mode(regs));

	/*
	 * The kernel doesn't use INT1
	 */
	if (!dr6)
		goto out;

	if (notify_debug(regs, &dr6))
		goto out;

	/*
	 * The kernel doesn't use TF single-step outside of:
	 *
	 *  - Kprobes, consumed through kprobe_debug_handler()
	 *  - KGDB, consumed through notify_debug()
	 *
	 * So if we get here with DR_STEP set, something is wonky.
	 */
	if (WARN_ON_ONCE(dr6 & DR_STEP))
		regs->flags &= ~X86_EFLAGS_TF;
out:
	irqentry_nmi_exit(regs, irq_state);

	local_db_restore(dr7);
}

static __always_inline int get_si_code(unsigned long condition)
{
	if (condition & DR_STEP)
		return TRAP_TRACE;
	else if (condition & (DR_TRAP0 | DR_TRAP1 | DR_TRAP2 | DR_TRAP3))
		return TRAP_HWBKPT;
	else
		return TRAP_BRKPT;
}

static __nmisafe void send_sigtrap(struct pt_regs *regs, int error_code,
				   int si_code)
{
	struct task_struct *tsk = current;

	tsk->thread.trap_nr = X86_TRAP_DB;
	tsk->thread.error_code = error_code;

	force_sig_fault(SIGTRAP, si_code,
			user_mode(regs) ? (void *)regs->ip : NULL);
}

static __nmisafe void exc_debug_user(struct pt_regs *regs, unsigned long dr6)
{
	int icebp;

	/*
	 * Start the virtual/ptrace DR6 value with just the DR_STEP mask
	 * of the real DR6. ptrace_triggered() will set the DR_TRAPn bits.
	 */
	current->thread.virtual_dr6 = (dr6 & DR_STEP);

	/*
	 * If dr6 has no reason to give us about the origin of this trap,
	 * then it's very likely the result of an icebp/int01 trap.
	 * User wants a sigtrap for that.
	 */
	icebp = !dr6;

	if (notify_debug(regs, &dr6))
		return;

	/* Add the virtual_dr6 bits for signals. */
	dr6 |= current->thread.virtual_dr6;
	if (dr6 & (DR_STEP | DR_TRAP_BITS) || icebp)
		send_sigtrap(regs, 0, get_si_code(dr6));
}

/* One gate for both: upstream has the IST entry and the user entry. */
DEFINE_IDTENTRY_DEBUG(exc_debug)
{
	if (user_mode(regs))
		exc_debug_user(regs, debug_read_clear_dr6());
	else
		exc_debug_kernel(regs, debug_read_clear_dr6());
}

static __nmisafe void math_error(struct pt_regs *regs, int trapnr)
{
	struct task_struct *task = current;
	struct fpu *fpu = &task->thread.fpu;
	int si_code;
	const char *str = (trapnr == X86_TRAP_MF) ? "fpu exception" :
						    "simd exception";

	if (!user_mode(regs)) {
		if (fixup_exception(regs, trapnr, 0, 0))
			return;

		task->thread.error_code = 0;
		task->thread.trap_nr = trapnr;

		if (notify_die(DIE_TRAP, str, regs, 0, trapnr, SIGFPE) !=
		    NOTIFY_STOP)
			die(str, regs, 0);
		return;
	}

	/*
	 * Synchronize the FPU register state to the memory register state
	 * if necessary. This allows the exception handler to inspect it.
	 */
	fpu_sync_fpstate(fpu);

	task->thread.trap_nr = trapnr;
	task->thread.error_code = 0;

	si_code = fpu__exception_code(fpu, trapnr);
	/* Retry when we get spurious exceptions: */
	if (!si_code)
		return;

	force_sig_fault(SIGFPE, si_code, (void *)regs->ip);
}

DEFINE_IDTENTRY(exc_coprocessor_error)
{
	math_error(regs, X86_TRAP_MF);
}

DEFINE_IDTENTRY(exc_simd_coprocessor_error)
{
	math_error(regs, X86_TRAP_XF);
}

DEFINE_IDTENTRY(exc_spurious_interrupt_bug)
{
	/*
	 * This addresses a Pentium Pro Erratum: a spurious interrupt 15
	 * can be delivered; ignoring it is the documented fix.
	 */
	(void)regs;
}

DEFINE_IDTENTRY(exc_device_not_available)
{
	/* vkernel's CPUs always have an FPU with CR0.EM clear. */
	die("unexpected #NM exception", regs, 0);
}

DEFINE_IDTENTRY_MCE(exc_machine_check)
{
	nmi_enter();
	pr_emerg(
		"mce: [Hardware Error]: CPU %d: Machine Check Exception: 5 Bank 0: b200000000000000\n",
		smp_processor_id());
	pr_emerg("mce: [Hardware Error]: RIP %02lx:<%016lx> {%pS}\n", regs->cs,
		 regs->ip, (void *)regs->ip);
	panic("Machine check: Processor context corrupt");
}

NOKPROBE_SYMBOL(do_int3);
NOKPROBE_SYMBOL(exc_int3);
NOKPROBE_SYMBOL(notify_debug);
NOKPROBE_SYMBOL(exc_debug_kernel);
NOKPROBE_SYMBOL(exc_debug);
NOKPROBE_SYMBOL(asm_exc_int3);
NOKPROBE_SYMBOL(asm_exc_debug);
