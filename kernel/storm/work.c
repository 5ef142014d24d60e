// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the simulated CPUs do in a storm.  Each CPU's workload draws its
 * next operation from its own stream of the plan: a claimed int3, a
 * single step over a few instructions plus a write to its watched word
 * (a DR0 write watchpoint kept armed, so that every NMI interrupts a
 * CPU with DR7 set), a vmalloc fault, an x87 or SSE error fixed up
 * through the exception table, an NMI IPI to some CPU, an NMI handler
 * registered and unregistered, or (on CPU 0) a userland task that
 * faults.  The storm's NMI handler does, now and then, what makes NMIs
 * nest: an int3, a single step or a vmalloc fault, each of whose IRETs
 * unblocks NMIs, or an NMI to itself.  Each operation checks what it
 * can see at once: the exceptions it raised and nothing else.
 */
#define pr_fmt(fmt) "storm: " fmt
#include <asm/apic.h>
#include <asm/asm.h>
#include <asm/debugreg.h>
#include <asm/flight.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>
#include <asm/timex.h>
#include <asm/trapnr.h>
#include <linux/fpu.h>
#include <linux/int3.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include <linux/userland.h>
#include <linux/vmalloc.h>
#include "storm.h"

#define STORM_PF_PAGES 16 /* per CPU: 8 for the workload, 8 for NMIs */
#define STORM_NMI_ACTIONS                                           \
	((1u << STORM_INT3) | (1u << STORM_DB) | (1u << STORM_PF) | \
	 (1u << STORM_NMI))

struct storm_cpu storm_cpus[NR_CPUS];
const struct storm_params *storm_p;
int storm_dr_ok;
int storm_go; /* every CPU armed its watchpoint: the storm begins */
static int storm_nr_cpus;

extern const char storm_int3_insn[], storm_nmi_int3_insn[];
extern const char storm_step_start[], storm_step_end[];
extern const char storm_nmi_step_start[], storm_nmi_step_end[];
extern const char storm_nmi_watch_end[];

static __nmisafe int storm_int3(struct int3_hook *h, struct pt_regs *regs)
{
	(void)h;
	(void)regs;
	storm_cpus[smp_processor_id()].int3_hits++;
	return 1;
}

static struct int3_hook storm_int3_hook = { .handler = storm_int3 };
static struct int3_hook storm_nmi_int3_hook = { .handler = storm_int3 };

static __nmisafe int in_range(unsigned long ip, const char *a, const char *b)
{
	return ip >= (unsigned long)a && ip <= (unsigned long)b;
}

/* A step in one of the two stepped ranges: TF off at its end. */
static __nmisafe int storm_step(struct storm_cpu *c, struct pt_regs *regs)
{
	unsigned long ip = regs->ip;
	int nmi = in_range(ip, storm_nmi_step_start, storm_nmi_step_end);

	if (!nmi && !in_range(ip, storm_step_start, storm_step_end))
		return 0;
	c->step_hits++;
	if (ip == (unsigned long)(nmi ? storm_nmi_step_end : storm_step_end))
		regs->flags &= ~X86_EFLAGS_TF;
	return 1;
}

static __nmisafe int storm_die(struct notifier_block *nb, unsigned long val,
			       void *data)
{
	struct die_args *args = data;
	unsigned long *dr6 = (unsigned long *)args->err;
	struct storm_cpu *c = &storm_cpus[smp_processor_id()];
	unsigned long dr0;

	(void)nb;
	if (val != DIE_DEBUG)
		return NOTIFY_DONE;
	if ((*dr6 & DR_STEP) && storm_step(c, args->regs)) {
		*dr6 &= ~DR_STEP;
		return NOTIFY_STOP;
	}
	if (!(*dr6 & DR_TRAP0))
		return NOTIFY_DONE;
	get_debugreg(dr0, 0);
	if (dr0 != (unsigned long)&c->watched)
		return NOTIFY_DONE;
	c->watch_hits++;
	/*
	 * DR7 is off in an NMI handler (local_db_save).  The workload's own
	 * hit may reach us in one: the host queues the trap behind the NMI
	 * signal, where x86 would take the #DB first.
	 */
	if (args->regs->ip == (unsigned long)storm_nmi_watch_end)
		nmi_check_fail(NMI_CHK_DR7, ~0UL, dr0);
	*dr6 &= ~DR_TRAP0;
	return NOTIFY_STOP;
}

static struct notifier_block storm_die_nb = { .notifier_call = storm_die };

/* Fresh faults: the pages lose their kernel mapping, not their content. */
void storm_pf_rearm(struct storm_cpu *c)
{
	int i;

	for (i = 0; i < STORM_PF_PAGES; i++)
		clear_kernel_mapping((unsigned long)c->pf_pool +
				     (unsigned long)i * PAGE_SIZE);
}

static __nmisafe void step_in_nmi(void)
{
	asm volatile("pushfq\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popfq\n"
		     ".globl storm_nmi_step_start\n"
		     "storm_nmi_step_start:\n\t"
		     "nop\n\tnop\n"
		     ".globl storm_nmi_step_end\n"
		     "storm_nmi_step_end:\n\t"
		     "nop\n" ::
			     : "memory", "cc");
}

__nmisafe int storm_nmi_action(struct storm_cpu *c, int kind)
{
	volatile char *page;
	unsigned long dr6;

	switch (kind) {
	case STORM_INT3:
		asm volatile(".globl storm_nmi_int3_insn\n"
			     "storm_nmi_int3_insn:\n\tint3" ::
				     : "memory");
		break;
	case STORM_DB:
		/*
		 * exc_nmi saves DR7, not DR6: a #DB whose entry this NMI
		 * interrupted has not read DR6 yet, and our steps' #DBs would
		 * read and clear it (as a kprobe or kgdb step in an NMI would
		 * upstream).  A stepper in NMI context must keep it.
		 */
		get_debugreg(dr6, 6);
		step_in_nmi();
		set_debugreg(dr6, 6);
		break;
	case STORM_PF:
		page = (volatile char *)c->pf_pool +
		       (8 + c->nmi_pf_next++ % 8) * PAGE_SIZE;
		*page += 1;
		break;
	case STORM_NMI:
		apic->send_IPI_self(NMI_VECTOR);
		break;
	default:
		return 0;
	}
	c->nmi_ops[kind]++;
	flight_record(FL_OP, kind, 1);
	return 1;
}

static __nmisafe int storm_nmi_handler(unsigned int type, struct pt_regs *r)
{
	struct storm_cpu *c = &storm_cpus[smp_processor_id()];
	int k;

	(void)type;
	if (c->depth++)
		nmi_check_fail(NMI_CHK_REENTRY, c->depth, r->ip);
	c->handler_calls++;
	nmi_point(NMI_PT_HANDLER_IN);
	/* one call in four does something that makes NMIs nest */
	if (!c->explore && !(storm_rand(&c->nmi_rng) & 3)) {
		k = storm_pick(&c->nmi_rng, storm_p->mix, STORM_NMI_ACTIONS);
		if (k >= 0)
			storm_nmi_action(c, k);
	}
	nmi_point(NMI_PT_HANDLER_MID);
	/* must not trap: DR7 is off in here */
	asm volatile("addl $1, %0\n"
		     ".globl storm_nmi_watch_end\n"
		     "storm_nmi_watch_end:"
		     : "+m"(c->watched));
	nmi_point(NMI_PT_HANDLER_OUT);
	c->depth--;
	c->progress++;
	return NMI_HANDLED;
}

static void op_int3(struct storm_cpu *c)
{
	unsigned long before = c->int3_hits;

	asm volatile(".globl storm_int3_insn\n"
		     "storm_int3_insn:\n\tint3" ::
			     : "memory");
	/* NMI handlers' int3s count too: at least ours */
	if (c->int3_hits == before)
		nmi_check_fail(NMI_CHK_SIGNALS, X86_TRAP_BP, 0);
}

static void op_db(struct storm_cpu *c)
{
	unsigned long hits = c->step_hits, watch = c->watch_hits;

	asm volatile("pushfq\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popfq\n"
		     ".globl storm_step_start\n"
		     "storm_step_start:\n\t"
		     "nop\n\tnop\n\tnop\n"
		     ".globl storm_step_end\n"
		     "storm_step_end:\n\t"
		     "nop\n" ::
			     : "memory", "cc");
	if (c->step_hits - hits < 3)
		nmi_check_fail(NMI_CHK_SIGNALS, X86_TRAP_DB,
			       c->step_hits - hits);
	if (!storm_dr_ok)
		return;
	c->watched++;
	if (c->watch_hits == watch)
		nmi_check_fail(NMI_CHK_SIGNALS, X86_TRAP_DB, DR_TRAP0);
}

static void op_pf(struct storm_cpu *c)
{
	unsigned long page =
		(unsigned long)c->pf_pool + (c->pf_next++ % 8) * PAGE_SIZE;

	clear_kernel_mapping(page);
	*(volatile char *)page += 1;
	/* an NMI that faulted in between must have put cr2 back */
	if (read_cr2() != page)
		nmi_check_fail(NMI_CHK_CR2, page, read_cr2());
}

static void op_mf(void)
{
	unsigned long ax = fpu_divzero_x87();

	if (ax != X86_TRAP_MF)
		nmi_check_fail(NMI_CHK_SIGNALS, X86_TRAP_MF, ax);
}

static void op_xf(void)
{
	unsigned long ax = fpu_divzero_simd();

	if (ax != X86_TRAP_XF)
		nmi_check_fail(NMI_CHK_SIGNALS, X86_TRAP_XF, ax);
}

/* reg: a second handler comes and goes while NMIs run through the chain */
static struct nmiaction aux_action[NR_CPUS];
static char aux_name[NR_CPUS][16];
static int aux_gone[NR_CPUS];

static __nmisafe int storm_aux_handler(unsigned int type, struct pt_regs *r)
{
	int cpu;

	(void)type;
	(void)r;
	for (cpu = 0; cpu < storm_nr_cpus; cpu++) {
		if (__atomic_load_n(&aux_action[cpu].registered,
				    __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&aux_gone[cpu], __ATOMIC_ACQUIRE))
			nmi_check_fail(NMI_CHK_UNREG, cpu, 0);
	}
	return NMI_DONE;
}

static void op_reg(int cpu)
{
	struct nmiaction *a = &aux_action[cpu];

	__atomic_store_n(&aux_gone[cpu], 0, __ATOMIC_RELEASE);
	a->handler = storm_aux_handler;
	a->name = aux_name[cpu];
	if (__register_nmi_handler(NMI_LOCAL, a))
		nmi_check_fail(NMI_CHK_LEAK, cpu, 1);
	cpu_relax();
	unregister_nmi_handler(NMI_LOCAL, aux_name[cpu]);
	__atomic_store_n(&aux_gone[cpu], 1, __ATOMIC_RELEASE);
}

/* user: a task that faults and checks it gets exactly its own signals */
static void op_user(void)
{
	char seed[24];
	char *argv[] = { (char *)storm_p->task, "storm-task", seed, NULL };
	int status;

	scnprintf(seed, sizeof(seed), "%lu",
		  (unsigned long)storm_rand(&storm_cpus[0].work_rng));
	status = userland_run(argv, 0);
	if (status)
		nmi_check_fail(NMI_CHK_SIGNALS, 256, status);
}

static void op_nmi(struct storm_cpu *c)
{
	cpumask_t target = 1ULL << (storm_rand(&c->work_rng) % storm_nr_cpus);

	apic->send_IPI_mask(&target, NMI_VECTOR);
}

/*
 * Armed even where the host's debug registers never fire: DR7 is the
 * simulated CPU's register either way, and exc_nmi must keep it.
 */
static void storm_arm_watch(struct storm_cpu *c)
{
	set_debugreg((unsigned long)&c->watched, 0);
	set_debugreg(0x1UL | (0xdUL << 16), 7); /* L0, write, 4 bytes */
}

void storm_cpu_tick(int cpu)
{
	struct storm_cpu *c = &storm_cpus[cpu];
	unsigned int allowed = ~0u;
	int k;

	if (!c->armed) {
		storm_arm_watch(c);
		__atomic_store_n(&c->armed, 1, __ATOMIC_RELEASE);
	}
	if (!__atomic_load_n(&storm_go, __ATOMIC_ACQUIRE)) {
		cpu_relax();
		return;
	}
	allowed &= ~(1u << STORM_GDB); /* the debugger's, not a CPU's */
	if (cpu || !storm_p->task[0])
		allowed &= ~(1u << STORM_USER);
	k = storm_pick(&c->work_rng, storm_p->mix, allowed);
	if (k < 0) {
		cpu_relax();
		return;
	}
	flight_record(FL_OP, k, 0);
	switch (k) {
	case STORM_NMI:
		op_nmi(c);
		break;
	case STORM_INT3:
		op_int3(c);
		break;
	case STORM_DB:
		op_db(c);
		break;
	case STORM_PF:
		op_pf(c);
		break;
	case STORM_MF:
		op_mf();
		break;
	case STORM_XF:
		op_xf();
		break;
	case STORM_USER:
		op_user();
		break;
	case STORM_REG:
		op_reg(cpu);
		break;
	}
	c->ops[k]++;
	if (!(++c->progress & 63))
		storm_pf_rearm(c);
}

static struct nmiaction storm_action = { .handler = storm_nmi_handler,
					 .name = "storm" };

int storm_work_init(int nr_cpus, int explore)
{
	int cpu;

	storm_nr_cpus = nr_cpus;
	storm_dr_ok = debugreg_backend() != DR_BACKEND_NONE;
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		struct storm_cpu *c = &storm_cpus[cpu];

		memset(c, 0, sizeof(*c));
		c->explore = explore;
		storm_rng_seed(&c->work_rng, storm_p->seed,
			       STREAM_WORK + 2 * cpu);
		storm_rng_seed(&c->nmi_rng, storm_p->seed,
			       STREAM_HANDLER + 2 * cpu);
		c->pf_pool = vmalloc(STORM_PF_PAGES * PAGE_SIZE);
		if (!c->pf_pool)
			return -1;
		scnprintf(aux_name[cpu], sizeof(aux_name[cpu]), "storm_aux%d",
			  cpu);
	}
	storm_int3_hook.addr = (unsigned long)storm_int3_insn;
	storm_nmi_int3_hook.addr = (unsigned long)storm_nmi_int3_insn;
	if (register_int3_hook(&storm_int3_hook) ||
	    register_int3_hook(&storm_nmi_int3_hook) ||
	    register_die_notifier(&storm_die_nb))
		return -1;
	return __register_nmi_handler(NMI_LOCAL, &storm_action);
}

void storm_work_exit(int nr_cpus)
{
	int cpu;

	unregister_nmi_handler(NMI_LOCAL, "storm");
	unregister_die_notifier(&storm_die_nb);
	unregister_int3_hook(&storm_nmi_int3_hook);
	unregister_int3_hook(&storm_int3_hook);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		vfree(storm_cpus[cpu].pf_pool);
		storm_cpus[cpu].pf_pool = NULL;
	}
}

unsigned long storm_handlers_registered(void)
{
	unsigned long n = storm_action.registered;
	int cpu;

	for (cpu = 0; cpu < storm_nr_cpus; cpu++)
		n += aux_action[cpu].registered;
	return n;
}
