/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's console devices: the terminal (stdout) and an optional log
 * file.  Written only by the printk console thread.
 */
#ifndef _ASM_CONSOLE_H
#define _ASM_CONSOLE_H

#include <stddef.h>
#include <asm/compiler.h>

void arch_console_set_logfile(int fd);
void arch_console_to_stderr(void);
void arch_console_write(const char *s, size_t len);
void arch_logfile_write(const char *s, size_t len);

/* A kernel thread that is not a CPU: the console printer. */
int arch_kthread_run(void (*fn)(void *), void *arg, void **handle);
void arch_kthread_join(void *handle);

/* A doorbell the printk path rings (async-signal-safe) to wake it. */
int arch_doorbell_create(void);
__nmisafe void arch_doorbell_ring(int bell);
/* Wait up to timeout_ms for a ring; returns 1 when rung. */
int arch_doorbell_wait(int bell, int timeout_ms);
void arch_doorbell_destroy(int bell);

#endif
