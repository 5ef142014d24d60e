/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Enough RCU for NMI-safe lists: a reader bumps its CPU's nesting count,
 * synchronize_rcu() waits until every CPU has been seen outside a reader
 * (or has moved on to a newer one).  Readers never block and take no lock.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <asm/percpu.h>

struct rcu_cpu {
	unsigned long nesting;
	unsigned long seq;
};

DECLARE_PER_CPU(struct rcu_cpu, rcu_cpu_data);

static __always_inline void rcu_read_lock(void)
{
	struct rcu_cpu *r = this_cpu_ptr(rcu_cpu_data);

	__atomic_add_fetch(&r->nesting, 1, __ATOMIC_SEQ_CST);
}

static __always_inline void rcu_read_unlock(void)
{
	struct rcu_cpu *r = this_cpu_ptr(rcu_cpu_data);

	__atomic_add_fetch(&r->seq, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&r->nesting, 1, __ATOMIC_SEQ_CST);
}

#define rcu_dereference(p) __atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

void synchronize_rcu(void);

#endif
