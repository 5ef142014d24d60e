/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

/* Request an orderly halt (SIGINT/SIGTERM, --run-for ran out). */
void ctrl_alt_del(void);
int halt_requested(void);
void kernel_halt(void);

#endif
