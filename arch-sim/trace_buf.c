// SPDX-License-Identifier: GPL-2.0-only
/* Per-CPU event buffers (see asm/trace_buf.h). */
#include <errno.h>
#include <stdlib.h>
#include <asm/cpu.h>
#include <asm/trace_buf.h>
#include <os.h>

struct trace_cpu {
	struct vk_event *ev;
	unsigned long next;
	unsigned long dropped;
};

int trace_buf_on;
static struct trace_cpu tcpu[NR_CPUS];
static int trace_nr_cpus;

int trace_buf_alloc(int nr_cpus)
{
	int cpu;

	for (cpu = 0; cpu < nr_cpus; cpu++) {
		tcpu[cpu].ev =
			calloc(TRACE_EVENTS_PER_CPU, sizeof(struct vk_event));
		if (!tcpu[cpu].ev) {
			trace_buf_free();
			return -ENOMEM;
		}
	}
	trace_nr_cpus = nr_cpus;
	__atomic_store_n(&trace_buf_on, 1, __ATOMIC_RELEASE);
	return 0;
}

void trace_buf_free(void)
{
	int cpu;

	__atomic_store_n(&trace_buf_on, 0, __ATOMIC_RELEASE);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		free(tcpu[cpu].ev);
		tcpu[cpu].ev = NULL;
		tcpu[cpu].next = tcpu[cpu].dropped = 0;
	}
	trace_nr_cpus = 0;
}

__nmisafe void trace_buf_record(unsigned int type, unsigned long long ts,
				unsigned long long dur, unsigned int arg,
				const void *fn)
{
	int cpu = smp_processor_id();
	struct trace_cpu *t;
	unsigned long i;

	if (!__atomic_load_n(&trace_buf_on, __ATOMIC_ACQUIRE) || cpu < 0 ||
	    cpu >= trace_nr_cpus)
		return;
	t = &tcpu[cpu];
	i = __atomic_fetch_add(&t->next, 1, __ATOMIC_RELAXED);
	if (i >= TRACE_EVENTS_PER_CPU) {
		__atomic_add_fetch(&t->dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	t->ev[i].ts = ts;
	t->ev[i].dur = dur;
	t->ev[i].fn = fn;
	t->ev[i].type = type;
	t->ev[i].arg = arg;
}

const struct vk_event *trace_buf_cpu(int cpu, unsigned long *n,
				     unsigned long *dropped)
{
	unsigned long next = tcpu[cpu].next;

	*n = next < TRACE_EVENTS_PER_CPU ? next : TRACE_EVENTS_PER_CPU;
	*dropped = tcpu[cpu].dropped;
	return tcpu[cpu].ev;
}

int arch_write_file(const char *path, const char *buf, unsigned long len)
{
	int fd = os_open_append(path);
	long r;

	if (fd < 0)
		return fd;
	r = os_write_all(fd, buf, len);
	os_close(fd);
	return r < 0 ? (int)r : 0;
}
