/* SPDX-License-Identifier: GPL-2.0-only */
/* What the simulated CPU decoded from a host signal. */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <signal.h>
#include <ucontext.h>
#include <asm/ptrace.h>
#include <asm/debugreg.h>

struct sim_trap {
	int vector;
	int has_error_code;
	unsigned long error_code;
	unsigned long cr2; /* #PF */
	unsigned long dr6; /* #DB, positive polarity */
	unsigned long perf_data; /* #DB of a perf breakpoint: its sig_data */
};

/* Returns 0, or -1 when the signal is not an exception (kill(2) etc.). */
int decode_kernel_trap(int sig, const siginfo_t *si, const ucontext_t *uc,
		       struct sim_trap *t);

void regs_from_ucontext(struct pt_regs *regs, const ucontext_t *uc);
void regs_to_ucontext(const struct pt_regs *regs, ucontext_t *uc);

/* A trap being handled on this CPU, innermost first. */
struct trap_frame {
	struct pt_regs regs;
	ucontext_t *uc;
	struct trap_frame *prev;
};

struct trap_frame *trap_frame_of(struct pt_regs *regs);
struct trap_frame *trap_frame_of_cpu(int cpu, struct pt_regs *regs);
/* frame->regs filled in by the caller */
void trap_frame_push(struct trap_frame *frame, ucontext_t *uc);
void trap_frame_pop(struct trap_frame *frame);

/* Install the CPU's exception entry: host signals to the IDT. */
int arch_trap_init(void);
void arch_trap_exit(void);
unsigned long arch_spurious_host_signals(void);

/* Debug register slot that fired, from the ptrace backend's DR6. */
unsigned long debugreg_slots_hit(unsigned long ip);
/* The DR6 bits of the enabled execute breakpoints at ip, from DR7. */
unsigned long debugreg_exec_bp_at(unsigned long ip);
int debugreg_init(enum dr_backend want);
void debugreg_exit(void);
void debugreg_cpu_exit(int cpu);

#endif
