/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a logic analyser on the NMI line would check, for vkernel storm:
 * every NMI returns to the context it interrupted with cr2 and dr7 as they
 * were, the pin never holds more than the one latched NMI, and the NMI
 * stack around its frames stays intact (canaries).  Off unless a storm
 * or the explorer turns it on; a broken rule goes to the registered
 * reporter, from NMI context.
 *
 * The entry code and exc_nmi also carry named instrumentation points
 * (nmi_point()): the checks run there, and the explorer injects NMIs and
 * exceptions there instead of waiting for host signals.
 */
#ifndef _ASM_NMI_CHECK_H
#define _ASM_NMI_CHECK_H

#include <asm/compiler.h>
#include <asm/ptrace.h>

enum nmi_point_id {
	NMI_PT_BASE, /* the interrupted code (the explorer's start) */
	NMI_PT_ENTRY, /* asm_exc_nmi: on the NMI stack, nothing done yet */
	NMI_PT_FIRST, /* first_nmi: "NMI executing" made room for */
	NMI_PT_COPIED, /* the "outermost" frame copied */
	NMI_PT_REPEAT, /* at repeat_nmi, before "NMI executing" is set */
	NMI_PT_END_REPEAT, /* end_repeat_nmi: the "iret" frame copied */
	NMI_PT_RESTORE_A, /* nmi_restore: after the first of std / clear */
	NMI_PT_RESTORE_B, /* nmi_restore: after both, before iretq */
	NMI_PT_NESTED, /* nested_nmi: the "iret" frame sent to repeat_nmi */
	NMI_PT_EXC_ENTER, /* exc_nmi: nmi_state set EXECUTING */
	NMI_PT_CR2_SAVED, /* exc_nmi: nmi_cr2 saved */
	NMI_PT_DB_SAVED, /* exc_nmi: local_db_save() done */
	NMI_PT_HANDLED, /* exc_nmi: default_do_nmi() returned */
	NMI_PT_DB_RESTORED, /* exc_nmi: local_db_restore() done */
	NMI_PT_CR2_RESTORED, /* exc_nmi: cr2 restored, before the dec */
	NMI_PT_HANDLER_IN, /* an NMI handler (the storm's): entered */
	NMI_PT_HANDLER_MID, /* an NMI handler: after its first action */
	NMI_PT_HANDLER_OUT, /* an NMI handler: about to return */
	NR_NMI_POINTS
};

extern const char *const nmi_point_names[NR_NMI_POINTS];

/* The explorer's hook; NULL in every other run. */
extern void (*nmi_point_hook)(int id, unsigned long ip);

#define _THIS_IP_                        \
	({                               \
		__label__ __here;        \
__here:                                  \
		(unsigned long)&&__here; \
	})

#define nmi_point(id)                                                        \
	do {                                                                 \
		void (*__h)(int, unsigned long) = READ_ONCE(nmi_point_hook); \
		if (unlikely(__h))                                           \
			__h(id, _THIS_IP_);                                  \
	} while (0)

enum nmi_check_kind {
	NMI_CHK_NONE,
	NMI_CHK_REENTRY, /* an NMI handler ran inside itself */
	NMI_CHK_FRAME, /* an NMI returned somewhere it did not interrupt */
	NMI_CHK_STACK, /* NMI stack canaries or "NMI executing" wrong */
	NMI_CHK_CR2, /* cr2 at NMI exit != at NMI entry */
	NMI_CHK_DR7, /* dr7 at NMI exit != at NMI entry */
	NMI_CHK_LATCH, /* more than one NMI pending behind the pin */
	NMI_CHK_ACCOUNT, /* sent != handled + merged + lost */
	NMI_CHK_SIGNALS, /* a task or the kernel got wrong exceptions */
	NMI_CHK_STUCK, /* a CPU made no progress (the watchdog) */
	NMI_CHK_UNREG, /* a handler ran after unregister_nmi_handler() */
	NMI_CHK_LEAK, /* handlers, pages or tasks left behind */
	NMI_CHK_CRASH, /* a panic or an oops */
	NMI_CHK_DEBUGGER, /* a gdb stop not answered, partial, or stuck */
	NR_NMI_CHECKS
};

extern const char *const nmi_check_names[NR_NMI_CHECKS];

/* Turn the checks on; report(kind, cpu, a, b) is called at most once. */
void nmi_check_start(void (*report)(int kind, int cpu, unsigned long a,
				    unsigned long b));
void nmi_check_stop(void);
extern int nmi_checks_on;
/* For the kernel side of the checks (handler re-entry, accounting). */
void nmi_check_fail(int kind, unsigned long a, unsigned long b);

/* Around each delivery through the IDT (nmi_deliver). */
void nmi_check_enter(struct pt_regs *regs);
void nmi_check_latch(void);
void nmi_check_exit(struct pt_regs *regs);
/* The NMI stack of this CPU: canaries, frame shapes. */
void nmi_check_stack(int id);
void nmi_check_reset(int cpu);

/*
 * The explorer's NMI: the pin raised at an instruction boundary of the
 * code running now, whose context is regs (the CPU presents it as it
 * would: on the NMI stack with DF set in the restore window).
 */
void nmi_raise(struct pt_regs *regs);

#endif
