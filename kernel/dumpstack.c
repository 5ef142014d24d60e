// SPDX-License-Identifier: GPL-2.0-only
/*
 * Oops output, after arch/x86/kernel/dumpstack.c and the register dump of
 * arch/x86/kernel/process_64.c.
 */
#include <signal.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/special_insns.h>
#include <asm/uaccess.h>
#include <asm/unwind.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>

#define PROLOGUE_SIZE 42
#define EPILOGUE_SIZE 21
#define OPCODE_BUFSIZE (PROLOGUE_SIZE + 1 + EPILOGUE_SIZE)
#define MAX_TRACE_FRAMES 64

static int die_counter;
extern int tainted_die;
static int die_owner = -1;
static int die_nest_count;

static __nmisafe void show_opcodes(struct pt_regs *regs, const char *loglvl)
{
	unsigned char opcodes[OPCODE_BUFSIZE];
	char line[OPCODE_BUFSIZE * 3 + 16];
	unsigned long prologue = regs->ip - PROLOGUE_SIZE;
	int i, n = 0;

	if (copy_from_kernel_nofault(opcodes, (void *)prologue,
				     sizeof(opcodes))) {
		printk("%sCode: Unable to access opcode bytes at 0x%lx.\n",
		       loglvl, prologue);
		return;
	}
	for (i = 0; i < OPCODE_BUFSIZE; i++)
		n += scnprintf(line + n, sizeof(line) - n,
			       i == PROLOGUE_SIZE ? " <%02x>" : " %02x",
			       opcodes[i]);
	printk("%sCode:%s\n", loglvl, line);
}

static __nmisafe void show_iret_regs(struct pt_regs *regs, const char *log_lvl)
{
	printk("%sRIP: %04x:%pS\n", log_lvl, (int)regs->cs, (void *)regs->ip);
	show_opcodes(regs, log_lvl);
	printk("%sRSP: %04lx:%016lx EFLAGS: %08lx", log_lvl, regs->ss, regs->sp,
	       regs->flags);
}

static __nmisafe void __show_regs(struct pt_regs *regs, const char *log_lvl)
{
	unsigned long d0, d1, d2, d3, d6, d7;

	show_iret_regs(regs, log_lvl);
	if (regs->orig_ax != -1UL)
		pr_cont(" ORIG_RAX: %016lx\n", regs->orig_ax);
	else
		pr_cont("\n");
	printk("%sRAX: %016lx RBX: %016lx RCX: %016lx\n", log_lvl, regs->ax,
	       regs->bx, regs->cx);
	printk("%sRDX: %016lx RSI: %016lx RDI: %016lx\n", log_lvl, regs->dx,
	       regs->si, regs->di);
	printk("%sRBP: %016lx R08: %016lx R09: %016lx\n", log_lvl, regs->bp,
	       regs->r8, regs->r9);
	printk("%sR10: %016lx R11: %016lx R12: %016lx\n", log_lvl, regs->r10,
	       regs->r11, regs->r12);
	printk("%sR13: %016lx R14: %016lx R15: %016lx\n", log_lvl, regs->r13,
	       regs->r14, regs->r15);
	printk("%sCS:  %04lx CR2: %016lx\n", log_lvl, regs->cs, read_cr2());
	get_debugreg(d0, 0);
	get_debugreg(d1, 1);
	get_debugreg(d2, 2);
	get_debugreg(d3, 3);
	get_debugreg(d6, 6);
	get_debugreg(d7, 7);
	/* Only print out debug registers if they are in their non-default state. */
	if (!d0 && !d1 && !d2 && !d3 && (!d6 || d6 == DR6_RESERVED) &&
	    !(d7 & ~0x400UL))
		return;
	{
		printk("%sDR0: %016lx DR1: %016lx DR2: %016lx\n", log_lvl, d0,
		       d1, d2);
		printk("%sDR3: %016lx DR6: %016lx DR7: %016lx\n", log_lvl, d3,
		       d6, d7);
	}
}

static __nmisafe void show_trace_log_lvl(struct pt_regs *regs,
					 const char *log_lvl)
{
	struct unwind_state state;
	int frames = 0;

	printk("%sCall Trace:\n", log_lvl);
	printk("%s <TASK>\n", log_lvl);
	unwind_start(&state, regs);
	/* with regs, the first frame is regs->ip, already on the RIP line */
	if (regs)
		unwind_next_frame(&state);
	for (; !unwind_done(&state) && frames < MAX_TRACE_FRAMES;
	     unwind_next_frame(&state), frames++)
		printk("%s %pB\n", log_lvl,
		       (void *)unwind_get_return_address(&state));
	printk("%s </TASK>\n", log_lvl);
}

static __nmisafe void show_regs_print_info(const char *log_lvl)
{
	struct task_struct *t = current;

	printk("%sCPU: %d UID: 0 PID: %d Comm: %.20s Not tainted %s #1\n",
	       log_lvl, smp_processor_id(), t->pid, t->comm, UTS_RELEASE);
	printk("%sHardware name: vkernel simulated x86-64 machine\n", log_lvl);
}

__nmisafe void show_regs(struct pt_regs *regs)
{
	show_regs_print_info(KERN_DEFAULT);
	__show_regs(regs, KERN_DEFAULT);
	if (!user_mode(regs))
		show_trace_log_lvl(regs, KERN_DEFAULT);
}

__nmisafe void dump_stack(void)
{
	show_regs_print_info(KERN_DEFAULT);
	show_trace_log_lvl(NULL, KERN_DEFAULT);
}

/* The die lock is recursive on one CPU: an oops in an oops. */
__nmisafe unsigned long oops_begin(void)
{
	int cpu = smp_processor_id(), owner = -1;

	console_verbose();
	while (!__atomic_compare_exchange_n(&die_owner, &owner, cpu, 0,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		if (owner == cpu)
			break;
		owner = -1;
	}
	die_nest_count++;
	__atomic_add_fetch(&oops_in_progress, 1, __ATOMIC_RELAXED);
	return 0;
}

__nmisafe void oops_end(unsigned long flags, struct pt_regs *regs, int signr)
{
	(void)flags;
	(void)regs;
	if (!--die_nest_count)
		__atomic_store_n(&die_owner, -1, __ATOMIC_RELEASE);
	__atomic_sub_fetch(&oops_in_progress, 1, __ATOMIC_RELAXED);
	if (!signr)
		return;
	if (in_interrupt())
		panic("Fatal exception in interrupt");
	if (panic_on_oops)
		panic("Fatal exception");
	/* make_task_dead(): a CPU only ever runs its idle task */
	panic("Attempted to kill the idle task!");
}

static __nmisafe void __die_header(const char *str, struct pt_regs *regs,
				   long err)
{
	(void)regs;
	printk(KERN_DEFAULT "Oops: %s: %04lx [#%d] SMP\n", str, err & 0xffff,
	       ++die_counter);
}

static __nmisafe int __die_body(const char *str, struct pt_regs *regs, long err)
{
	show_regs(regs);
	if (notify_die(DIE_OOPS, str, regs, err, current->thread.trap_nr,
		       SIGSEGV) == NOTIFY_STOP)
		return 1;
	return 0;
}

__nmisafe int __die(const char *str, struct pt_regs *regs, long err)
{
	__die_header(str, regs, err);
	tainted_die = 1;
	return __die_body(str, regs, err);
}

__nmisafe void die(const char *str, struct pt_regs *regs, long err)
{
	unsigned long flags = oops_begin();
	int sig = SIGSEGV;

	if (__die(str, regs, err))
		sig = 0;
	oops_end(flags, regs, sig);
}
