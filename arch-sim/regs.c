// SPDX-License-Identifier: GPL-2.0-only
/*
 * pt_regs from the host signal frame, and back on the simulated IRET:
 * whatever a handler changed in pt_regs (RIP, RFLAGS.TF, a register) is
 * what the interrupted code resumes with.  CS and SS stay the host's; the
 * simulated CPU presents __KERNEL_CS to the kernel's handlers.
 */
#include <stddef.h>
#include <ucontext.h>
#include <asm/traps.h>

static const int greg_of[] = {
	[offsetof(struct pt_regs, r15) / 8] = REG_R15,
	[offsetof(struct pt_regs, r14) / 8] = REG_R14,
	[offsetof(struct pt_regs, r13) / 8] = REG_R13,
	[offsetof(struct pt_regs, r12) / 8] = REG_R12,
	[offsetof(struct pt_regs, bp) / 8] = REG_RBP,
	[offsetof(struct pt_regs, bx) / 8] = REG_RBX,
	[offsetof(struct pt_regs, r11) / 8] = REG_R11,
	[offsetof(struct pt_regs, r10) / 8] = REG_R10,
	[offsetof(struct pt_regs, r9) / 8] = REG_R9,
	[offsetof(struct pt_regs, r8) / 8] = REG_R8,
	[offsetof(struct pt_regs, ax) / 8] = REG_RAX,
	[offsetof(struct pt_regs, cx) / 8] = REG_RCX,
	[offsetof(struct pt_regs, dx) / 8] = REG_RDX,
	[offsetof(struct pt_regs, si) / 8] = REG_RSI,
	[offsetof(struct pt_regs, di) / 8] = REG_RDI,
};

__nmisafe void regs_from_ucontext(struct pt_regs *regs, const ucontext_t *uc)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	unsigned long *r = (unsigned long *)regs;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(greg_of); i++)
		r[i] = g[greg_of[i]];
	regs->orig_ax = -1UL;
	regs->ip = g[REG_RIP];
	regs->cs = g[REG_CSGSFS] & 0xffff;
	regs->flags = g[REG_EFL];
	regs->sp = g[REG_RSP];
	regs->ss = 0x2b;
}

__nmisafe void regs_to_ucontext(const struct pt_regs *regs, ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	const unsigned long *r = (const unsigned long *)regs;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(greg_of); i++)
		g[greg_of[i]] = r[i];
	g[REG_RIP] = regs->ip;
	g[REG_EFL] = regs->flags;
	g[REG_RSP] = regs->sp;
}

NOKPROBE_SYMBOL(regs_from_ucontext);
NOKPROBE_SYMBOL(regs_to_ucontext);
