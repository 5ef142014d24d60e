/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The NMI line of a simulated CPU and its IST NMI stack.
 *
 * x86 semantics, not POSIX ones: an NMI blocks further NMIs until the
 * next IRET; while blocked, one NMI is latched and more are lost (the pin
 * is edge-triggered); any IRET unblocks, including the IRET that ends a
 * #BP, #DB or #PF taken inside the NMI handler (the "NMI iret problem").
 *
 * The IST NMI stack is a memory area with a fixed top, apart from the host
 * signal frames.  On delivery the CPU writes the 5-word frame (SS, RSP,
 * RFLAGS, CS, RIP) at that top, over whatever is there, so a nested NMI
 * really overwrites the outer NMI's "original" frame.  The layout below it
 * is entry_64.S's, counted in words down from the top:
 */
#ifndef _ASM_NMI_HW_H
#define _ASM_NMI_HW_H

#include <asm/ptrace.h>

#define NMI_STACK_WORDS 512 /* EXCEPTION_STKSZ, 4 KiB */
#define NMIST_TOP NMI_STACK_WORDS

#define NMIST_ORIG_SS (NMIST_TOP - 1) /* the hardware frame */
#define NMIST_ORIG_RSP (NMIST_TOP - 2)
#define NMIST_ORIG_FLAGS (NMIST_TOP - 3)
#define NMIST_ORIG_CS (NMIST_TOP - 4)
#define NMIST_ORIG_RIP (NMIST_TOP - 5)
#define NMIST_TEMP_RDX (NMIST_TOP - 6)
#define NMIST_EXECUTING (NMIST_TOP - 7) /* "NMI executing" variable */
#define NMIST_IRET_SS (NMIST_TOP - 8) /* "iret" frame */
#define NMIST_IRET_RSP (NMIST_TOP - 9)
#define NMIST_IRET_FLAGS (NMIST_TOP - 10)
#define NMIST_IRET_CS (NMIST_TOP - 11)
#define NMIST_IRET_RIP (NMIST_TOP - 12)
#define NMIST_OUTER_SS (NMIST_TOP - 13) /* "outermost" frame */
#define NMIST_OUTER_RSP (NMIST_TOP - 14)
#define NMIST_OUTER_FLAGS (NMIST_TOP - 15)
#define NMIST_OUTER_CS (NMIST_TOP - 16)
#define NMIST_OUTER_RIP (NMIST_TOP - 17)
/* pt_regs: its ip..ss words are the "outermost" frame */
#define NMIST_PT_REGS (NMIST_OUTER_RIP - 16)

struct nmi_ist {
	unsigned long w[NMI_STACK_WORDS];
};

/* Where the entry code is, for the CPU to report an interrupted context. */
enum nmi_entry_phase {
	NMI_PHASE_NONE,
	NMI_PHASE_RESTORE, /* between "std; clear NMI executing" and iretq */
	/* iretq returned to repeat_nmi: until its copy ends, the CPU is there */
	NMI_PHASE_REPEAT,
};

/* Entry variants, for the scenario tests that prove the checks bite. */
enum nmi_entry_kind {
	NMI_ENTRY_UPSTREAM,
	NMI_ENTRY_NAIVE, /* pre-2012: no nested-NMI handling at all */
};

struct nmi_line {
	int blocked;
	int latched;
	int in_iret; /* an IRET is deciding: new NMIs only latch */
	int take_now; /* the last IRET found the latch set */
	unsigned long held_ip; /* a sigreturn opened the held pin, to here */
	unsigned long extra_latched; /* only with the latch broken */
	enum nmi_entry_phase phase;
	struct nmi_ist *ist;
	/* counters, see vkernel-nmi(7) */
	unsigned long received; /* NMIs that reached this CPU's pin */
	unsigned long taken; /* delivered through the IDT */
	unsigned long latches; /* went into the latch */
	unsigned long lost; /* arrived with the latch full */
	unsigned long firsts; /* entry logic: first_nmi (or user, naive) */
	unsigned long nested; /* entry logic: nested_nmi taken */
	unsigned long nested_df; /* of those, found by the RSP/DF check */
	unsigned long repeats; /* entry logic: repeat_nmi iterations */
	unsigned long nested_out; /* interrupted RIP in repeat_nmi: out */
	unsigned long corrupted; /* naive entry: outer frame overwritten */
	unsigned long from_user; /* taken with a task's user-mode pt_regs */
	unsigned long sent; /* NMIs the APIC sent to this CPU */
	unsigned long refused; /* the host's signal queue was full */
	unsigned long nested_merged; /* nested while a repeat was pending */
	/* nmi_check: the contexts of the deliveries now running */
	int chk_depth;
	struct nmi_chk {
		unsigned long ip, sp, flags, cr2, dr7;
	} chk[8];
};

extern const char repeat_nmi[], end_repeat_nmi[];
extern enum nmi_entry_kind nmi_entry_kind;
extern int nmi_latch_broken;
extern int nmi_restore_broken;

int arch_nmi_init(void);
void arch_nmi_exit(void);
int arch_nmi_cpu_init(int cpu);
/* from the CPU's own thread, its NMI pin already blocked */
void arch_nmi_cpu_exit(int cpu);
/* Raise an NMI on a CPU (an NMI IPI through the APIC). */
int apic_send_nmi(int cpu);
/* Sent to cpu, not yet received by it (queued in the host). */
long apic_nmis_in_flight(int cpu);
/* From an exception handler: an NMI right where its IRET returns. */
int apic_send_nmi_at_iret(void);
/*
 * NMIs that reached the CPU in user mode (sim_cpu.user_nmis): take them
 * in process context as interrupting regs (a task's, or the CPU's own
 * when regs is NULL).
 */
void nmi_take_deferred(struct pt_regs *regs, int count);
/* The IRET of any exception: unblock, and take a latched NMI. */
void nmi_hw_iret(struct pt_regs *regs);
/*
 * The host mask of the context an IRET returns to follows the NMI block;
 * host_held: the pin was shut on the host while the handler ran.
 */
struct ucontext_t;
void nmi_sync_host_mask(struct ucontext_t *uc, int host_held);
/* After it: the pin stays shut while a debugger single-steps there. */
void nmi_hold_for_step(struct ucontext_t *uc);
/* The hardware side of delivery, used by the entry code's IRET. */
void nmi_deliver(struct pt_regs *regs);
/* iretq from the NMI stack: frame = the RIP word of a 5-word frame. */
void nmi_iretq(struct pt_regs *regs, const unsigned long *frame);
/* In the restore window: take an NMI the held pin kept from nesting. */
void nmi_take_held(struct pt_regs *regs);
/* The entry code (entry_nmi.c) found the frame it returns to overwritten. */
void nmi_frame_corrupted(unsigned long want_ip, unsigned long got_ip);

#endif
