// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host signal to exception vector, for a fault in the kernel process.
 * The sigcontext's trapno, err and cr2 are the hardware's own; the table
 * is in DESIGN.md and vkernel-nmi(7).
 */
#include <signal.h>
#include <ucontext.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/traps.h>
#include <asm/trapnr.h>
#include <os.h>

static __nmisafe int has_error_code(int vector)
{
	switch (vector) {
	case X86_TRAP_DF:
	case X86_TRAP_TS:
	case X86_TRAP_NP:
	case X86_TRAP_SS:
	case X86_TRAP_GP:
	case X86_TRAP_PF:
	case X86_TRAP_AC:
	case X86_TRAP_CP:
	case X86_TRAP_VC:
		return 1;
	}
	return 0;
}

static __nmisafe int decode_fpe(int trapno, int code)
{
	if (trapno == X86_TRAP_MF || trapno == X86_TRAP_XF ||
	    trapno == X86_TRAP_DE)
		return trapno;
	return code == FPE_INTDIV ? X86_TRAP_DE : X86_TRAP_MF;
}

static __nmisafe int decode_sigtrap(const siginfo_t *si, int trapno,
				    unsigned long ip, struct sim_trap *t)
{
	if (si->si_code == OS_TRAP_PERF) {
		t->perf_data = os_siginfo_perf_data(si);
		t->dr6 = DR_TRAP0 << (t->perf_data & 3);
		return X86_TRAP_DB;
	}
	if (trapno == X86_TRAP_BP)
		return X86_TRAP_BP;
	switch (si->si_code) {
	case TRAP_TRACE:
		t->dr6 = DR_STEP;
		break;
	case TRAP_HWBKPT:
		t->dr6 = debugreg_slots_hit(ip);
		break;
	default:
		/* INT1 (icebp): a #DB with nothing in DR6 */
		t->dr6 = 0;
		break;
	}
	return X86_TRAP_DB;
}

static __nmisafe int decode_sigsegv(int trapno)
{
	switch (trapno) {
	case X86_TRAP_PF:
	case X86_TRAP_GP:
	case X86_TRAP_BR:
	case X86_TRAP_SS:
	case X86_TRAP_NP:
	case X86_TRAP_TS:
		return trapno;
	}
	return X86_TRAP_GP;
}

static __nmisafe int decode_sigbus(const siginfo_t *si, int trapno)
{
	if (si->si_code == BUS_MCEERR_AR || si->si_code == BUS_MCEERR_AO)
		return X86_TRAP_MC;
	return trapno == X86_TRAP_AC ? X86_TRAP_AC : X86_TRAP_PF;
}

__nmisafe int decode_kernel_trap(int sig, const siginfo_t *si,
				 const ucontext_t *uc, struct sim_trap *t)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	int trapno = (int)g[REG_TRAPNO];

	/* kill(2), sigqueue(3) and tgkill(2) are not exceptions */
	if (si->si_code <= 0)
		return -1;
	t->cr2 = 0;
	t->dr6 = 0;
	t->perf_data = -1UL;
	t->error_code = 0;
	switch (sig) {
	case SIGFPE:
		t->vector = decode_fpe(trapno, si->si_code);
		break;
	case SIGTRAP:
		t->vector = decode_sigtrap(si, trapno, g[REG_RIP], t);
		break;
	case SIGSEGV:
		t->vector = decode_sigsegv(trapno);
		break;
	case SIGILL:
		t->vector = X86_TRAP_UD;
		break;
	case SIGBUS:
		t->vector = decode_sigbus(si, trapno);
		break;
	default:
		return -1;
	}
	t->has_error_code = has_error_code(t->vector);
	if (t->has_error_code)
		t->error_code = g[REG_ERR];
	if (t->vector == X86_TRAP_PF) {
		t->cr2 = g[REG_CR2];
		/* the host saw a user access; the simulated kernel did not */
		t->error_code &= ~X86_PF_USER;
	}
	return 0;
}

NOKPROBE_SYMBOL(decode_sigtrap);
NOKPROBE_SYMBOL(decode_kernel_trap);
