/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated CPU: what the hardware holds per CPU (control and debug
 * registers, the exception counters a CPU would have as performance
 * counters) and the host thread that runs it.
 */
#ifndef _ASM_CPU_H
#define _ASM_CPU_H

#include <setjmp.h>
#include <asm/percpu.h>
#include <asm/fpu.h>
#include <asm/nmi_hw.h>

struct trap_frame;

struct sim_cpu {
	int cpu;
	int online;
	int host_tid;
	int host_pid;
	unsigned long cr2;
	unsigned long dr[4];
	unsigned long dr6;
	unsigned long dr7;
	/* The FXSAVE image at the last #MF/#XF, for fpu__exception_code(). */
	struct fpstate trap_fpstate;
	/* Exceptions delivered, by vector (0-31), and all vectors. */
	unsigned long vector_count[32];
	unsigned long traps;
	/* Where a dead CPU (panic, oops) parks: see arch_cpu_park_dead(). */
	sigjmp_buf park;
	int park_valid;
	/* The explorer's rewind point (arch_rewind_setup()). */
	sigjmp_buf rewind;
	struct trap_frame *rewind_frames;
	void *altstack;
	unsigned long altstack_size;
	struct trap_frame *trap_frames;
	struct nmi_line nmi;
	int irqs_off; /* RFLAGS.IF clear */
	int pmu_overflow; /* the watchdog counter fired */
	/*
	 * User mode: the CPU waits while its task runs.  An NMI then stops
	 * the task (user_nmi_pid) and counts in user_nmis until the CPU
	 * takes it with the task's registers.
	 */
	int in_user;
	int user_pid; /* the task the CPU last resumed: the one running */
	int user_nmi_pid;
	int user_nmis;
	int user_nmis_taking; /* handed to the kernel, not yet taken */
	void *pmu_timer;
	unsigned long fs_base; /* the thread's TLS base, for the debugger */
	unsigned long perf_data; /* sig_data of the last perf breakpoint hit */
	int step_hold_nmi; /* a debugger's step: NMIs wait until it is done */
	int nmi_exit_step; /* 1: TF on, -1: TF off where the NMI returns */
};

extern struct sim_cpu sim_cpus[NR_CPUS];

static __always_inline struct sim_cpu *this_sim_cpu(void)
{
	return &sim_cpus[smp_processor_id()];
}

/* CPU bring-up: run fn(cpu) on a new host thread that is CPU cpu. */
int arch_cpu_up(int cpu, void (*fn)(int cpu));
/* Wait until CPU cpu's thread has returned from fn. */
void arch_cpu_wait_offline(int cpu);
/* Make the calling host thread CPU cpu (the boot CPU is the main thread). */
int arch_cpu_init_this(int cpu);
void arch_cpu_exit_this(void);

/*
 * A CPU that cannot go on (panic, an oops with no one to return to) longjmps
 * here from the handler; arch_cpu_park_setup() returns a second time with
 * 1, in normal context.
 */
#define arch_cpu_park_setup() \
	(this_sim_cpu()->park_valid = 1, sigsetjmp(this_sim_cpu()->park, 1))
void __noreturn arch_cpu_park_dead(void);

/*
 * The explorer's way out of a run, from any depth of nested exceptions
 * and NMIs: arch_rewind() makes arch_rewind_setup() return again with 1,
 * with the CPU's list of traps being handled as it was.
 */
#define arch_rewind_setup()                                            \
	(this_sim_cpu()->rewind_frames = this_sim_cpu()->trap_frames, \
	 sigsetjmp(this_sim_cpu()->rewind, 1))
void __noreturn arch_rewind(void);

/* The idle instruction; the power button signal if pressed meanwhile. */
int arch_cpu_idle(void);
int arch_power_button_wait(int timeout_ms);
void __noreturn arch_power_off_now(int status);

#endif
