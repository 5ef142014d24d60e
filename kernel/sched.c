// SPDX-License-Identifier: GPL-2.0-only
/* The idle task of each CPU, which is what runs the kernel workload. */
#include <string.h>
#include <linux/kernel.h>
#include <linux/sched.h>

DEFINE_PER_CPU(struct task_struct *, current_task);
static struct task_struct idle_tasks[NR_CPUS];

void init_idle(int cpu)
{
	struct task_struct *idle = &idle_tasks[cpu];

	memset(idle, 0, sizeof(*idle));
	idle->pid = 0;
	scnprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
	idle->thread.fpu.fpstate = &idle->thread.fpu.__fpstate;
	per_cpu(current_task, cpu) = idle;
}
