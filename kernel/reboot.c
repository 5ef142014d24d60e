// SPDX-License-Identifier: GPL-2.0-only
/* Orderly halt, after kernel/reboot.c. */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/smp.h>

static int halt_request;

__nmisafe void ctrl_alt_del(void)
{
	__atomic_store_n(&halt_request, 1, __ATOMIC_RELEASE);
	smp_send_stop();
}

int halt_requested(void)
{
	return __atomic_load_n(&halt_request, __ATOMIC_ACQUIRE);
}

/* On CPU 0, once the other CPUs are offline. */
void kernel_halt(void)
{
	if (system_state != SYSTEM_PANIC)
		system_state = SYSTEM_HALT;
	pr_emerg("reboot: System halted\n");
}
