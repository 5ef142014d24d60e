/* SPDX-License-Identifier: GPL-2.0-only */
/* What the parts of kernel/storm/ share. */
#ifndef _KERNEL_STORM_H
#define _KERNEL_STORM_H

#include <stddef.h>
#include <string.h>
#include <asm/bootparam.h>
#include <asm/cpu.h>
#include <asm/nmi_check.h>

/* plan.c: the seeded plan; one independent stream per source */
struct storm_rng {
	unsigned long long s;
};

enum storm_stream {
	STREAM_SENDER, /* the external NMI source */
	STREAM_WORK, /* + cpu * 2: a CPU's workload */
	STREAM_HANDLER, /* + cpu * 2: its NMI handler's actions */
	STREAM_DEBUGGER = 4096, /* the storm's gdb */
};

void storm_rng_seed(struct storm_rng *r, unsigned long long seed, int stream);
unsigned long long storm_rand(struct storm_rng *r);
/* A kind by the weights of mix, among those in allowed (a bit mask). */
int storm_pick(struct storm_rng *r, const unsigned int *mix,
	       unsigned int allowed);
extern const char *const storm_kind_names[NR_STORM_KINDS];

/* work.c: what runs on the CPUs */
struct storm_cpu {
	struct storm_rng work_rng, nmi_rng;
	unsigned long ops[NR_STORM_KINDS]; /* in the workload */
	unsigned long nmi_ops[NR_STORM_KINDS]; /* in the NMI handler */
	unsigned long handler_calls;
	unsigned long progress; /* the watchdog's heartbeat */
	int depth; /* NMI handler nesting: must stay at most 1 */
	int explore; /* handler actions come from the explorer */
	unsigned long int3_hits, step_hits, watch_hits, watch_in_nmi;
	volatile int watched;
	int stepping;
	int armed; /* its watchpoint is set */
	unsigned long *pf_pool;
	unsigned int pf_next, nmi_pf_next;
};

extern struct storm_cpu storm_cpus[NR_CPUS];
extern const struct storm_params *storm_p;
extern int storm_dr_ok; /* the host's debug registers fire: watch hits expected */
extern int storm_go;

int storm_work_init(int nr_cpus, int explore);
void storm_work_exit(int nr_cpus);
/* One action inside an NMI handler (int3, db, pf, nmi); 1 if done. */
int storm_nmi_action(struct storm_cpu *c, int kind);
/* Re-arm the faults of a CPU's page pool (normal context). */
void storm_pf_rearm(struct storm_cpu *c);
/* The handlers a run registered, for the leak check. */
unsigned long storm_handlers_registered(void);

/* check.c: the first violation */
struct storm_violation {
	int kind;
	int cpu;
	unsigned long a, b;
	unsigned long long ts;
};

extern struct storm_violation storm_violation;
void storm_fail(int kind, int cpu, unsigned long a, unsigned long b);
int storm_failed(void);
void storm_fail_reset(void);
/* The NMI accounting of one CPU; 0 when it adds up. */
int storm_account(int cpu, const unsigned long *base);
void storm_account_base(int cpu, unsigned long *base);
#define STORM_ACCOUNT_WORDS 8

/* report.c */
int storm_format_violation(char *buf, size_t size);
void storm_print_violation(void);
void storm_print_flight(int nr_cpus);
int storm_write_schedule(const char *path, const char *explorer_schedule);

/* driver.c: the run is over (time, events, a violation) */
int storm_stopping(void);

/* gdb.c: the storm's debugger thread */
void storm_debugger(void *arg);
extern unsigned long storm_gdb_stops;

/* explore.c */
int explore_main(const struct storm_params *p);

#endif
