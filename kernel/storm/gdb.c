// SPDX-License-Identifier: GPL-2.0-only
/*
 * vkernel storm's debugger: gdb's half of the remote protocol on the far
 * end of the debug port.  Now and then it stops the machine through the
 * real stub (the port's NMI, which the first CPU to see it answers, and
 * kgdb's roundup NMIs to the others, all inside the storm), reads a CPU's
 * registers while everything is held, and continues.  Its invariant: a
 * stop is answered, it holds every online CPU, and a continue lets every
 * one of them go.
 */
#define pr_fmt(fmt) "storm: " fmt
#include <asm/debug_port.h>
#include <asm/debug_probe.h>
#include <asm/timex.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/smp.h>
#include "storm.h"

#define GDB_WAIT_MS 5000
#define GDB_BUF 4096

unsigned long storm_gdb_stops;
static int gdb_attached;
static char gdb_buf[GDB_BUF];
static int gdb_pushback = -1; /* a byte read ahead */

static int gdb_put(const char *body)
{
	char pkt[64];
	unsigned char sum = 0;
	const char *p;
	int len;

	for (p = body; *p; p++)
		sum += (unsigned char)*p;
	len = scnprintf(pkt, sizeof(pkt), "$%s#%02x", body, sum);
	return debug_probe_send(pkt, len);
}

/* The next byte before the deadline; <0 at the deadline or a hangup. */
static int gdb_getc(unsigned long long until)
{
	int c = gdb_pushback;

	if (c >= 0) {
		gdb_pushback = -1;
		return c;
	}
	do {
		c = debug_probe_getc(20);
		if (c == DEBUG_PORT_HANGUP)
			return -1;
	} while (c == DEBUG_PORT_NO_CHAR && local_clock() < until);
	return c;
}

/* One packet's body into gdb_buf, acked: its length, or -1. */
static int gdb_get(void)
{
	unsigned long long until = local_clock() + GDB_WAIT_MS * 1000000ULL;
	unsigned char sum = 0;
	int c, len = -1, hi, lo;

	while ((c = gdb_getc(until)) >= 0) {
		if (c == '$') {
			len = 0;
			sum = 0;
		} else if (len < 0) {
			continue; /* acks between packets */
		} else if (c == '#') {
			hi = gdb_hex(gdb_getc(until));
			lo = gdb_hex(gdb_getc(until));
			gdb_buf[len] = 0;
			if (hi >= 0 && lo >= 0 && (hi << 4 | lo) == sum)
				return debug_probe_send("+", 1) ? -1 : len;
			if (debug_probe_send("-", 1))
				return -1;
			len = -1;
		} else if (len < GDB_BUF - 1) {
			gdb_buf[len++] = (char)c;
			sum += (unsigned char)c;
		}
	}
	return -1;
}

/* The stop reply, skipping console output ('O' packets). */
static int gdb_wait_stop(void)
{
	int len;

	do
		len = gdb_get();
	while (len >= 0 && gdb_buf[0] != 'S' && gdb_buf[0] != 'T');
	return len;
}

static int gdb_command(const char *cmd)
{
	return gdb_put(cmd) ? -1 : gdb_get();
}

/* Stage 1: the stop; gdb's first contact asks with '?', later a Ctrl-C. */
static int gdb_stop_machine(void)
{
	if (!gdb_attached) {
		if (debug_probe_open(boot_params.gdb_fd) ||
		    debug_probe_send("+", 1) || gdb_put("?"))
			return -1;
		gdb_attached = 1;
	} else if (debug_probe_send("\003", 1)) {
		return -1;
	}
	return gdb_wait_stop() < 0 ? -1 : 0;
}

/* Poll busy(cpu) each millisecond: 0 once it is false, -1 at the deadline. */
static int wait_while(int (*busy)(int cpu), int cpu, unsigned long long until)
{
	while (busy(cpu)) {
		if (local_clock() > until)
			return -1;
		arch_msleep(1);
	}
	return 0;
}

/* The first CPU still busy after ms milliseconds, or -1. */
static int first_busy_cpu(int (*busy)(int cpu), unsigned int ms)
{
	unsigned long long until = local_clock() + ms * 1000000ULL;
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (wait_while(busy, cpu, until))
			return cpu;
	}
	return -1;
}

static int not_in_debugger(int cpu)
{
	return READ_ONCE(sim_cpus[cpu].online) &&
	       !READ_ONCE(kgdb_info[cpu].debuggerinfo);
}

static int in_debugger(int cpu)
{
	return READ_ONCE(kgdb_info[cpu].debuggerinfo) ||
	       READ_ONCE(kgdb_active) != -1;
}

static int port_connected(int cpu)
{
	(void)cpu;
	return debug_port_connected();
}

/*
 * Stage 2: while stopped, every online CPU is in the debugger (within a
 * second: a slave counts itself in before it publishes its registers).
 */
static int gdb_cpu_not_held(void)
{
	return first_busy_cpu(not_in_debugger, 1000);
}

/* Before a stop: nothing from the stub (it did not stop by itself). */
static int gdb_unasked(void)
{
	int c;

	do /* the stub's acks of our last packets */
		c = debug_probe_getc(0);
	while (c == '+');
	if (c == DEBUG_PORT_NO_CHAR || c == DEBUG_PORT_HANGUP)
		return 0;
	/* an exception reached kgdb: its stop reply waits; answer it */
	gdb_pushback = c;
	if (gdb_wait_stop() >= 0)
		gdb_put("c");
	return 1;
}

/* A CPU's registers, as gdb reads them: Hg to its thread, then g. */
static int gdb_read_regs(int cpu)
{
	char cmd[16];

	scnprintf(cmd, sizeof(cmd), "Hg%x", cpu + 1);
	if (gdb_command(cmd) < 0 || strcmp(gdb_buf, "OK"))
		return -1;
	return gdb_command("g") < 64 || gdb_buf[0] == 'E' ? -1 : 0;
}

/*
 * 'c', and every CPU leaves the debugger: -1, or a CPU that stayed.  A
 * Ctrl-C sent before the stub let go would be read by it, not answered.
 */
static int gdb_continue(void)
{
	/* Stage 3: after a continue, every CPU leaves the debugger. */
	return gdb_put("c") ? 0 : first_busy_cpu(in_debugger, GDB_WAIT_MS);
}

/* One stop and resume; 0, or the violation is recorded. */
static int gdb_stop_resume(struct storm_rng *rng)
{
	int cpu, stage = 0;

	if (gdb_attached && gdb_unasked()) {
		storm_fail(NMI_CHK_DEBUGGER, 0, 5, 0);
		return -1;
	}
	if (gdb_stop_machine()) {
		storm_fail(NMI_CHK_DEBUGGER, 0, 1, 0);
		return -1;
	}
	cpu = gdb_cpu_not_held();
	if (cpu >= 0)
		stage = 2;
	else if (gdb_read_regs((int)(storm_rand(rng) % nr_cpu_ids)))
		stage = 4, cpu = 0;
	if (stage) {
		storm_fail(NMI_CHK_DEBUGGER, cpu, stage, 0);
		gdb_continue(); /* the storm ends, and the machine with it */
		return -1;
	}
	cpu = gdb_continue();
	if (cpu >= 0) {
		storm_fail(NMI_CHK_DEBUGGER, cpu, 3, 0);
		return -1;
	}
	__atomic_add_fetch(&storm_gdb_stops, 1, __ATOMIC_RELAXED);
	return 0;
}

/* gdb's detach: stop, D, and the stub hangs up its end. */
static void gdb_detach(void)
{
	unsigned long long until = local_clock() + GDB_WAIT_MS * 1000000ULL;

	if (!gdb_stop_machine() && gdb_command("D") >= 0)
		wait_while(port_connected, 0, until);
	debug_probe_close();
	gdb_attached = 0;
	gdb_pushback = -1;
}

/* Stops about mix[gdb] times a second, at plan-chosen moments. */
void storm_debugger(void *arg)
{
	struct storm_rng rng;
	unsigned long long period = 1000ULL / storm_p->mix[STORM_GDB];

	(void)arg;
	if (period < 10)
		period = 10;
	storm_rng_seed(&rng, storm_p->seed, STREAM_DEBUGGER);
	while (!storm_stopping() && !storm_failed()) {
		unsigned long long ms =
			period / 2 + storm_rand(&rng) % (period + 1);
		unsigned long long until = local_clock() + ms * 1000000ULL;

		while (!storm_stopping() && local_clock() < until)
			arch_msleep(1);
		if (storm_stopping() || gdb_stop_resume(&rng))
			break;
	}
	if (gdb_attached)
		gdb_detach();
}
