/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <asm/percpu.h>

extern int nr_cpu_ids;

int smp_init(void (*secondary_fn)(int cpu));
/* Ask every CPU to leave its idle loop; from any context. */
void smp_send_stop(void);
int cpu_should_stop(void);
void smp_wait_secondaries_offline(void);
int num_online_cpus(void);

#endif
