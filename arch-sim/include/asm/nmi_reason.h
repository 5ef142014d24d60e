/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform's NMI reason port (0x61, "system control port B"): bit 7
 * PCI SERR, bit 6 IOCHK.  Writing bits 2/3 clears and disables the lines.
 * vkernel's platform raises either on demand, as an injected fault.
 */
#ifndef _ASM_NMI_REASON_H
#define _ASM_NMI_REASON_H

#include <asm/compiler.h>

#define NMI_REASON_PORT 0x61
#define NMI_REASON_SERR 0x80
#define NMI_REASON_IOCHK 0x40
#define NMI_REASON_MASK (NMI_REASON_SERR | NMI_REASON_IOCHK)
#define NMI_REASON_CLEAR_SERR 0x04
#define NMI_REASON_CLEAR_IOCHK 0x08
#define NMI_REASON_CLEAR_MASK 0x0f

unsigned char inb(unsigned short port);
void outb(unsigned char value, unsigned short port);
/* A device asserted SERR or IOCHK (its external NMI comes with it). */
void platform_assert_nmi_reason(int bits);

/*
 * The SysRq key of the machine: vkernel nmi --backtrace queues it on the
 * NMI line with this value; it is a key press, not an NMI.
 */
#define PLATFORM_SYSRQ_L 0x100
void platform_press_sysrq(int key);
/* The key pressed since the last call, or 0. */
int platform_take_sysrq(void);

#endif
