/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU variables, after include/linux/percpu-defs.h.  A per-CPU
 * variable is an array indexed by the simulated CPU number; the CPU number
 * of the running host thread is thread-local (local-exec TLS, so reading
 * it is a single %fs-relative load and safe in a signal handler).
 * this_cpu operations are atomic against a signal on the same CPU, as the
 * single-instruction upstream ones are against an NMI.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/compiler.h>

#define NR_CPUS 64

extern __thread int cpu_number;

static __always_inline int smp_processor_id(void)
{
	return cpu_number;
}

#define DEFINE_PER_CPU(type, name) __typeof__(type) name[NR_CPUS]
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name[NR_CPUS]

#define per_cpu(var, cpu) ((var)[cpu])
#define per_cpu_ptr(var, cpu) (&(var)[cpu])
#define this_cpu_ptr(var) (&(var)[smp_processor_id()])
#define this_cpu_read(var) READ_ONCE((var)[smp_processor_id()])
#define this_cpu_write(var, v) WRITE_ONCE((var)[smp_processor_id()], (v))
#define this_cpu_inc(var) \
	((void)__atomic_add_fetch(this_cpu_ptr(var), 1, __ATOMIC_RELAXED))
#define this_cpu_dec(var) \
	((void)__atomic_sub_fetch(this_cpu_ptr(var), 1, __ATOMIC_RELAXED))
#define this_cpu_add(var, n) \
	((void)__atomic_add_fetch(this_cpu_ptr(var), (n), __ATOMIC_RELAXED))
#define this_cpu_inc_return(var) \
	__atomic_add_fetch(this_cpu_ptr(var), 1, __ATOMIC_RELAXED)
#define this_cpu_dec_return(var) \
	__atomic_sub_fetch(this_cpu_ptr(var), 1, __ATOMIC_RELAXED)

#endif
