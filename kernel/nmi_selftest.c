// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch/x86/kernel/nmi-selftest.c
 *
 * Testsuite for NMI: IPIs
 *
 * Started by Don Zickus:
 * (using lib/locking-selftest.c as a guide)
 *
 *   Copyright (C) 2011 Red Hat, Inc., Don Zickus <dzickus@redhat.com>
 */
#include <asm/apic.h>
#include <asm/timex.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>

#define SUCCESS 0
#define FAILURE 1
#define TIMEOUT 2

static int nmi_fail;

/* check to see if NMI IPIs work on this machine */
static cpumask_t nmi_ipi_mask;

static int testcase_total;
static int testcase_successes;
static int expected_testcase_failures;
static int unexpected_testcase_failures;
static int unexpected_testcase_unknowns;

static __nmisafe int nmi_unk_cb(unsigned int val, struct pt_regs *regs)
{
	(void)val;
	(void)regs;
	__atomic_add_fetch(&unexpected_testcase_unknowns, 1, __ATOMIC_RELAXED);
	return NMI_HANDLED;
}

static void init_nmi_testsuite(void)
{
	/* trap all the unknown NMIs we may generate */
	register_nmi_handler(NMI_UNKNOWN, nmi_unk_cb, 0, "nmi_selftest_unk");
}

static void cleanup_nmi_testsuite(void)
{
	unregister_nmi_handler(NMI_UNKNOWN, "nmi_selftest_unk");
}

static __nmisafe int test_nmi_ipi_callback(unsigned int val,
					   struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	cpumask_t bit = 1ULL << cpu;

	(void)val;
	(void)regs;
	if (__atomic_fetch_and(&nmi_ipi_mask, ~bit, __ATOMIC_ACQ_REL) & bit)
		return NMI_HANDLED;

	return NMI_DONE;
}

static void test_nmi_ipi(cpumask_t *mask)
{
	unsigned long long deadline;

	if (register_nmi_handler(NMI_LOCAL, test_nmi_ipi_callback,
				 NMI_FLAG_FIRST, "nmi_selftest")) {
		nmi_fail = FAILURE;
		return;
	}

	/* sync above data before sending NMI */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	apic->send_IPI_mask(mask, NMI_VECTOR);

	/* Don't wait longer than a second */
	deadline = local_clock() + 1000000000ULL;
	while (__atomic_load_n(mask, __ATOMIC_ACQUIRE) &&
	       local_clock() < deadline)
		__builtin_ia32_pause();

	/* What happens if we timeout, do we still unregister?? */
	unregister_nmi_handler(NMI_LOCAL, "nmi_selftest");

	if (__atomic_load_n(mask, __ATOMIC_ACQUIRE))
		nmi_fail = TIMEOUT;
}

static void remote_ipi(void)
{
	cpumask_t online = 0;
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		online |= 1ULL << cpu;
	nmi_ipi_mask = online & ~(1ULL << smp_processor_id());
	if (nmi_ipi_mask)
		test_nmi_ipi(&nmi_ipi_mask);
}

static void local_ipi(void)
{
	nmi_ipi_mask = 1ULL << smp_processor_id();
	test_nmi_ipi(&nmi_ipi_mask);
}

static void reset_nmi(void)
{
	nmi_fail = 0;
}

static void dotest(void (*testcase_fn)(void), int expected)
{
	testcase_fn();
	/*
	 * Filter out expected failures:
	 */
	if (nmi_fail != expected) {
		unexpected_testcase_failures++;

		if (nmi_fail == FAILURE)
			printk(KERN_CONT "FAILED |");
		else if (nmi_fail == TIMEOUT)
			printk(KERN_CONT "TIMEOUT|");
		else
			printk(KERN_CONT "ERROR  |");
		dump_stack();
	} else {
		testcase_successes++;
		printk(KERN_CONT "  ok  |");
	}
	testcase_total++;

	reset_nmi();
}

static inline void print_testname(const char *testname)
{
	printk("%12s:", testname);
}

/* Returns the number of unexpected failures. */
int nmi_selftest(void)
{
	init_nmi_testsuite();

	/*
	 * Run the testsuite:
	 */
	printk("----------------\n");
	printk("| NMI testsuite:\n");
	printk("--------------------\n");

	print_testname("remote IPI");
	dotest(remote_ipi, SUCCESS);
	printk(KERN_CONT "\n");
	print_testname("local IPI");
	dotest(local_ipi, SUCCESS);
	printk(KERN_CONT "\n");

	cleanup_nmi_testsuite();

	if (unexpected_testcase_failures) {
		printk("--------------------\n");
		printk("BUG: %3d unexpected failures (out of %3d) - debugging disabled! |\n",
		       unexpected_testcase_failures, testcase_total);
		printk("-----------------------------------------------------------------\n");
	} else if (expected_testcase_failures && testcase_successes) {
		printk("--------------------\n");
		printk("%3d out of %3d testcases failed, as expected. |\n",
		       expected_testcase_failures, testcase_total);
		printk("----------------------------------------------------\n");
	} else if (expected_testcase_failures && !testcase_successes) {
		printk("--------------------\n");
		printk("All %2d testcases failed, as expected. |\n",
		       expected_testcase_failures);
		printk("----------------------------------------\n");
	} else {
		printk("--------------------\n");
		printk("Good, all %3d testcases passed! |\n",
		       testcase_successes);
		printk("---------------------------------\n");
	}
	return unexpected_testcase_failures;
}
