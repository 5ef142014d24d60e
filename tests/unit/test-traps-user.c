// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ported handlers' user-mode verdicts against the host kernel: raise
 * an exception for real, decode it as the simulated CPU does, run the
 * IDT gate with user-mode pt_regs, and compare the signal, si_code and
 * si_addr vkernel decided with what the host delivered.
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <glib.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <linux/sched.h>
#include <linux/traps.h>

static sigjmp_buf env;
static struct {
	int signo, code;
	void *addr;
	int vector;
	struct kernel_siginfo vk;
	int vk_has;
} got;

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	struct task_struct *t = current;
	struct pt_regs regs;
	struct sim_trap tr;

	got.signo = sig;
	got.code = si->si_code;
	got.addr = si->si_addr;
	got.vector = -1;
	t->has_pending = 0;
	if (!decode_kernel_trap(sig, si, uc, &tr)) {
		got.vector = tr.vector;
		regs_from_ucontext(&regs, uc);
		regs.cs = __USER_CS;
		regs.ss = __USER_DS;
		if (tr.vector == X86_TRAP_DB)
			this_sim_cpu()->dr6 = DR6_RESERVED | tr.dr6;
		if (tr.vector == X86_TRAP_MF || tr.vector == X86_TRAP_XF) {
			struct fxregs_state *fx =
				&this_sim_cpu()->trap_fpstate.regs.fxsave;

			fx->cwd = uc->uc_mcontext.fpregs->cwd;
			fx->swd = uc->uc_mcontext.fpregs->swd;
			fx->mxcsr = uc->uc_mcontext.fpregs->mxcsr;
		}
		idt_table[tr.vector].handler(&regs, tr.error_code);
	}
	got.vk = t->pending;
	got.vk_has = t->has_pending;
	siglongjmp(env, 1);
}

static void check(int vector)
{
	g_assert_cmpint(got.vector, ==, vector);
	g_assert_true(got.vk_has);
	g_assert_cmpint(got.vk.signo, ==, got.signo);
	g_assert_cmpint(got.vk.code, ==, got.code);
	g_assert_true(got.vk.addr == got.addr);
}

#define RAISE(insn)                                                           \
	do {                                                                  \
		if (!sigsetjmp(env, 1))                                       \
			asm volatile(insn ::: "memory", "rax", "rcx", "rdx"); \
	} while (0)

static void test_int3(void)
{
	RAISE("int3");
	check(X86_TRAP_BP);
}

static void test_divide(void)
{
	RAISE("xor %%edx,%%edx; mov $1,%%eax; xor %%ecx,%%ecx; div %%ecx");
	check(X86_TRAP_DE);
}

static void test_ud2(void)
{
	RAISE("ud2");
	check(X86_TRAP_UD);
}

static void test_gp(void)
{
	RAISE("mov $0x8000000000000000, %%rax; mov (%%rax), %%rax");
	check(X86_TRAP_GP);
}

static void test_single_step(void)
{
	RAISE("pushfq; orq $0x100, (%%rsp); popfq; nop; nop");
	asm volatile("pushfq; andq $~0x100, (%%rsp); popfq" ::: "cc");
	check(X86_TRAP_DB);
}

static void test_icebp(void)
{
	RAISE(".byte 0xf1");
	check(X86_TRAP_DB);
}

static void test_x87_divzero(void)
{
	unsigned short cw = 0x37f & ~0x4;

	if (!sigsetjmp(env, 1))
		asm volatile("fninit; fldcw %0; fld1; fldz; fdivrp; fwait"
			     :
			     : "m"(cw));
	asm volatile("fninit");
	check(X86_TRAP_MF);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_signal,
				.sa_flags = SA_SIGINFO | SA_NODEFER };
	int sigs[] = { SIGTRAP, SIGFPE, SIGILL, SIGSEGV };
	unsigned int i;

	arch_cpu_init_this(0);
	init_idle(0);
	trap_init();
	arch_trap_exit(); /* the test's own handler, not the CPU's */
	for (i = 0; i < G_N_ELEMENTS(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/traps/user/int3", test_int3);
	g_test_add_func("/traps/user/divide-error", test_divide);
	g_test_add_func("/traps/user/ud2", test_ud2);
	g_test_add_func("/traps/user/general-protection", test_gp);
	g_test_add_func("/traps/user/single-step", test_single_step);
	g_test_add_func("/traps/user/icebp", test_icebp);
	g_test_add_func("/traps/user/x87-divide-by-zero", test_x87_divzero);
	return g_test_run();
}
