// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hardware (arch-sim) and the kernel services under the gdb stub,
 * faked for the fuzzer: one CPU stopped at a breakpoint, memory that is
 * a sandbox window (reads and writes elsewhere fail as a bad address
 * does), text pokes into the window only, hardware breakpoint slots that
 * only remember, and NMIs that go nowhere.  panic() aborts: the stub
 * reaching it is a finding.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <asm/cpu.h>
#include <asm/kgdb.h>
#include <asm/text-patching.h>
#include <asm/uaccess.h>
#include <asm/unwind.h>
#include <linux/kallsyms.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/sched.h>
#include "fake_hw.h"

__thread int cpu_number;
struct sim_cpu sim_cpus[NR_CPUS];
int nr_cpu_ids = 1;
int trace_nmi;
int nmi_break; /* no planted bugs in the stub's fuzzer */
DEFINE_PER_CPU(struct task_struct *, current_task);
DEFINE_PER_CPU(enum nmi_states, nmi_state);
DEFINE_PER_CPU(unsigned long, nmi_cr2);
DEFINE_PER_CPU(unsigned long, nmi_dr7);
static struct nmi_stats stats;
static struct pt_regs stop_regs;
static unsigned char *mem;
static int hw_slots[HBP_NUM];

void fake_hw_reset(void)
{
	if (!mem) {
		mem = mmap((void *)FAKE_MEM_BASE, FAKE_MEM_SIZE,
			   PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			   -1, 0);
		if (mem == MAP_FAILED)
			abort();
	}
	memset(mem, 0x90, FAKE_MEM_SIZE);
	memset(hw_slots, 0, sizeof(hw_slots));
	sim_cpus[0].online = 1;
	memset(&stop_regs, 0, sizeof(stop_regs));
	stop_regs.ip = FAKE_MEM_BASE + 0x100;
	stop_regs.sp = FAKE_MEM_BASE + 0x8000;
	stop_regs.cs = 0x10;
	stop_regs.ss = 0x18;
	stop_regs.flags = 0x202;
}

struct pt_regs *fake_hw_stop_regs(void)
{
	return &stop_regs;
}

static int in_window(unsigned long addr, size_t size)
{
	return addr >= FAKE_MEM_BASE && size <= FAKE_MEM_SIZE &&
	       addr - FAKE_MEM_BASE <= FAKE_MEM_SIZE - size;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	if (!in_window((unsigned long)src, size))
		return -EFAULT;
	memcpy(dst, src, size);
	return 0;
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	if (!in_window((unsigned long)dst, size))
		return -EFAULT;
	memcpy(dst, src, size);
	return 0;
}

int text_poke_init(void)
{
	return 0;
}

long text_poke_kgdb(void *addr, const void *opcode, size_t len)
{
	return copy_to_kernel_nofault(addr, opcode, len);
}

int arch_kgdb_fxsave(int cpu, struct pt_regs *regs, struct kgdb_fxsave *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->cwd = 0x37f;
	fx->mxcsr = 0x1f80;
	return 0;
}

unsigned long arch_kgdb_fs_base(int cpu)
{
	return 0;
}

int arch_kgdb_hw_set(int slot, enum kgdb_hw_type type, unsigned long addr,
		     int len)
{
	if (slot < 0 || slot >= HBP_NUM || len < 1 || len > 8)
		abort();
	hw_slots[slot] = 1;
	return 0;
}

void arch_kgdb_hw_clear(int slot)
{
	if (slot < 0 || slot >= HBP_NUM)
		abort();
	hw_slots[slot] = 0;
}

void arch_kgdb_hw_enable(int on)
{
}

int arch_kgdb_hw_hit(void)
{
	return -1;
}

void arch_kgdb_set_step(struct pt_regs *regs, int on)
{
	regs->flags = on ? regs->flags | 0x100 : regs->flags & ~0x100UL;
}

void arch_kgdb_step_hold_nmis(int hold)
{
}

int apic_send_nmi(int cpu)
{
	return cpu < nr_cpu_ids ? 0 : -ENODEV;
}

void smp_send_stop(void)
{
}

int num_online_cpus(void)
{
	return 1;
}

void udelay(unsigned long usecs)
{
}

const struct nmi_stats *nmi_cpu_stats(int cpu)
{
	return &stats;
}

int kmsg_dump_get_line(unsigned long long *seq, char *buf, size_t size)
{
	if (*seq >= 3)
		return 0;
	(*seq)++;
	return scnprintf(buf, size, "[    0.%06llu] line\n", *seq);
}

void unwind_start(struct unwind_state *state, struct pt_regs *regs)
{
	memset(state, 0, sizeof(*state));
	state->ip = regs ? regs->ip : 0;
}

int unwind_next_frame(struct unwind_state *state)
{
	state->done = 1;
	return 0;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	return NULL;
}

int sprint_symbol(char *buffer, unsigned long address)
{
	return scnprintf(buffer, KSYM_SYMBOL_LEN, "0x%lx", address);
}

int sprint_backtrace(char *buffer, unsigned long address)
{
	return sprint_symbol(buffer, address);
}

int printk(const char *fmt, ...)
{
	return 0;
}

void dump_stack(void)
{
}

void panic(const char *fmt, ...)
{
	abort();
}

int register_die_notifier(struct notifier_block *nb)
{
	return 0;
}

int unregister_die_notifier(struct notifier_block *nb)
{
	return 0;
}

int __register_nmi_handler(unsigned int type, struct nmiaction *action)
{
	return 0;
}

void unregister_nmi_handler(unsigned int type, const char *name)
{
}
