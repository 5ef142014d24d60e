// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page faults, after arch/x86/mm/fault.c.  vmalloc_fault() is the one
 * x86-64 had before v5.9: a kernel fault on a vmalloc address whose
 * reference page-table entry exists only syncs the entry and retries.
 */
#define pr_fmt(fmt) fmt
#include <signal.h>
#include <asm/idtentry.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include <linux/extable.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/vmalloc.h>

DEFINE_PER_CPU(unsigned long, vmalloc_fault_count);

__nmisafe int vmalloc_fault(unsigned long address)
{
	/* Make sure we are in vmalloc area: */
	if (!(address >= VMALLOC_START && address < VMALLOC_END))
		return -1;
	/* Copy kernel mappings over when needed. */
	if (!pte_ref_present(address))
		return -1;
	if (sync_kernel_mapping(address))
		return -1;
	this_cpu_inc(vmalloc_fault_count);
	return 0;
}

static __nmisafe void page_fault_oops(struct pt_regs *regs,
				      unsigned long error_code,
				      unsigned long address)
{
	unsigned long flags;
	int sig;

	if (address < PAGE_SIZE && !user_mode(regs))
		pr_alert(
			"BUG: kernel NULL pointer dereference, address: %016lx\n",
			address);
	else
		pr_alert(
			"BUG: unable to handle page fault for address: %016lx\n",
			address);

	pr_alert("#PF: %s %s in %s mode\n",
		 (error_code & X86_PF_USER) ? "user" : "supervisor",
		 (error_code & X86_PF_INSTR) ? "instruction fetch" :
		 (error_code & X86_PF_WRITE) ? "write access" :
					       "read access",
		 user_mode(regs) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code,
		 !(error_code & X86_PF_PROT) ? "not-present page" :
		 (error_code & X86_PF_RSVD)  ? "reserved bit violation" :
		 (error_code & X86_PF_PK)    ? "protection keys violation" :
					       "permissions violation");

	flags = oops_begin();
	sig = SIGKILL;
	current->thread.cr2 = address;
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.error_code = error_code;
	if (__die("Oops", regs, error_code))
		sig = 0;
	oops_end(flags, regs, sig);
}

static __nmisafe void kernelmode_fixup_or_oops(struct pt_regs *regs,
					       unsigned long error_code,
					       unsigned long address)
{
	if (fixup_exception(regs, X86_TRAP_PF, error_code, address))
		return;
	page_fault_oops(regs, error_code, address);
}

/* Print out info about fatal segfaults, if the show_unhandled_signals sysctl is set */
static __nmisafe void show_signal_msg(struct pt_regs *regs,
				      unsigned long error_code,
				      unsigned long address,
				      struct task_struct *tsk)
{
	int cpu = smp_processor_id();

	if (!unhandled_signal(tsk, SIGSEGV))
		return;
	printk(KERN_INFO
	       "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx%s likely on CPU %d (core %d, socket 0)\n",
	       tsk->comm, task_pid_nr(tsk), address, regs->ip, regs->sp,
	       error_code, print_vma_addr(tsk), cpu, cpu);
}

static __nmisafe void __bad_area_nosemaphore(struct pt_regs *regs,
					     unsigned long error_code,
					     unsigned long address, int si_code)
{
	struct task_struct *tsk = current;

	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, error_code, address);
		return;
	}
	if (show_unhandled_signals)
		show_signal_msg(regs, error_code, address, tsk);
	tsk->thread.cr2 = address;
	tsk->thread.error_code = error_code;
	tsk->thread.trap_nr = X86_TRAP_PF;
	force_sig_fault(SIGSEGV, si_code, (void *)address);
}

static __nmisafe void do_kern_addr_fault(struct pt_regs *regs,
					 unsigned long hw_error_code,
					 unsigned long address)
{
	if (!(hw_error_code & (X86_PF_RSVD | X86_PF_USER | X86_PF_PROT))) {
		if (vmalloc_fault(address) >= 0)
			return;
	}
	__bad_area_nosemaphore(regs, hw_error_code, address, SEGV_MAPERR);
}

/* vkernel has no user mm yet: a user fault's si_code is the error code's. */
static __nmisafe void do_user_addr_fault(struct pt_regs *regs,
					 unsigned long error_code,
					 unsigned long address)
{
	__bad_area_nosemaphore(regs, error_code, address,
			       error_code & X86_PF_PROT ? SEGV_ACCERR :
							  SEGV_MAPERR);
}

static __always_inline int fault_in_kernel_space(unsigned long address)
{
	return address >= VMALLOC_START && address < VMALLOC_END;
}

static __nmisafe void handle_page_fault(struct pt_regs *regs,
					unsigned long error_code,
					unsigned long address)
{
	if (unlikely(fault_in_kernel_space(address)))
		do_kern_addr_fault(regs, error_code, address);
	else
		do_user_addr_fault(regs, error_code, address);
}

DEFINE_IDTENTRY_RAW_ERRORCODE(exc_page_fault)
{
	unsigned long address = read_cr2();
	irqentry_state_t state = irqentry_enter(regs);

	handle_page_fault(regs, error_code, address);
	irqentry_exit(regs, state);
}
