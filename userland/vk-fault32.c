// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-fault32 CASE: the 32-bit companion of vk-fault, for what only the
 * i386 ABI has (BOUND, #BR) and a few classes seen through it.  Same
 * output format; vk-fault32 --list names the cases.
 */
#define _GNU_SOURCE 1 /* REG_TRAPNO, REG_ERR */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include "vk-case.h"

static sigjmp_buf env;
static const char *label;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	const char *p = si->si_addr;

	printf("sig=%d code=%d", sig, si->si_code);
	if (label && p >= label && p < label + 64)
		printf(" addr=label+%ld", (long)(p - label));
	else
		printf(" addr=%p", si->si_addr);
	printf(" trapno=%d err=%#x\n", (int)uc->uc_mcontext.gregs[REG_TRAPNO],
	       (unsigned int)uc->uc_mcontext.gregs[REG_ERR]);
	siglongjmp(env, 1);
}

static int bounds[2] = { 10, 20 };

#define ASM_CASE(fn, insns, ...)                              \
	static void fn(void)                                  \
	{                                                     \
		asm volatile(".globl " #fn "_insn\n" #fn      \
			     "_insn:\n\t" insns ::__VA_ARGS__ \
			     : "memory");                     \
	}                                                     \
	extern const char fn##_insn[];

ASM_CASE(c_bound_in, "bound %%eax, %0", "m"(bounds), "a"(15))
ASM_CASE(c_bound_out, "bound %%eax, %0", "m"(bounds), "a"(21))
ASM_CASE(c_int3, "int3", "i"(0))
ASM_CASE(c_ud2, "ud2", "i"(0))
ASM_CASE(c_int81, "int $0x81", "i"(0))
ASM_CASE(c_div0, "xor %%ecx, %%ecx\n\tcltd\n\tidiv %%ecx", "a"(1))
ASM_CASE(c_null_write, "movl $1, (%%eax)", "a"(0))

static const struct {
	const char *name;
	void (*fn)(void);
	const char *label;
} cases[] = {
	{ "bound_in", c_bound_in, c_bound_in_insn },
	{ "bound_out", c_bound_out, c_bound_out_insn },
	{ "int3_32", c_int3, c_int3_insn },
	{ "ud2_32", c_ud2, c_ud2_insn },
	{ "int81_32", c_int81, c_int81_insn },
	{ "div0_32", c_div0, c_div0_insn },
	{ "null_write_32", c_null_write, c_null_write_insn },
};

int main(int argc, char **argv)
{
	static int c;
	struct sigaction sa;

	c = VK_CASE_PICK(argc, argv, cases,
			 "vk-fault32 CASE (vk-fault32 --list)");
	if (c < 0)
		return c == VK_CASE_LIST ? 0 : 2;
	setvbuf(stdout, NULL, _IONBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	label = cases[c].label;
	printf("case %s\n", cases[c].name);
	if (!sigsetjmp(env, 1))
		cases[c].fn();
	printf("continued\n");
	return 0;
}
