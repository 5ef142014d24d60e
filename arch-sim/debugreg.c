// SPDX-License-Identifier: GPL-2.0-only
/*
 * DR0-3 and DR7 of each simulated CPU, made real.  The CPU keeps the
 * register values; on every write that changes what DR7 enables, the
 * slots are mirrored to the host: perf breakpoints of the CPU thread
 * (preferred), or the thread's own u_debugreg through the ptrace helper.
 * With neither, the values are kept and nothing fires, and the boot
 * self-test says so.  All of it is callable from signal context.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/traps.h>
#include <os.h>

struct dr_slot {
	int fd; /* perf event, -1 when none */
	enum os_bp_type type;
	unsigned long addr;
	int len;
	int on;
};

static struct dr_slot slots[NR_CPUS][4];
static enum dr_backend backend = DR_BACKEND_NONE;
static char reason[256] = "not probed";

static __nmisafe int slot_decode(unsigned long dr7, int i,
				 enum os_bp_type *type, int *len)
{
	static const int lens[4] = { 1, 2, 8, 4 };
	unsigned int ctl = (dr7 >> (DR_CONTROL_SHIFT + i * DR_CONTROL_SIZE));

	if (!((dr7 >> (i * DR_ENABLE_SIZE)) & 3))
		return 0;
	switch (ctl & 3) {
	case DR_RW_EXECUTE:
		*type = OS_BP_X;
		break;
	case DR_RW_WRITE:
		*type = OS_BP_W;
		break;
	case DR_RW_READ:
		*type = OS_BP_RW;
		break;
	default:
		return 0; /* I/O breakpoints need CR4.DE: never fire */
	}
	*len = lens[(ctl >> 2) & 3];
	return 1;
}

static __nmisafe int same_class(enum os_bp_type a, enum os_bp_type b)
{
	return (a == OS_BP_X) == (b == OS_BP_X);
}

static __nmisafe void perf_slot_set(struct sim_cpu *c, int i, int want,
				    enum os_bp_type type, int len)
{
	struct dr_slot *s = &slots[c->cpu][i];
	unsigned long addr = c->dr[i];

	/* no cached on/off state decides, and an event is born disabled */
	if (!want) {
		if (s->fd >= 0)
			os_perf_bp_enable(s->fd, 0);
		s->on = 0;
		return;
	}
	if (s->fd >= 0 && !same_class(s->type, type)) {
		os_perf_bp_close(s->fd);
		s->fd = -1;
	}
	if (s->fd < 0) {
		s->fd = os_perf_bp_open(c->host_tid, type, addr, len, i);
		if (s->fd < 0) {
			s->fd = -1;
			return;
		}
		os_perf_bp_enable(s->fd, 1);
	} else if (s->type != type || s->addr != addr || s->len != len) {
		os_perf_bp_modify(s->fd, type, addr, len, i);
		os_perf_bp_enable(s->fd, 1);
	} else {
		os_perf_bp_enable(s->fd, 1);
	}
	s->type = type;
	s->addr = addr;
	s->len = len;
	s->on = 1;
}

static __nmisafe void mirror_dr7(struct sim_cpu *c)
{
	enum os_bp_type type = OS_BP_X;
	int i, len = 1;

	if (backend == DR_BACKEND_PTRACE) {
		os_dr_helper_set(c->host_tid, c->dr, c->dr7 & 0xffff00ffUL);
		return;
	}
	if (backend != DR_BACKEND_PERF)
		return;
	for (i = 0; i < 4; i++) {
		int want = slot_decode(c->dr7, i, &type, &len);

		perf_slot_set(c, i, want, type, len);
	}
}

__nmisafe unsigned long native_get_debugreg(int regno)
{
	struct sim_cpu *c = this_sim_cpu();

	switch (regno) {
	case 0:
	case 1:
	case 2:
	case 3:
		return READ_ONCE(c->dr[regno]);
	case 6:
		return READ_ONCE(c->dr6);
	case 7:
		return READ_ONCE(c->dr7);
	}
	return 0;
}

/*
 * A debug register write is one instruction on x86, but a store and
 * system calls here.  An NMI in between would find DR7 saying one thing
 * and the host doing another (a local_db_save() that reads 0 while the
 * event still fires), so the pin is held across both.
 */
static __nmisafe void set_and_mirror(struct sim_cpu *c, unsigned long *reg,
				     unsigned long value)
{
	int held = os_nmi_hold();

	WRITE_ONCE(*reg, value);
	mirror_dr7(c);
	os_nmi_release(held);
}

__nmisafe void native_set_debugreg(int regno, unsigned long value)
{
	struct sim_cpu *c = this_sim_cpu();

	switch (regno) {
	case 0:
	case 1:
	case 2:
	case 3:
		if ((c->dr7 >> (regno * DR_ENABLE_SIZE)) & 3)
			set_and_mirror(c, &c->dr[regno], value);
		else
			WRITE_ONCE(c->dr[regno], value);
		break;
	case 6:
		WRITE_ONCE(c->dr6, value);
		break;
	case 7:
		set_and_mirror(c, &c->dr7, value);
		break;
	}
}

/* The DR6 bits of the enabled execute breakpoints at ip. */
__nmisafe unsigned long debugreg_exec_bp_at(unsigned long ip)
{
	struct sim_cpu *c = this_sim_cpu();
	enum os_bp_type type;
	int i, len;

	for (i = 0; i < 4; i++) {
		if (slot_decode(c->dr7, i, &type, &len) && type == OS_BP_X &&
		    c->dr[i] == ip)
			return DR_TRAP0 << i;
	}
	return 0;
}

/* For the ptrace backend's TRAP_HWBKPT, which carries no slot number. */
__nmisafe unsigned long debugreg_slots_hit(unsigned long ip)
{
	struct sim_cpu *c = this_sim_cpu();
	unsigned long hit = debugreg_exec_bp_at(ip);
	long dr6;

	if (hit)
		return hit;
	dr6 = os_dr_helper_get_dr6(c->host_tid);
	return dr6 < 0 ? 0 : (unsigned long)dr6 & DR_TRAP_BITS;
}

static int try_ptrace(char *why, size_t len)
{
	return os_dr_helper_start(why, len) == 0;
}

int debugreg_init(enum dr_backend want)
{
	char why_perf[128] = "", why_ptrace[128] = "";
	int cpu, i, perf = -EINVAL;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		for (i = 0; i < 4; i++)
			slots[cpu][i].fd = -1;
	backend = DR_BACKEND_NONE;
	if (want == DR_BACKEND_AUTO || want == DR_BACKEND_PERF)
		perf = os_perf_bp_probe(why_perf, sizeof(why_perf));
	/* -ENODEV: the registers took a breakpoint and dropped its hit */
	if (!perf)
		backend = DR_BACKEND_PERF;
	else if ((want == DR_BACKEND_PTRACE ||
		  (want == DR_BACKEND_AUTO && perf != -ENODEV)) &&
		 try_ptrace(why_ptrace, sizeof(why_ptrace)))
		backend = DR_BACKEND_PTRACE;
	if (backend != DR_BACKEND_NONE) {
		snprintf(reason, sizeof(reason), "available");
		return 0;
	}
	if (want == DR_BACKEND_NONE)
		snprintf(
			reason, sizeof(reason),
			"hardware breakpoints disabled (--hw-breakpoints=none)");
	else
		snprintf(reason, sizeof(reason), "%s%s%s", why_perf,
			 *why_perf && *why_ptrace ? "; " : "", why_ptrace);
	return 0;
}

void debugreg_cpu_exit(int cpu)
{
	struct sim_cpu *c = &sim_cpus[cpu];
	int i;

	if (backend == DR_BACKEND_PTRACE && c->dr7) {
		static const unsigned long zero[4];

		os_dr_helper_set(c->host_tid, zero, 0);
	}
	for (i = 0; i < 4; i++) {
		os_perf_bp_close(slots[cpu][i].fd);
		slots[cpu][i].fd = -1;
		slots[cpu][i].on = 0;
	}
	c->dr7 = 0;
}

void debugreg_exit(void)
{
	if (backend == DR_BACKEND_PTRACE)
		os_dr_helper_stop();
	backend = DR_BACKEND_NONE;
}

enum dr_backend debugreg_backend(void)
{
	return backend;
}

const char *debugreg_unavailable_reason(void)
{
	return reason;
}

const char *debugreg_backend_name(enum dr_backend b)
{
	static const char *const names[] = {
		[DR_BACKEND_AUTO] = "auto",
		[DR_BACKEND_PERF] = "perf",
		[DR_BACKEND_PTRACE] = "ptrace",
		[DR_BACKEND_NONE] = "none",
	};

	return names[b];
}
