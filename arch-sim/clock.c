// SPDX-License-Identifier: GPL-2.0-only
#include <asm/timex.h>
#include <os.h>

static unsigned long long boot_ns;

void arch_clock_init(void)
{
	boot_ns = os_nsecs();
}

__nmisafe unsigned long long local_clock(void)
{
	return os_nsecs() - boot_ns;
}

/* A delay that may be spent anywhere, a debugger's wait included. */
__nmisafe void udelay(unsigned long usecs)
{
	os_sleep_ns(usecs * 1000ULL);
}

void arch_msleep(unsigned int msecs)
{
	os_sleep_ns(msecs * 1000000ULL);
}
