// SPDX-License-Identifier: GPL-2.0-only
/*
 *  NMI backtrace support, after lib/nmi_backtrace.c and the x86 glue of
 *  arch/x86/kernel/apic/hw_nmi.c.
 *
 *  Gratuitously copied from arch/x86/kernel/apic/hw_nmi.c by Russell King,
 *  with the following header:
 *
 *  HW NMI watchdog support
 *
 *  started by Don Zickus, Copyright (C) 2010 Red Hat, Inc.
 *
 *  Arch specific calls to support NMI watchdog
 *
 *  Bits copied from original nmi.c file
 */
#include <asm/apic.h>
#include <asm/timex.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>

static cpumask_t backtrace_mask;
static unsigned long backtrace_flag;
static int printk_cpu_sync_owner = -1;
static int printk_cpu_sync_nested;

/* printk_cpu_sync_get_irqsave(): one CPU prints at a time, nesting allowed */
static __nmisafe void printk_cpu_sync_get(void)
{
	int cpu = smp_processor_id(), owner = -1;

	while (!__atomic_compare_exchange_n(&printk_cpu_sync_owner, &owner, cpu,
					    0, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		if (owner == cpu)
			break;
		owner = -1;
		__builtin_ia32_pause();
	}
	printk_cpu_sync_nested++;
}

static __nmisafe void printk_cpu_sync_put(void)
{
	if (!--printk_cpu_sync_nested)
		__atomic_store_n(&printk_cpu_sync_owner, -1, __ATOMIC_RELEASE);
}

__nmisafe int nmi_cpu_backtrace(struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	cpumask_t bit = 1ULL << cpu;

	if (__atomic_load_n(&backtrace_mask, __ATOMIC_ACQUIRE) & bit) {
		/*
		 * Allow nested NMI backtraces while serializing
		 * against other CPUs.
		 */
		printk_cpu_sync_get();
		pr_warn("NMI backtrace for cpu %d\n", cpu);
		if (regs)
			show_regs(regs);
		else
			dump_stack();
		printk_cpu_sync_put();
		__atomic_and_fetch(&backtrace_mask, ~bit, __ATOMIC_RELEASE);
		return 1;
	}

	return 0;
}

static void nmi_raise_cpu_backtrace(cpumask_t *mask)
{
	apic->send_IPI_mask(mask, NMI_VECTOR);
}

/*
 * When raise() is called it will be passed a pointer to the
 * backtrace_mask. Architectures that call nmi_cpu_backtrace()
 * directly from their raise() functions may rely on the mask
 * they are passed being updated as a side effect of this call.
 */
void nmi_trigger_cpumask_backtrace(cpumask_t mask, int exclude_cpu,
				   void (*raise)(cpumask_t *mask))
{
	int i, this_cpu = smp_processor_id();

	if (__atomic_fetch_or(&backtrace_flag, 1, __ATOMIC_ACQUIRE) & 1) {
		/*
		 * If there is already a trigger_all_cpu_backtrace() in progress
		 * (backtrace_flag == 1), don't output double cpu dump infos.
		 */
		return;
	}

	if (exclude_cpu != -1)
		mask &= ~(1ULL << exclude_cpu);
	__atomic_store_n(&backtrace_mask, mask, __ATOMIC_RELEASE);

	/*
	 * Don't try to send an NMI to this cpu; it may work on some
	 * architectures, but on others it may not, and we'll get
	 * information at least as useful just by doing a dump_stack() here.
	 * Note that nmi_cpu_backtrace(NULL) will clear the cpu bit.
	 */
	if (mask & (1ULL << this_cpu))
		nmi_cpu_backtrace(NULL);

	mask = __atomic_load_n(&backtrace_mask, __ATOMIC_ACQUIRE);
	if (mask) {
		pr_info("Sending NMI from CPU %d to CPUs mask 0x%llx:\n",
			this_cpu, mask);
		raise(&backtrace_mask);
	}

	/* Wait for up to 10 seconds for all CPUs to do the backtrace */
	for (i = 0; i < 10 * 1000; i++) {
		if (!__atomic_load_n(&backtrace_mask, __ATOMIC_ACQUIRE))
			break;
		arch_msleep(1);
	}
	mask = __atomic_load_n(&backtrace_mask, __ATOMIC_ACQUIRE);
	if (mask)
		pr_warn("NMI backtrace: no answer from CPUs mask 0x%llx\n",
			mask);

	__atomic_and_fetch(&backtrace_flag, ~1UL, __ATOMIC_RELEASE);
}

/* arch/x86/kernel/apic/hw_nmi.c */
static __nmisafe int nmi_cpu_backtrace_handler(unsigned int cmd,
					       struct pt_regs *regs)
{
	(void)cmd;
	if (nmi_cpu_backtrace(regs))
		return NMI_HANDLED;

	return NMI_DONE;
}

int register_nmi_cpu_backtrace_handler(void)
{
	return register_nmi_handler(NMI_LOCAL, nmi_cpu_backtrace_handler, 0,
				    "arch_bt");
}

void unregister_nmi_cpu_backtrace_handler(void)
{
	unregister_nmi_handler(NMI_LOCAL, "arch_bt");
}

/* sysrq-l */
void trigger_all_cpu_backtrace(void)
{
	cpumask_t all = 0;
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		all |= 1ULL << cpu;
	nmi_trigger_cpumask_backtrace(all, -1, nmi_raise_cpu_backtrace);
}
