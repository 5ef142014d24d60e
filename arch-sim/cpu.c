// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated CPUs are host threads.  Each has its own sigaltstack standing
 * in for its IST stacks, its CPU number in thread-local storage, and its
 * own hardware breakpoints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/nmi_hw.h>
#include <asm/traps.h>
#include <os.h>

__thread int cpu_number = -1;
struct sim_cpu sim_cpus[NR_CPUS];
/* Apart from sim_cpus[], which a starting CPU clears. */
static void *cpu_threads[NR_CPUS];

struct cpu_start {
	int cpu;
	void (*fn)(int cpu);
};

int arch_cpu_init_this(int cpu)
{
	struct sim_cpu *c = &sim_cpus[cpu];
	char name[16];
	int err;

	memset(c, 0, sizeof(*c));
	c->cpu = cpu;
	c->host_tid = os_gettid();
	c->host_pid = os_getpid();
	__asm__("mov %%fs:0, %0" : "=r"(c->fs_base));
	err = arch_nmi_cpu_init(cpu);
	if (!err)
		err = os_setup_altstack(&c->altstack, &c->altstack_size);
	if (err) {
		arch_nmi_cpu_exit(cpu);
		return err;
	}
	cpu_number = cpu;
	snprintf(name, sizeof(name), "vkcpu/%d", cpu);
	os_thread_set_name(name);
	WRITE_ONCE(c->online, 1);
	return 0;
}

void arch_cpu_exit_this(void)
{
	struct sim_cpu *c = this_sim_cpu();

	/* no NMI may find this CPU half gone */
	WRITE_ONCE(c->online, 0);
	os_block_nmi_signal();
	debugreg_cpu_exit(c->cpu);
	arch_nmi_cpu_exit(c->cpu);
	os_free_altstack(c->altstack, c->altstack_size);
	c->altstack = NULL;
	c->park_valid = 0;
	WRITE_ONCE(c->online, 0);
	cpu_number = -1;
}

static void *cpu_thread(void *arg)
{
	struct cpu_start s = *(struct cpu_start *)arg;

	free(arg);
	os_block_host_signals();
	if (arch_cpu_init_this(s.cpu))
		return NULL;
	s.fn(s.cpu);
	arch_cpu_exit_this();
	return NULL;
}

int arch_cpu_up(int cpu, void (*fn)(int cpu))
{
	struct cpu_start *s = malloc(sizeof(*s));
	int err;

	if (!s)
		return -ENOMEM;
	s->cpu = cpu;
	s->fn = fn;
	err = os_thread_create(&cpu_threads[cpu], cpu_thread, s);
	if (err)
		free(s);
	return err;
}

void arch_cpu_wait_offline(int cpu)
{
	os_thread_join(cpu_threads[cpu]);
	cpu_threads[cpu] = NULL;
}

__nmisafe void arch_rewind(void)
{
	struct sim_cpu *c = this_sim_cpu();

	c->trap_frames = c->rewind_frames;
	siglongjmp(c->rewind, 1);
}

__nmisafe void arch_cpu_park_dead(void)
{
	struct sim_cpu *c = this_sim_cpu();

	if (c->park_valid)
		siglongjmp(c->park, 1);
	for (;;)
		os_sleep_ns(1000000000ULL);
}

/*
 * About a tick of idle.  CPU 0 spends it listening to the power button
 * (SIGINT/SIGTERM, blocked everywhere and only waited for here); returns
 * the signal when it was pressed.
 */
int arch_cpu_idle(void)
{
	if (smp_processor_id() == 0)
		return os_wait_host_signal(1000000LL);
	os_sleep_ns(1000000ULL);
	return 0;
}

/* The power button, from a thread that is not a CPU: 0 or the signal. */
int arch_power_button_wait(int timeout_ms)
{
	return os_wait_host_signal((long long)timeout_ms * 1000000LL);
}

/* Off at once, with CPUs that will never stop (a storm's stuck CPU). */
void arch_power_off_now(int status)
{
	os_exit_now(status);
}
