/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_NMI_SCENARIOS_H
#define _LINUX_NMI_SCENARIOS_H

/* Deliberately broken variants, for proving the scenarios can fail. */
#define NMI_BREAK_CR2 (1 << 0) /* exc_nmi does not restore cr2 */
#define NMI_BREAK_DR7 (1 << 1) /* exc_nmi does not restore dr7 */
#define NMI_BREAK_LATCH (1 << 2) /* the CPU keeps every NMI, none lost */
#define NMI_BREAK_NMISTATE (1 << 3) /* exc_nmi does not latch nmi_state */
#define NMI_BREAK_EXECUTING (1 << 4) /* "NMI executing" cleared before std */
#define NMI_BREAK_DEC2 (1 << 5) /* exc_nmi decrements nmi_state twice */
#define NMI_BREAK_ROUNDUP (1 << 6) /* kgdb's NMI handler ignores a roundup */

/* --nmi-panic: the sysctl knobs of arch/x86/kernel/nmi.c */
#define NMI_PANIC_UNKNOWN (1 << 0)
#define NMI_PANIC_UNRECOVERED (1 << 1)
#define NMI_PANIC_IO (1 << 2)

extern int nmi_break;

int nmi_scenario_valid(const char *name);
int nmi_run_scenarios(const char *name);

#endif
