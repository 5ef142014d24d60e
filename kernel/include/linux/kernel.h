/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stddef.h>
#include <stdarg.h>
#include <asm/compiler.h>
#include <linux/printk.h>

#define UTS_RELEASE "0.1.0-vkernel"

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
/* Not vsnprintf: that would interpose on libc for GLib too. */
int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

__printf(1, 2) void __noreturn panic(const char *fmt, ...);
extern int oops_in_progress;
extern int panic_on_oops;
int panic_in_progress(void);

enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_PANIC,
};
extern enum system_states system_state;

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

#endif
