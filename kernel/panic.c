// SPDX-License-Identifier: GPL-2.0-only
/* After kernel/panic.c.  A panicking CPU parks dead; CPU 0 halts. */
#include <asm/cpu.h>
#include <linux/kernel.h>
#include <linux/kdebug.h>
#include <linux/smp.h>

int oops_in_progress;
int panic_on_oops;
enum system_states system_state;
static int panic_cpu = -1;
int tainted_die; /* TAINT_DIE: an Oops already printed the stack */

__nmisafe int panic_in_progress(void)
{
	return __atomic_load_n(&panic_cpu, __ATOMIC_RELAXED) != -1;
}

__nmisafe void panic(const char *fmt, ...)
{
	int old = -1, this_cpu = smp_processor_id();
	char buf[256];
	va_list args;

	/* Only one CPU panics; the others just stop, as after an NMI stop. */
	if (!__atomic_compare_exchange_n(&panic_cpu, &old, this_cpu, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		arch_cpu_park_dead();
	console_verbose();
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!tainted_die &&
	    __atomic_load_n(&oops_in_progress, __ATOMIC_RELAXED) <= 1)
		dump_stack();
	__atomic_store_n(&system_state, SYSTEM_PANIC, __ATOMIC_RELEASE);
	smp_send_stop();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	arch_cpu_park_dead();
}
