// SPDX-License-Identifier: GPL-2.0-only
/* Port 0x61 of the simulated platform (see asm/nmi_reason.h). */
#include <asm/nmi_hw.h>
#include <asm/nmi_reason.h>

static unsigned char port61;
static int sysrq_key;

__nmisafe unsigned char inb(unsigned short port)
{
	if (port != NMI_REASON_PORT)
		return 0xff;
	return __atomic_load_n(&port61, __ATOMIC_ACQUIRE);
}

__nmisafe void outb(unsigned char value, unsigned short port)
{
	if (port != NMI_REASON_PORT)
		return;
	/* a written clear bit drops the matching line */
	if (value & NMI_REASON_CLEAR_SERR)
		__atomic_and_fetch(&port61, (unsigned char)~NMI_REASON_SERR,
				   __ATOMIC_RELEASE);
	if (value & NMI_REASON_CLEAR_IOCHK)
		__atomic_and_fetch(&port61, ~NMI_REASON_IOCHK,
				   __ATOMIC_RELEASE);
}

__nmisafe void platform_assert_nmi_reason(int bits)
{
	__atomic_or_fetch(&port61, (unsigned char)(bits & NMI_REASON_MASK),
			  __ATOMIC_RELEASE);
}

__nmisafe void platform_press_sysrq(int key)
{
	__atomic_store_n(&sysrq_key, key, __ATOMIC_RELEASE);
}

int platform_take_sysrq(void)
{
	return __atomic_exchange_n(&sysrq_key, 0, __ATOMIC_ACQ_REL);
}
