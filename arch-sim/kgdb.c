// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hardware support for the debugger (asm/kgdb.h).  Its breakpoints are
 * perf hardware breakpoints of every CPU thread, apart from the CPUs'
 * own DR0-3 (which the kernel saves and restores around NMIs); a hit is
 * a #DB whose perf event data says "kgdb slot N".  Runs with every other
 * CPU held, from the debugger's NMI context.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <asm/cpu.h>
#include <asm/kgdb.h>
#include <asm/nmi_hw.h>
#include <asm/processor-flags.h>
#include <asm/traps.h>
#include <os.h>

#define KGDB_PERF_DATA 4 /* sig_data of a debugger slot: 4 + slot */

struct hw_slot {
	int used;
	enum kgdb_hw_type type;
	unsigned long addr;
	int len;
	int fd[NR_CPUS];
};

static struct hw_slot slots[HBP_NUM];

__nmisafe int arch_kgdb_fxsave(int cpu, struct pt_regs *regs,
			       struct kgdb_fxsave *fx)
{
	struct trap_frame *f = trap_frame_of_cpu(cpu, regs);
	const struct _libc_fpstate *fp = f ? f->uc->uc_mcontext.fpregs : NULL;

	memset(fx, 0, sizeof(*fx));
	if (!fp)
		return -ENOENT;
	/* struct _libc_fpstate is the FXSAVE layout, 512 bytes */
	memcpy(fx, fp, sizeof(*fx));
	return 0;
}

__nmisafe unsigned long arch_kgdb_fs_base(int cpu)
{
	return READ_ONCE(sim_cpus[cpu].fs_base);
}

static __nmisafe enum os_bp_type os_type(enum kgdb_hw_type t)
{
	return t == KGDB_HW_X ? OS_BP_X : t == KGDB_HW_W ? OS_BP_W : OS_BP_RW;
}

static __nmisafe void slot_close(struct hw_slot *s)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (s->fd[cpu] > 0)
			os_perf_bp_close(s->fd[cpu]);
		s->fd[cpu] = 0;
	}
}

__nmisafe int arch_kgdb_hw_set(int slot, enum kgdb_hw_type type,
			       unsigned long addr, int len)
{
	struct hw_slot *s = &slots[slot];
	int cpu, fd;

	slot_close(s);
	s->used = 1;
	s->type = type;
	s->addr = addr;
	s->len = len;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!READ_ONCE(sim_cpus[cpu].online))
			continue;
		fd = os_perf_bp_open(sim_cpus[cpu].host_tid, os_type(type),
				     addr, len, KGDB_PERF_DATA + slot);
		if (fd < 0) {
			slot_close(s);
			s->used = 0;
			return fd;
		}
		os_perf_bp_enable(fd, 0);
		s->fd[cpu] = fd;
	}
	return 0;
}

__nmisafe void arch_kgdb_hw_clear(int slot)
{
	slot_close(&slots[slot]);
	slots[slot].used = 0;
}

__nmisafe void arch_kgdb_hw_enable(int on)
{
	int i, cpu;

	for (i = 0; i < HBP_NUM; i++) {
		for (cpu = 0; slots[i].used && cpu < NR_CPUS; cpu++) {
			if (slots[i].fd[cpu] > 0)
				os_perf_bp_enable(slots[i].fd[cpu], on);
		}
	}
}

__nmisafe int arch_kgdb_hw_hit(void)
{
	unsigned long d = READ_ONCE(this_sim_cpu()->perf_data);

	if (d < KGDB_PERF_DATA || d >= KGDB_PERF_DATA + HBP_NUM)
		return -1;
	return (int)(d - KGDB_PERF_DATA);
}

__nmisafe void arch_kgdb_set_step(struct pt_regs *regs, int on)
{
	struct sim_cpu *c = this_sim_cpu();

	if (on)
		regs->flags |= X86_EFLAGS_TF;
	else
		regs->flags &= ~X86_EFLAGS_TF;
	if (c->nmi.ist &&
	    regs == (struct pt_regs *)&c->nmi.ist->w[NMIST_PT_REGS])
		WRITE_ONCE(c->nmi_exit_step, on ? 1 : -1);
}

__nmisafe void arch_kgdb_step_hold_nmis(int hold)
{
	WRITE_ONCE(this_sim_cpu()->step_hold_nmi, hold);
}
