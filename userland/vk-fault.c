// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-fault CASE: take one exception and print what the signal handler saw
 * (signo, si_code, si_addr relative to the faulting instruction's label,
 * the sigcontext's trapno and err, and for FPU cases the status bits).
 * tests/integration/userland.sh runs every case natively and under
 * "vkernel run" and wants the same output.  vk-fault --list names them.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "vk-case.h"

static sigjmp_buf env;
static const char *label; /* the faulting instruction */
static char *volatile page; /* a page the case maps */
static const char *fn_base; /* FPU cases: the function that raised it */
static int fpu_case, resume, steps;

#define FAULT_LABEL(name) extern const char name[];

static void print_addr(const void *a)
{
	const char *p = a;

	if (label && p >= label && p < label + 64)
		printf(" addr=label+%ld", (long)(p - label));
	else if (fn_base && p >= fn_base && p < fn_base + 4096)
		printf(" addr=%s+%ld", fpu_case == 87 ? "x87" : "sse",
		       (long)(p - fn_base));
	else if (page && p >= page && p < page + 4096)
		printf(" addr=page+%ld", (long)(p - page));
	else
		printf(" addr=%p", a);
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;

	/* signal delivery keeps AC: printf would fault again */
	asm volatile("pushf\n\tandq $~0x40000, (%%rsp)\n\tpopf" ::: "memory");
	if (steps) {
		printf("step ip=label+%ld code=%d\n",
		       (long)((char *)g[REG_RIP] - label), si->si_code);
		if (--steps == 0)
			g[REG_EFL] &= ~0x100L;
		return;
	}
	printf("sig=%d code=%d", sig, si->si_code);
	print_addr(si->si_addr);
	printf(" trapno=%lld err=%#llx", (long long)g[REG_TRAPNO],
	       (long long)g[REG_ERR]);
	if (fpu_case == 87)
		printf(" swd=%#x", uc->uc_mcontext.fpregs->swd & 0x3f);
	if (fpu_case == 19)
		printf(" mxcsr=%#x", uc->uc_mcontext.fpregs->mxcsr & 0x3f);
	printf("\n");
	fflush(stdout);
	if (resume)
		return;
	siglongjmp(env, 1);
}

#define ASM_CASE(fn, insns)                                                    \
	static void fn(void)                                                   \
	{                                                                      \
		asm volatile(".globl " #fn "_insn\n" #fn "_insn:\n\t" insns :: \
				     : "memory", "rax", "rdx", "rcx");         \
	}                                                                      \
	FAULT_LABEL(fn##_insn)

ASM_CASE(c_int3, "int3\n\tnop")
ASM_CASE(c_int3_long, "int $3\n\tnop")
ASM_CASE(c_icebp, ".byte 0xf1\n\tnop")
ASM_CASE(c_ud2, "ud2")
ASM_CASE(c_hlt, "hlt")
ASM_CASE(c_cli, "cli")
ASM_CASE(c_inb, "inb $0x80, %%al")
ASM_CASE(c_int21, "int $0x21")
ASM_CASE(c_int81, "int $0x81")
ASM_CASE(c_rdmsr, "xor %%ecx, %%ecx\n\trdmsr")
ASM_CASE(c_movcr0, "mov %%cr0, %%rax")
ASM_CASE(c_noncanon, "movabs $0x8000000000000000, %%rax\n\tmov (%%rax), %%rax")
ASM_CASE(c_div0, "xor %%ecx, %%ecx\n\tmov $1, %%eax\n\tcqo\n\tidiv %%rcx")
ASM_CASE(c_divmin, "movabs $0x8000000000000000, %%rax\n\tcqo\n\t"
		   "mov $-1, %%rcx\n\tidiv %%rcx")
ASM_CASE(c_null_read, "xor %%eax, %%eax\n\tmov (%%rax), %%rax")
ASM_CASE(c_null_write, "xor %%eax, %%eax\n\tmovq $1, (%%rax)")
ASM_CASE(c_unmapped_exec, "mov $0x1000, %%eax\n\tcall *%%rax")
ASM_CASE(c_step,
	 "pushf\n\torq $0x100, (%%rsp)\n\tpopf\n\t"
	 "nop\n\tmov $1, %%eax\n\tadd %%eax, %%eax\n\tnop\n\tnop\n\tnop")

static void c_ro_write(void)
{
	page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*(volatile int *)(page + 8) = 1;
}

static void c_nx_exec(void)
{
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page[0] = (char)0xc3;
	((void (*)(void))page)();
}

/* AC set: a misaligned load faults #AC */
ASM_CASE(c_align, "pushf\n\torq $0x40000, (%%rsp)\n\tpopf\n\t"
		  "lea 1(%%rsp), %%rax\n\tmov (%%rax), %%edx\n\t"
		  "pushf\n\tandq $~0x40000, (%%rsp)\n\tpopf")

/* x87: unmask one exception in the control word, raise it, fwait */
static void x87(unsigned short unmask, void (*op)(void))
{
	unsigned short cw = 0x37f & ~unmask;

	fpu_case = 87;
	fn_base = (const char *)x87;
	asm volatile("fninit\n\tfldcw %0" ::"m"(cw));
	op();
	asm volatile("fwait");
}

static const double d_zero = 0.0, d_one = 1.0, d_three = 3.0;
static const double d_huge = 1e308, d_tiny = 1e-308, d_neg = -1.0;
static const double d_denorm = 4.9e-324;

static void op_inv(void)
{
	asm volatile("fldl %0\n\tfsqrt" ::"m"(d_neg));
}
static void op_div(void)
{
	asm volatile("fldl %0\n\tfdivl %1" ::"m"(d_one), "m"(d_zero));
}
/* the 80-bit registers hold these; the store to a double does not */
static double d_out;
static void op_ovf(void)
{
	asm volatile("fldl %1\n\tfmull %1\n\tfstpl %0"
		     : "=m"(d_out)
		     : "m"(d_huge));
}
static void op_und(void)
{
	asm volatile("fldl %1\n\tfmull %1\n\tfstpl %0"
		     : "=m"(d_out)
		     : "m"(d_tiny));
}
static void op_res(void)
{
	asm volatile("fldl %0\n\tfdivl %1" ::"m"(d_one), "m"(d_three));
}
static void op_den(void)
{
	asm volatile("fldl %0\n\tfaddl %1" ::"m"(d_one), "m"(d_denorm));
}

static void c_x87_invalid(void)
{
	x87(0x01, op_inv);
}
static void c_x87_denormal(void)
{
	x87(0x02, op_den);
}
static void c_x87_zerodiv(void)
{
	x87(0x04, op_div);
}
static void c_x87_overflow(void)
{
	x87(0x08, op_ovf);
}
static void c_x87_underflow(void)
{
	x87(0x10, op_und);
}
static void c_x87_precision(void)
{
	x87(0x20, op_res);
}

/* xmm0 = a OP b, or sqrt(b) */
#define SSE_OP(packed, p, s)                                                   \
	do {                                                                   \
		if (packed)                                                    \
			asm volatile(                                          \
				"movupd %0, %%xmm0\n\tmovupd %1, %%xmm1\n\t" p \
				" %%xmm1, %%xmm0" ::"m"(va),                   \
				"m"(vb)                                        \
				: "xmm0", "xmm1");                             \
		else                                                           \
			asm volatile(                                          \
				"movsd %0, %%xmm0\n\tmovsd %1, %%xmm1\n\t" s   \
				" %%xmm1, %%xmm0" ::"m"(va),                   \
				"m"(vb)                                        \
				: "xmm0", "xmm1");                             \
	} while (0)

/* SSE: unmask one exception in MXCSR, raise it with a scalar or packed op */
static void sse(unsigned int unmask, int packed, double a, double b, int op)
{
	unsigned int mxcsr = 0x1f80 & ~(unmask << 7);
	double va[2] = { a, a }, vb[2] = { b, b };

	fpu_case = 19;
	fn_base = (const char *)sse;
	asm volatile("ldmxcsr %0" ::"m"(mxcsr));
	if (op == 's')
		SSE_OP(packed, "sqrtpd", "sqrtsd");
	else if (op == '/')
		SSE_OP(packed, "divpd", "divsd");
	else if (op == '*')
		SSE_OP(packed, "mulpd", "mulsd");
	else
		SSE_OP(packed, "addpd", "addsd");
}

#define SSE_CASES(kind, packed)                         \
	static void c_##kind##_invalid(void)            \
	{                                               \
		sse(0x01, packed, 0, -1, 's');          \
	}                                               \
	static void c_##kind##_denormal(void)           \
	{                                               \
		sse(0x02, packed, 1, d_denorm, '+');    \
	}                                               \
	static void c_##kind##_zerodiv(void)            \
	{                                               \
		sse(0x04, packed, 1, 0, '/');           \
	}                                               \
	static void c_##kind##_overflow(void)           \
	{                                               \
		sse(0x08, packed, 1e308, 1e308, '*');   \
	}                                               \
	static void c_##kind##_underflow(void)          \
	{                                               \
		sse(0x10, packed, 1e-308, 1e-308, '*'); \
	}                                               \
	static void c_##kind##_precision(void)          \
	{                                               \
		sse(0x20, packed, 1, 3, '/');           \
	}

SSE_CASES(sse_scalar, 0)
SSE_CASES(sse_packed, 1)

#define CASE(name, lbl)              \
	{                            \
#name, c_##name, lbl \
	}
#define CASE_L(name) CASE(name, c_##name##_insn)

static const struct fault_case {
	const char *name;
	void (*fn)(void);
	const char *label;
} cases[] = {
	CASE_L(int3),
	CASE_L(int3_long),
	CASE_L(icebp),
	CASE_L(ud2),
	CASE_L(hlt),
	CASE_L(cli),
	CASE_L(inb),
	CASE_L(int21),
	CASE_L(int81),
	CASE_L(rdmsr),
	CASE_L(movcr0),
	CASE_L(noncanon),
	CASE_L(div0),
	CASE_L(divmin),
	CASE_L(null_read),
	CASE_L(null_write),
	CASE_L(unmapped_exec),
	CASE_L(step),
	CASE(ro_write, NULL),
	CASE(nx_exec, NULL),
	CASE_L(align),
	CASE(x87_invalid, NULL),
	CASE(x87_denormal, NULL),
	CASE(x87_zerodiv, NULL),
	CASE(x87_overflow, NULL),
	CASE(x87_underflow, NULL),
	CASE(x87_precision, NULL),
	CASE(sse_scalar_invalid, NULL),
	CASE(sse_scalar_denormal, NULL),
	CASE(sse_scalar_zerodiv, NULL),
	CASE(sse_scalar_overflow, NULL),
	CASE(sse_scalar_underflow, NULL),
	CASE(sse_scalar_precision, NULL),
	CASE(sse_packed_invalid, NULL),
	CASE(sse_packed_denormal, NULL),
	CASE(sse_packed_zerodiv, NULL),
	CASE(sse_packed_overflow, NULL),
	CASE(sse_packed_underflow, NULL),
	CASE(sse_packed_precision, NULL),
	{ "int3_continued", c_int3, c_int3_insn },
};

int main(int argc, char **argv)
{
	static const struct fault_case *c;
	struct sigaction sa;
	int k, unhandled = argc == 3 && !strcmp(argv[1], "--unhandled");

	if (unhandled) { /* no handler: the signal's default action */
		argv++;
		argc--;
	}

	k = VK_CASE_PICK(argc, argv, cases,
			 "vk-fault [--unhandled] CASE (vk-fault --list)");
	if (k < 0)
		return k == VK_CASE_LIST ? 0 : 2;
	c = &cases[k];
	setvbuf(stdout, NULL, _IONBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	if (unhandled)
		sa.sa_handler = SIG_DFL;
	sigaction(SIGTRAP, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	label = c->label;
	resume = !strcmp(c->name, "int3_continued");
	steps = !strcmp(c->name, "step") ? 5 : 0;
	printf("case %s\n", c->name);
	if (!sigsetjmp(env, 1))
		c->fn();
	if (resume || steps == 0)
		printf("continued\n");
	return 0;
}
