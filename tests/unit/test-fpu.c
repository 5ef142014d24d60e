// SPDX-License-Identifier: GPL-2.0-only
/*
 * fpu__exception_code() against the host kernel: raise each x87 and SSE
 * exception for real, and compare the si_code the host computed with the
 * one vkernel computes from the same FXSAVE image in the signal frame.
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <glib.h>
#include <asm/trapnr.h>
#include <linux/fpu.h>

static sigjmp_buf env;
static int host_code, vk_code, host_trapno;

static void on_fpe(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct fpu fpu;

	(void)sig;
	fpu.fpstate = &fpu.__fpstate;
	memset(fpu.fpstate, 0, sizeof(*fpu.fpstate));
	fpu.fpstate->regs.fxsave.cwd = uc->uc_mcontext.fpregs->cwd;
	fpu.fpstate->regs.fxsave.swd = uc->uc_mcontext.fpregs->swd;
	fpu.fpstate->regs.fxsave.mxcsr = uc->uc_mcontext.fpregs->mxcsr;
	host_code = si->si_code;
	host_trapno = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
	vk_code = fpu__exception_code(&fpu, host_trapno);
	siglongjmp(env, 1);
}

/* unmask one x87 exception and run an operation that raises it */
static void x87(unsigned short unmask, const char *op)
{
	unsigned short cw = 0x37f & ~unmask;
	volatile double big = 1e308, tiny = 1e-308, zero = 0, one = 1,
			three = 3;
	volatile double r;

	asm volatile("fninit; fldcw %0" : : "m"(cw));
	/* x87 instructions (C on doubles would be SSE); fdivrp is st1/st0 */
	if (!strcmp(op, "inv"))
		asm volatile("fldl %1; fldl %1; fdivrp; fstpl %0"
			     : "=m"(r)
			     : "m"(zero));
	else if (!strcmp(op, "div"))
		asm volatile("fldl %1; fldl %2; fdivrp; fstpl %0"
			     : "=m"(r)
			     : "m"(one), "m"(zero));
	else if (!strcmp(op, "ovf"))
		asm volatile("fldl %1; fldl %1; fmulp; fstpl %0"
			     : "=m"(r)
			     : "m"(big));
	else if (!strcmp(op, "und"))
		asm volatile("fldl %1; fldl %1; fmulp; fstpl %0"
			     : "=m"(r)
			     : "m"(tiny));
	else if (!strcmp(op, "res"))
		asm volatile("fldl %1; fldl %2; fdivrp; fstpl %0"
			     : "=m"(r)
			     : "m"(one), "m"(three));
	asm volatile("fwait");
	(void)r;
}

static void sse(unsigned int unmask, float a, float b)
{
	unsigned int mx = 0x1f80 & ~unmask;
	volatile float r;

	asm volatile("ldmxcsr %0" : : "m"(mx));
	asm volatile("movss %1, %%xmm0; divss %2, %%xmm0; movss %%xmm0, %0"
		     : "=m"(r)
		     : "m"(a), "m"(b)
		     : "xmm0");
}

static void expect_same(int trapno)
{
	g_assert_cmpint(host_trapno, ==, trapno);
	g_assert_cmpint(host_code, !=, 0);
	g_assert_cmpint(vk_code, ==, host_code);
}

static void restore_fpu(void)
{
	unsigned int mx = 0x1f80;

	asm volatile("fninit; ldmxcsr %0" : : "m"(mx));
}

static void test_x87(gconstpointer data)
{
	static const struct {
		unsigned short bit;
		const char *op;
	} c[] = {
		{ 0x01, "inv" }, { 0x04, "div" }, { 0x08, "ovf" },
		{ 0x10, "und" }, { 0x20, "res" },
	};
	int i = GPOINTER_TO_INT(data);

	if (!sigsetjmp(env, 1)) {
		x87(c[i].bit, c[i].op);
		restore_fpu();
		g_assert_not_reached();
	}
	restore_fpu();
	expect_same(X86_TRAP_MF);
}

static void test_sse(gconstpointer data)
{
	static const struct {
		unsigned int bit;
		float a, b;
	} c[] = {
		{ 0x080, 0.0f, 0.0f }, /* invalid */
		{ 0x200, 1.0f, 0.0f }, /* divide by zero */
		{ 0x400, 3e38f, 1e-38f }, /* overflow */
		{ 0x800, 1e-38f, 3e38f }, /* underflow */
		{ 0x1000, 1.0f, 3.0f }, /* precision */
	};
	int i = GPOINTER_TO_INT(data);

	if (!sigsetjmp(env, 1)) {
		sse(c[i].bit, c[i].a, c[i].b);
		restore_fpu();
		g_assert_not_reached();
	}
	restore_fpu();
	expect_same(X86_TRAP_XF);
}

int main(int argc, char **argv)
{
	static const char *const x87_names[] = { "invalid", "divzero",
						 "overflow", "underflow",
						 "precision" };
	struct sigaction sa = { .sa_sigaction = on_fpe,
				.sa_flags = SA_SIGINFO };
	int i;

	sigaction(SIGFPE, &sa, NULL);
	g_test_init(&argc, &argv, NULL);
	for (i = 0; i < 5; i++) {
		char *p = g_strdup_printf("/fpu/x87/%s", x87_names[i]);
		char *q = g_strdup_printf("/fpu/sse/%s", x87_names[i]);

		g_test_add_data_func(p, GINT_TO_POINTER(i), test_x87);
		g_test_add_data_func(q, GINT_TO_POINTER(i), test_sse);
		g_free(p);
		g_free(q);
	}
	return g_test_run();
}
