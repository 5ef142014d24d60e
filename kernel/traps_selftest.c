// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot self-test: every exception class raised once in kernel mode on
 * each CPU and handled the way the kernel handles it (exception-table
 * fixup, a die notifier, an int3 hook, a vmalloc fault).  A class passes
 * only if the handler saw the right vector and state and the interrupted
 * code resumed as the handler said.
 */
#define pr_fmt(fmt) "traps-selftest: " fmt
#include <signal.h>
#include <string.h>
#include <asm/asm.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include <linux/fpu.h>
#include <linux/int3.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/traps.h>
#include <linux/vmalloc.h>

DECLARE_PER_CPU(unsigned long, vmalloc_fault_count);

struct st_cpu {
	struct selftest_result r[NR_TRAP_SELFTESTS];
	unsigned int step_seen; /* bit k: a step trap at st_step_start + k */
	int stepping;
	int hwbp_hits;
	int int3_hits;
	void *pf_page;
};

static DEFINE_PER_CPU(struct st_cpu, st);

extern const char st_step_start[], st_step_end[], st_int3_insn[];

static __nmisafe int st_die_notify(struct notifier_block *nb, unsigned long val,
				   void *data)
{
	struct die_args *args = data;
	struct st_cpu *s = this_cpu_ptr(st);
	unsigned long *dr6 = (unsigned long *)args->err;
	unsigned long ip = args->regs->ip;

	(void)nb;
	if (val != DIE_DEBUG)
		return NOTIFY_DONE;
	if ((*dr6 & DR_STEP) && s->stepping &&
	    ip >= (unsigned long)st_step_start &&
	    ip <= (unsigned long)st_step_end) {
		s->step_seen |= 1u << (ip - (unsigned long)st_step_start);
		if (ip == (unsigned long)st_step_end) {
			args->regs->flags &= ~X86_EFLAGS_TF;
			s->stepping = 0;
		}
		*dr6 &= ~DR_STEP;
		return NOTIFY_STOP;
	}
	if (*dr6 & DR_TRAP0) {
		unsigned long dr0;

		get_debugreg(dr0, 0);
		if (ip != dr0)
			return NOTIFY_DONE;
		s->hwbp_hits++;
		*dr6 &= ~DR_TRAP0;
		return NOTIFY_STOP;
	}
	return NOTIFY_DONE;
}

static struct notifier_block st_die_nb = { .notifier_call = st_die_notify };

static __nmisafe int st_int3_handler(struct int3_hook *hook,
				     struct pt_regs *regs)
{
	(void)hook;
	this_cpu_ptr(st)->int3_hits++;
	regs->ax = 0x42; /* proves the IRET wrote pt_regs back */
	return 1;
}

static struct int3_hook st_int3_hook = { .handler = st_int3_handler };

/*
 * The fixups write RAX (EX_TYPE_FAULT) before the asm's last instruction,
 * so every RAX output is early-clobber: no input may live in it.
 */
#define ST_FAIL(r, ...)           \
	((r)->status = ST_FAILED, \
	 scnprintf((r)->detail, sizeof((r)->detail), __VA_ARGS__))

static void st_divide_error(struct selftest_result *r)
{
	unsigned long ax;

	asm volatile("xor %%edx, %%edx\n\t"
		     "mov $1, %%eax\n\t"
		     "xor %%ecx, %%ecx\n"
		     "1:\tdiv %%ecx\n\t"
		     "mov $-1, %%rax\n"
		     "2:\n" _ASM_EXTABLE_FAULT(1b, 2b)
		     : "=&a"(ax)
		     :
		     : "rcx", "rdx", "cc");
	if (ax != X86_TRAP_DE)
		ST_FAIL(r, "fixup saw vector %ld", (long)ax);
}

static void st_single_step(struct selftest_result *r)
{
	struct st_cpu *s = this_cpu_ptr(st);

	s->step_seen = 0;
	s->stepping = 1;
	asm volatile("pushfq\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popfq\n"
		     ".globl st_step_start\n"
		     "st_step_start:\n\t"
		     "nop\n\tnop\n\tnop\n\tnop\n"
		     ".globl st_step_end\n"
		     "st_step_end:\n\t"
		     "nop\n" ::
			     : "memory", "cc");
	/* one trap after each of the four nops, TF cleared at the end */
	if ((s->step_seen & 0x1e) != 0x1e || s->stepping)
		ST_FAIL(r, "steps seen 0x%x, TF %s", s->step_seen,
			s->stepping ? "still set" : "cleared");
}

static __attribute__((noinline)) int st_hwbp_target(int x)
{
	barrier();
	return x * 3 + 1;
}

static void st_hw_breakpoint(struct selftest_result *r)
{
	struct st_cpu *s = this_cpu_ptr(st);
	int (*volatile target)(int) = st_hwbp_target;
	int v;

	if (debugreg_backend() == DR_BACKEND_NONE) {
		r->status = ST_SKIPPED;
		scnprintf(r->detail, sizeof(r->detail), "%s",
			  debugreg_unavailable_reason());
		return;
	}
	s->hwbp_hits = 0;
	set_debugreg((unsigned long)st_hwbp_target, 0);
	set_debugreg(0x1UL /* L0, execute, length 1 */, 7);
	v = target(2);
	set_debugreg(0UL, 7);
	set_debugreg(0UL, 0);
	if (s->hwbp_hits != 1 || v != 7)
		ST_FAIL(r, "%d hits (%s), result %d", s->hwbp_hits,
			debugreg_backend_name(debugreg_backend()), v);
	else
		scnprintf(r->detail, sizeof(r->detail), "%s",
			  debugreg_backend_name(debugreg_backend()));
}

static void st_int3(struct selftest_result *r)
{
	struct st_cpu *s = this_cpu_ptr(st);
	unsigned long ax;

	s->int3_hits = 0;
	asm volatile("xor %%eax, %%eax\n"
		     ".globl st_int3_insn\n"
		     "st_int3_insn:\n\t"
		     "int3\n"
		     : "=a"(ax)
		     :
		     : "memory");
	if (s->int3_hits != 1 || ax != 0x42)
		ST_FAIL(r, "%d hits, rax 0x%lx", s->int3_hits, ax);
}

static void st_page_fault(struct selftest_result *r)
{
	struct st_cpu *s = this_cpu_ptr(st);
	volatile int *p = s->pf_page;
	unsigned long before = this_cpu_read(vmalloc_fault_count);

	if (!p) {
		ST_FAIL(r, "vmalloc failed");
		return;
	}
	*p = 0x5a5a;
	if (read_cr2() != (unsigned long)p ||
	    this_cpu_read(vmalloc_fault_count) != before + 1 || *p != 0x5a5a)
		ST_FAIL(r, "cr2 0x%lx for %p, %lu faults", read_cr2(),
			(void *)p, this_cpu_read(vmalloc_fault_count) - before);
}

static void st_check_fpu_code(struct selftest_result *r, int trapnr,
			      unsigned long ax)
{
	struct fpu *fpu = &current->thread.fpu;
	int code;

	fpu_sync_fpstate(fpu);
	code = fpu__exception_code(fpu, trapnr);
	if (ax != (unsigned long)trapnr || code != FPE_FLTDIV)
		ST_FAIL(r, "vector %ld, fpu__exception_code %d", (long)ax,
			code);
}

static void st_x87(struct selftest_result *r)
{
	st_check_fpu_code(r, X86_TRAP_MF, fpu_divzero_x87());
}

static void st_simd(struct selftest_result *r)
{
	st_check_fpu_code(r, X86_TRAP_XF, fpu_divzero_simd());
}

static void st_invalid_op(struct selftest_result *r)
{
	unsigned long ax;

	asm volatile("1:\tud2\n\t"
		     "mov $-1, %%rax\n"
		     "2:\n" _ASM_EXTABLE_FAULT(1b, 2b)
		     : "=&a"(ax));
	if (ax != X86_TRAP_UD)
		ST_FAIL(r, "fixup saw vector %ld", (long)ax);
}

static void st_general_protection(struct selftest_result *r)
{
	unsigned long ax = 0x8000000000000000UL; /* non-canonical */

	asm volatile("1:\tmov (%%rax), %%rax\n\t"
		     "mov $-1, %%rax\n"
		     "2:\n" _ASM_EXTABLE_FAULT(1b, 2b)
		     : "+a"(ax)
		     :
		     : "memory");
	if (ax != X86_TRAP_GP)
		ST_FAIL(r, "fixup saw vector %ld", (long)ax);
}

static const struct {
	const char *mnemonic;
	int vector;
	const char *what;
	void (*fn)(struct selftest_result *r);
} tests[NR_TRAP_SELFTESTS] = {
	{ "#DE", X86_TRAP_DE, "divide error, fixup", st_divide_error },
	{ "#DB", X86_TRAP_DB, "single step (TF)", st_single_step },
	{ "#DB", X86_TRAP_DB, "hardware breakpoint", st_hw_breakpoint },
	{ "#BP", X86_TRAP_BP, "int3, hook", st_int3 },
	{ "#PF", X86_TRAP_PF, "vmalloc fault", st_page_fault },
	{ "#MF", X86_TRAP_MF, "x87 divide by zero, fixup", st_x87 },
	{ "#XF", X86_TRAP_XF, "SSE divide by zero, fixup", st_simd },
	{ "#UD", X86_TRAP_UD, "ud2, fixup", st_invalid_op },
	{ "#GP", X86_TRAP_GP, "non-canonical access, fixup",
	  st_general_protection },
};

static int st_registered;

/* On the boot CPU, before the others start. */
int traps_selftest_init(void)
{
	int cpu, err;

	st_int3_hook.addr = (unsigned long)st_int3_insn;
	err = register_die_notifier(&st_die_nb);
	if (!err)
		err = register_int3_hook(&st_int3_hook);
	if (err)
		return err;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		per_cpu(st, cpu).pf_page = vmalloc(PAGE_SIZE);
	st_registered = 1;
	return 0;
}

void traps_selftest_exit(void)
{
	int cpu;

	if (!st_registered)
		return;
	unregister_int3_hook(&st_int3_hook);
	unregister_die_notifier(&st_die_nb);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		vfree(per_cpu(st, cpu).pf_page);
	st_registered = 0;
}

void traps_selftest_cpu(int cpu)
{
	struct st_cpu *s = per_cpu_ptr(st, cpu);
	int i;

	for (i = 0; i < NR_TRAP_SELFTESTS; i++) {
		struct selftest_result *r = &s->r[i];

		r->mnemonic = tests[i].mnemonic;
		r->vector = tests[i].vector;
		r->what = tests[i].what;
		r->status = ST_OK;
		r->detail[0] = 0;
		tests[i].fn(r);
	}
}

const struct selftest_result *traps_selftest_results(int cpu)
{
	return per_cpu(st, cpu).r;
}

static const char *const status_names[] = {
	[ST_NOT_RUN] = "not run",
	[ST_OK] = "ok",
	[ST_FAILED] = "FAILED",
	[ST_SKIPPED] = "skipped",
};

void traps_selftest_report(int nr_cpus, int *ok, int *failed, int *skipped)
{
	int cpu, i;

	*ok = *failed = *skipped = 0;
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		const struct selftest_result *r = traps_selftest_results(cpu);

		for (i = 0; i < NR_TRAP_SELFTESTS; i++, r++) {
			const char *lvl =
				r->status == ST_FAILED	? KERN_ERR :
				r->status == ST_SKIPPED ? KERN_WARNING :
							  KERN_INFO;

			*ok += r->status == ST_OK;
			*failed += r->status == ST_FAILED ||
				   r->status == ST_NOT_RUN;
			*skipped += r->status == ST_SKIPPED;
			printk("%s" pr_fmt(
				       "CPU%-2d %-3s vector %2d  %-28s %s%s%s%s\n"),
			       lvl, cpu, r->mnemonic, r->vector, r->what,
			       status_names[r->status],
			       r->detail[0] ? " (" : "", r->detail,
			       r->detail[0] ? ")" : "");
		}
	}
}

static __attribute__((noinline)) void oops_test_inner(void)
{
	asm volatile("int3");
	barrier();
}

static __attribute__((noinline)) void oops_test_middle(void)
{
	oops_test_inner();
	barrier();
}

void oops_test(void)
{
	printk(KERN_INFO
	       "oops-test: an int3 in kernel mode that nobody claims\n");
	oops_test_middle();
	barrier();
}
