// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NMI entry, ported from arch/x86/entry/entry_64.S (asm_exc_nmi).
 *
 * It lives in arch-sim because it works on what only the CPU has: the IST
 * NMI stack and IRET.  The stack is the simulated one (asm/nmi_hw.h) and
 * the code keeps the upstream labels and offsets; repeat_nmi ..
 * end_repeat_nmi is real code of this binary (the asm below), so the
 * nested NMI's range check on the interrupted RIP is upstream's.  Like
 * upstream, it calls exc_nmi() and, for the naive variant's corruption,
 * panic().
 */
#include <asm/cpu.h>
#include <asm/idtentry.h>
#include <asm/nmi_check.h>
#include <asm/nmi_hw.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/timex.h>
#include <asm/trace_buf.h>
#include <linux/kernel.h>

#define EXCEPTION_STKSZ (NMI_STACK_WORDS * sizeof(unsigned long))

void vk_repeat_nmi(unsigned long *outermost_rip, enum nmi_entry_phase *phase);

/*
 * %rdi points at "outermost RIP", as RSP does upstream on entry to
 * repeat_nmi.  "NMI executing" is 10 words up; the "iret" frame 5 words
 * up.  Copied SS first, as the pushq -6*8(%rsp) loop does.  The last
 * instruction of the range tells the CPU (%rsi) that the code between
 * the iretq and here, which upstream does not have, is behind it.
 */
asm(".pushsection nmisafe_text, \"ax\"\n"
    ".globl vk_repeat_nmi, repeat_nmi, end_repeat_nmi\n"
    ".type vk_repeat_nmi, @function\n"
    "vk_repeat_nmi:\n"
    "repeat_nmi:\n\t"
    "movq $1, 10*8(%rdi)\n\t" /* Set "NMI executing". */
    "movq 4*8(%rdi), %rax\n\tmovq %rax, 9*8(%rdi)\n\t"
    "movq 3*8(%rdi), %rax\n\tmovq %rax, 8*8(%rdi)\n\t"
    "movq 2*8(%rdi), %rax\n\tmovq %rax, 7*8(%rdi)\n\t"
    "movq 1*8(%rdi), %rax\n\tmovq %rax, 6*8(%rdi)\n\t"
    "movq 0*8(%rdi), %rax\n\tmovq %rax, 5*8(%rdi)\n\t"
    "movl $0, (%rsi)\n" /* NMI_PHASE_NONE */
    "end_repeat_nmi:\n\t"
    "ret\n"
    ".size vk_repeat_nmi, . - vk_repeat_nmi\n"
    ".popsection\n");

static __nmisafe void copy_gprs(struct pt_regs *dst, const struct pt_regs *src)
{
	unsigned long orig_ax = dst->orig_ax;

	__builtin_memcpy(dst, src, __builtin_offsetof(struct pt_regs, orig_ax));
	dst->orig_ax = orig_ax;
}

static __nmisafe void copy_frame(unsigned long *w, int to, int from)
{
	int i;

	for (i = 4; i >= 0; i--) /* SS first, like the pushq loops */
		w[to + i] = w[from + i];
}

/*
 * From user mode the NMI switches to the thread stack at once, copying
 * the hardware frame there (a nested NMI may overwrite the IST one), and
 * runs like any exception: the nesting is left to exc_nmi's nmi_state.
 */
static __nmisafe void nmi_from_user(struct pt_regs *regs, unsigned long *w)
{
	struct pt_regs pr = *regs;

	(void)w;
	this_sim_cpu()->nmi.firsts++;
	this_sim_cpu()->nmi.from_user++;
	pr.orig_ax = -1UL;
	exc_nmi(&pr);
	copy_gprs(regs, &pr);
	/* pt_regs' ip..ss are a 5-word frame, as on the thread stack */
	nmi_iretq(regs, &pr.ip);
}

/*
 * The entry before 2012 (v3.3): the handler's pt_regs sits right under
 * the hardware frame, which a nested NMI overwrites.
 */
static __nmisafe void nmi_naive(struct pt_regs *regs, unsigned long *w)
{
	struct pt_regs *pr = (struct pt_regs *)&w[NMIST_ORIG_RIP - 16];
	unsigned long ip = regs->ip, sp = regs->sp;

	this_sim_cpu()->nmi.firsts++;
	pr->orig_ax = -1UL;
	copy_gprs(pr, regs);
	exc_nmi(pr);
	copy_gprs(regs, pr);
	nmi_iretq(regs, &w[NMIST_ORIG_RIP]);
	if (regs->ip != ip || regs->sp != sp)
		nmi_frame_corrupted(ip, regs->ip);
}

static __nmisafe int nmi_is_nested(const unsigned long *w)
{
	unsigned long orig_rsp = w[NMIST_ORIG_RSP];
	unsigned long rdx = (unsigned long)&w[NMIST_TOP];

	if (w[NMIST_EXECUTING] == 1)
		return 1;
	/* If the stack pointer is above the NMI stack, this is a normal NMI */
	if (orig_rsp > rdx)
		return 0;
	/* If it is below the NMI stack, it is a normal NMI */
	if (orig_rsp < rdx - EXCEPTION_STKSZ)
		return 0;
	/* Ah, it is within the NMI stack: nested if DF is set. */
	if (!(w[NMIST_ORIG_FLAGS] & X86_EFLAGS_DF))
		return 0;
	this_sim_cpu()->nmi.nested_df++;
	return 1;
}

static __nmisafe void nested_nmi(struct nmi_line *n, unsigned long *w)
{
	/*
	 * Modify the "iret" frame to point to repeat_nmi, forcing another
	 * iteration of NMI handling.
	 */
	n->nested++;
	if (w[NMIST_IRET_RIP] == (unsigned long)repeat_nmi)
		n->nested_merged++; /* one repeat serves both */
	if (READ_ONCE(trace_buf_on))
		trace_buf_record(EV_NMI_NESTED, local_clock(), 0, 0, NULL);
	w[NMIST_IRET_SS] = __KERNEL_DS;
	w[NMIST_IRET_RSP] = (unsigned long)&w[NMIST_OUTER_RIP];
	w[NMIST_IRET_FLAGS] = X86_EFLAGS_FIXED;
	w[NMIST_IRET_CS] = __KERNEL_CS;
	w[NMIST_IRET_RIP] = (unsigned long)repeat_nmi;
	nmi_point(NMI_PT_NESTED);
}

int nmi_restore_broken; /* --nmi-break executing: the CVE-2015-3291 order */

/*
 * nmi_restore: set DF first so that the window up to IRET is
 * recognizable, then clear "NMI executing".  The broken order clears
 * first, leaving a window in which a nested NMI looks like a first one.
 */
static __nmisafe void nmi_restore(struct nmi_line *n, unsigned long *w)
{
	if (READ_ONCE(nmi_restore_broken)) {
		WRITE_ONCE(w[NMIST_EXECUTING], 0);
		nmi_point(NMI_PT_RESTORE_A);
		WRITE_ONCE(n->phase, NMI_PHASE_RESTORE);
	} else {
		WRITE_ONCE(n->phase, NMI_PHASE_RESTORE);
		nmi_point(NMI_PT_RESTORE_A);
		barrier();
		WRITE_ONCE(w[NMIST_EXECUTING], 0);
	}
	nmi_point(NMI_PT_RESTORE_B);
}

/* first_nmi through nmi_restore, repeating while an iret lands at repeat_nmi */
static __nmisafe void first_nmi(struct nmi_line *n, struct pt_regs *regs,
				unsigned long *w)
{
	struct pt_regs *pr = (struct pt_regs *)&w[NMIST_PT_REGS];
	unsigned long long ts = READ_ONCE(trace_buf_on) ? local_clock() : 0;
	unsigned int repeats = 0;

	n->firsts++;
	/* Make room for "NMI executing". */
	w[NMIST_EXECUTING] = 0;
	/* Copy the "original" frame to the "outermost" frame */
	nmi_point(NMI_PT_FIRST);
	copy_frame(w, NMIST_OUTER_RIP, NMIST_ORIG_RIP);
	nmi_point(NMI_PT_COPIED);
	for (;;) {
		/* Everything up to here is safe from nested NMIs */
		nmi_point(NMI_PT_REPEAT);
		vk_repeat_nmi(&w[NMIST_OUTER_RIP], &n->phase);
		nmi_point(NMI_PT_END_REPEAT);
		/* end_repeat_nmi: ORIG_RAX: no syscall to restart */
		pr->orig_ax = -1UL;
		copy_gprs(pr, regs); /* PUSH_AND_CLEAR_REGS */
		exc_nmi(pr);
		copy_gprs(regs, pr); /* POP_REGS */
		nmi_restore(n, w);
		nmi_take_held(regs);
		nmi_iretq(regs, &w[NMIST_IRET_RIP]);
		if (regs->ip != (unsigned long)repeat_nmi)
			break;
		n->repeats++;
		repeats++;
		if (ts)
			trace_buf_record(EV_NMI_REPEAT, local_clock(), 0, 0,
					 NULL);
	}
	if (ts)
		trace_buf_record(EV_NMI, ts, local_clock() - ts, repeats, NULL);
}

__nmisafe void asm_exc_nmi(struct pt_regs *regs, unsigned long error_code)
{
	struct nmi_line *n = &this_sim_cpu()->nmi;
	unsigned long *w = n->ist->w;

	(void)error_code;
	nmi_point(NMI_PT_ENTRY);
	if (user_mode(regs)) {
		nmi_from_user(regs, w);
		return;
	}
	if (nmi_entry_kind == NMI_ENTRY_NAIVE) {
		nmi_naive(regs, w);
		return;
	}
	w[NMIST_TEMP_RDX] = regs->dx;
	/*
	 * Check the interrupted RIP: a nested NMI in repeat_nmi ..
	 * end_repeat_nmi leaves at once, the outer one repeats anyway.
	 */
	if (w[NMIST_ORIG_RIP] >= (unsigned long)repeat_nmi &&
	    w[NMIST_ORIG_RIP] < (unsigned long)end_repeat_nmi) {
		n->nested_out++;
		if (READ_ONCE(trace_buf_on))
			trace_buf_record(EV_NMI_OUT, local_clock(), 0, 0, NULL);
		nmi_iretq(regs, &w[NMIST_ORIG_RIP]);
		return;
	}
	if (nmi_is_nested(w)) {
		nested_nmi(n, w);
		/* nested_nmi_out: restore rdx, iretq on our own frame */
		regs->dx = w[NMIST_TEMP_RDX];
		nmi_iretq(regs, &w[NMIST_ORIG_RIP]);
		return;
	}
	regs->dx = w[NMIST_TEMP_RDX];
	first_nmi(n, regs, w);
}

__nmisafe void nmi_frame_corrupted(unsigned long want_ip, unsigned long got_ip)
{
	this_sim_cpu()->nmi.corrupted++;
	/* with the checker on, its "frame" rule reports it, with the rest */
	if (READ_ONCE(nmi_checks_on))
		return;
	panic("NMI: a nested NMI overwrote the outer NMI's frame: IRET to %pS instead of %pS",
	      (void *)got_ip, (void *)want_ip);
}
