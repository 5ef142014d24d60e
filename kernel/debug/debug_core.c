// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debugger core, after kernel/debug/debug_core.c: breakpoint
 * bookkeeping, the master/slave CPU state machine of kgdb_cpu_enter(),
 * and the entries from an exception (kgdb_handle_exception), from the
 * roundup NMI (kgdb_nmicallback) and from a break NMI (kgdb_nmicallin).
 * Everything here runs in NMI or exception context.  Its two spinlocks
 * are only ever taken there, by CPUs the debugger holds, as upstream.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/timex.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/sched.h>
#include <linux/smp.h>

struct debuggerinfo_struct kgdb_info[NR_CPUS];
struct kgdb_io *dbg_io_ops;
int kgdb_connected;
int kgdb_active = -1;
int kgdb_single_step;
int kgdb_cpu_doing_single_step = -1;
int dbg_switch_cpu;
int kgdb_break_asap;

static int kgdb_io_module_registered;
static int kgdb_setting_breakpoint;
static int exception_level;
static int masters_in_kgdb;
static int slaves_in_kgdb;
static int kgdb_do_roundup = 1;
/* raw spinlocks: taken only by CPUs inside the debugger */
static int dbg_master_lock;
static int dbg_slave_lock;

static struct kgdb_bkpt kgdb_break[KGDB_MAX_BREAKPOINTS];

static __nmisafe int raw_spin_trylock(int *l)
{
	return !__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE);
}

static __nmisafe void raw_spin_lock(int *l)
{
	while (!raw_spin_trylock(l))
		cpu_relax();
}

static __nmisafe void raw_spin_unlock(int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static __always_inline int raw_spin_is_locked(int *l)
{
	return __atomic_load_n(l, __ATOMIC_ACQUIRE);
}

static __always_inline void atomic_inc(int *v)
{
	__atomic_add_fetch(v, 1, __ATOMIC_ACQ_REL);
}

static __always_inline void atomic_dec(int *v)
{
	__atomic_sub_fetch(v, 1, __ATOMIC_ACQ_REL);
}

static __always_inline int atomic_read(int *v)
{
	return __atomic_load_n(v, __ATOMIC_ACQUIRE);
}

static __always_inline void atomic_set(int *v, int i)
{
	__atomic_store_n(v, i, __ATOMIC_RELEASE);
}

/* SW breakpoint management */
static __nmisafe int dbg_find_break(unsigned long addr, enum kgdb_bpstate st)
{
	int i;

	for (i = 0; i < KGDB_MAX_BREAKPOINTS; i++) {
		if (kgdb_break[i].state == st && kgdb_break[i].bpt_addr == addr)
			return i;
	}
	return -1;
}

__nmisafe int dbg_activate_sw_breakpoints(void)
{
	int error, ret = 0, i;

	for (i = 0; i < KGDB_MAX_BREAKPOINTS; i++) {
		if (kgdb_break[i].state != BP_SET)
			continue;
		error = kgdb_arch_set_breakpoint(&kgdb_break[i]);
		if (error) {
			ret = error;
			pr_info("BP install failed: %lx\n",
				kgdb_break[i].bpt_addr);
			continue;
		}
		kgdb_break[i].state = BP_ACTIVE;
	}
	return ret;
}

__nmisafe int dbg_set_sw_break(unsigned long addr)
{
	int err = kgdb_validate_break_address(addr);
	int breakno, i;

	if (err)
		return err;
	if (dbg_find_break(addr, BP_SET) >= 0)
		return -EEXIST;
	breakno = dbg_find_break(addr, BP_REMOVED);
	for (i = 0; breakno == -1 && i < KGDB_MAX_BREAKPOINTS; i++) {
		if (kgdb_break[i].state == BP_UNDEFINED)
			breakno = i;
	}
	if (breakno == -1)
		return -E2BIG;
	kgdb_break[breakno].state = BP_SET;
	kgdb_break[breakno].type = BP_BREAKPOINT;
	kgdb_break[breakno].bpt_addr = addr;
	return 0;
}

__nmisafe int dbg_deactivate_sw_breakpoints(void)
{
	int error, ret = 0, i;

	for (i = 0; i < KGDB_MAX_BREAKPOINTS; i++) {
		if (kgdb_break[i].state != BP_ACTIVE)
			continue;
		error = kgdb_arch_remove_breakpoint(&kgdb_break[i]);
		if (error) {
			pr_info("BP remove failed: %lx\n",
				kgdb_break[i].bpt_addr);
			ret = error;
		}
		kgdb_break[i].state = BP_SET;
	}
	return ret;
}

__nmisafe int dbg_remove_sw_break(unsigned long addr)
{
	int i = dbg_find_break(addr, BP_SET);

	if (i < 0)
		return -ENOENT;
	kgdb_break[i].state = BP_REMOVED;
	return 0;
}

__nmisafe int kgdb_isremovedbreak(unsigned long addr)
{
	return dbg_find_break(addr, BP_REMOVED) >= 0;
}

__nmisafe int kgdb_has_hit_break(unsigned long addr)
{
	return dbg_find_break(addr, BP_ACTIVE) >= 0;
}

/* A breakpoint that was planted until the debugger took it out. */
__nmisafe int kgdb_is_set_break(unsigned long addr)
{
	return dbg_find_break(addr, BP_SET) >= 0;
}

__nmisafe int dbg_remove_all_break(void)
{
	int i;

	for (i = 0; i < KGDB_MAX_BREAKPOINTS; i++) {
		if (kgdb_break[i].state == BP_ACTIVE &&
		    kgdb_arch_remove_breakpoint(&kgdb_break[i]))
			pr_err("breakpoint remove failed: %lx\n",
			       kgdb_break[i].bpt_addr);
		kgdb_break[i].state = BP_UNDEFINED;
	}
	kgdb_remove_all_hw_break();
	return 0;
}

/* kgdb_roundup_cpus() of arch/x86/kernel/kgdb.c: an NMI to the others */
__nmisafe void kgdb_roundup_cpus(void)
{
	int cpu, this_cpu = smp_processor_id();

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (cpu == this_cpu || !READ_ONCE(sim_cpus[cpu].online) ||
		    READ_ONCE(kgdb_info[cpu].rounding_up))
			continue;
		WRITE_ONCE(kgdb_info[cpu].rounding_up, 1);
		if (apic_send_nmi(cpu))
			WRITE_ONCE(kgdb_info[cpu].rounding_up, 0);
	}
}

static __nmisafe int kgdb_io_ready(int print_wait)
{
	if (!dbg_io_ops)
		return 0;
	if (kgdb_connected)
		return 1;
	if (atomic_read(&kgdb_setting_breakpoint))
		return 1;
	/* nobody to report to: the stop would hold the machine for nothing */
	if (!dbg_io_ops->connected())
		return 0;
	if (print_wait)
		pr_crit("Waiting for remote debugger\n");
	return 1;
}

static __nmisafe int kgdb_reenter_check(struct kgdb_state *ks)
{
	unsigned long addr;

	if (atomic_read(&kgdb_active) != smp_processor_id())
		return 0;
	/* Panic on recursive debugger calls: */
	exception_level++;
	addr = kgdb_arch_pc(ks->ex_vector, ks->linux_regs);
	dbg_deactivate_sw_breakpoints();
	/*
	 * If the break point removed ok at the place exception occurred, try
	 * to recover and print a warning to the end user because the user
	 * planted a breakpoint in a place that KGDB needs in order to
	 * function.
	 */
	if (dbg_remove_sw_break(addr) == 0) {
		exception_level = 0;
		kgdb_skipexception(ks->ex_vector, ks->linux_regs);
		dbg_activate_sw_breakpoints();
		pr_crit("re-enter error: breakpoint removed %lx\n", addr);
		return 1;
	}
	dbg_remove_all_break();
	kgdb_skipexception(ks->ex_vector, ks->linux_regs);
	if (exception_level > 1) {
		dump_stack();
		kgdb_io_module_registered = 0;
		panic("Recursive entry to debugger");
	}
	pr_crit("re-enter exception: ALL breakpoints killed\n");
	dump_stack();
	panic("Recursive entry to debugger");
	return 1;
}

/*
 * Leave as a slave: upstream's return_normal.  The master has put back
 * every CPU's hardware breakpoints already (kgdb_correct_hw_break).
 */
static __nmisafe int kgdb_slave_return(int cpu)
{
	kgdb_info[cpu].debuggerinfo = NULL;
	kgdb_info[cpu].task = NULL;
	kgdb_info[cpu].exception_state &= ~(DCPU_WANT_MASTER | DCPU_IS_SLAVE);
	kgdb_info[cpu].enter_kgdb--;
	atomic_dec(&slaves_in_kgdb);
	return 0;
}

/*
 * A slave's loop; 1 when this CPU is to become the master.  A slave asked
 * for a backtrace (monitor bt all) unwinds its own stack, as upstream's
 * DCPU_WANT_BT, since the unwinder starts from this CPU's host frames.
 */
static __nmisafe int kgdb_cpu_loop(int cpu)
{
	for (;;) {
		int st = READ_ONCE(kgdb_info[cpu].exception_state);

		if (st & DCPU_NEXT_MASTER) {
			/* the old master lets go of the lock as a slave */
			raw_spin_lock(&dbg_master_lock);
			atomic_set(&kgdb_active, cpu);
			kgdb_info[cpu].exception_state &=
				~(DCPU_NEXT_MASTER | DCPU_IS_SLAVE);
			kgdb_info[cpu].exception_state |= DCPU_WANT_MASTER;
			atomic_dec(&slaves_in_kgdb);
			atomic_inc(&masters_in_kgdb);
			return 2;
		} else if (st & DCPU_WANT_MASTER) {
			if (raw_spin_trylock(&dbg_master_lock)) {
				atomic_set(&kgdb_active, cpu);
				return 1;
			}
		} else if (st & DCPU_WANT_BT) {
			kgdb_slave_backtrace(cpu);
			__atomic_and_fetch(&kgdb_info[cpu].exception_state,
					   ~DCPU_WANT_BT, __ATOMIC_RELEASE);
		} else if (st & DCPU_IS_SLAVE) {
			if (!raw_spin_is_locked(&dbg_slave_lock))
				return 0;
		} else {
			return 0;
		}
		cpu_relax();
	}
}

/* Wait for the other CPUs to be notified and be waiting for us. */
static __nmisafe void kgdb_wait_roundup(int online_cpus)
{
	int time_left = 1000;

	while (kgdb_do_roundup && --time_left &&
	       atomic_read(&masters_in_kgdb) + atomic_read(&slaves_in_kgdb) !=
		       online_cpus)
		udelay(1000);
	if (!time_left)
		pr_crit("Timed out waiting for secondary CPUs.\n");
}

/* The master's session; DBG_SWITCH_CPU_EVENT hands it to another CPU. */
static __nmisafe int kgdb_master_loop(struct kgdb_state *ks, int cpu)
{
	int error = gdb_serial_stub(ks);

	if (error == DBG_SWITCH_CPU_EVENT) {
		kgdb_info[dbg_switch_cpu].exception_state |= DCPU_NEXT_MASTER;
		return error;
	}
	kgdb_info[cpu].ret_state = error;
	return 0;
}

/*
 * gdb went away while this CPU single-stepped with the others held: the
 * step is over, and they go too.
 */
static __nmisafe void kgdb_abandon_step(struct kgdb_state *ks)
{
	if (!kgdb_single_step)
		return;
	kgdb_single_step = 0;
	kgdb_arch_step_off(ks->linux_regs);
	raw_spin_unlock(&dbg_slave_lock);
}

static __nmisafe int kgdb_master_enter(struct kgdb_state *ks, int cpu)
{
	if (!kgdb_io_ready(1)) {
		/*
		 * a #DB of its step is this CPU's own, and so is the int3 of
		 * a breakpoint removed since it was hit
		 */
		kgdb_info[cpu].ret_state =
			!kgdb_single_step &&
			!kgdb_skipexception(ks->ex_vector, ks->linux_regs);
		kgdb_abandon_step(ks);
		return 0; /* No I/O connection, resume the system */
	}
	/* Don't enter if we have hit a removed breakpoint. */
	if (kgdb_skipexception(ks->ex_vector, ks->linux_regs))
		return 0;
	/*
	 * Get the passive CPU lock which will hold all the non-primary CPU
	 * in a spin state while the debugger is active
	 */
	if (!kgdb_single_step)
		raw_spin_lock(&dbg_slave_lock);
	/* If send_ready set, slaves are already waiting */
	if (ks->send_ready)
		atomic_set(ks->send_ready, 1);
	else if (!kgdb_single_step && kgdb_do_roundup)
		kgdb_roundup_cpus();
	kgdb_wait_roundup(num_online_cpus());
	/*
	 * At this point the primary processor is completely in the debugger
	 * and all secondary CPUs are quiescent
	 */
	dbg_deactivate_sw_breakpoints();
	kgdb_single_step = 0;
	exception_level = 0;
	return 1;
}

static __nmisafe void kgdb_master_leave(void)
{
	dbg_activate_sw_breakpoints();
	if (!kgdb_single_step) {
		raw_spin_unlock(&dbg_slave_lock);
		/* Wait till all the CPUs have quit from the debugger. */
		while (kgdb_do_roundup && atomic_read(&slaves_in_kgdb))
			cpu_relax();
	}
}

static __nmisafe int kgdb_cpu_enter(struct kgdb_state *ks, struct pt_regs *regs,
				    int exception_state)
{
	int cpu = ks->cpu, r, entered;

	kgdb_info[cpu].enter_kgdb++;
	kgdb_info[cpu].exception_state |= exception_state;
	if (exception_state == DCPU_WANT_MASTER)
		atomic_inc(&masters_in_kgdb);
	else
		atomic_inc(&slaves_in_kgdb);
	/* one switch for all CPU threads: the first to enter turns it off */
	if (exception_state == DCPU_WANT_MASTER)
		kgdb_disable_hw_debug(regs);
acquirelock:
	kgdb_info[cpu].debuggerinfo = regs;
	kgdb_info[cpu].task = current;
	kgdb_info[cpu].ret_state = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (exception_level == 1) {
		if (raw_spin_trylock(&dbg_master_lock))
			atomic_set(&kgdb_active, cpu);
		goto cpu_master_loop;
	}
	r = kgdb_cpu_loop(cpu);
	if (!r)
		return kgdb_slave_return(cpu);
	if (r == 2)
		goto cpu_master_loop;
	/*
	 * For single stepping, try to only enter on the processor that was
	 * single stepping.
	 */
	if (atomic_read(&kgdb_cpu_doing_single_step) != -1 &&
	    atomic_read(&kgdb_cpu_doing_single_step) != cpu) {
		atomic_set(&kgdb_active, -1);
		raw_spin_unlock(&dbg_master_lock);
		goto acquirelock;
	}
	entered = kgdb_master_enter(ks, cpu);
	if (!entered)
		goto kgdb_restore;
cpu_master_loop:
	if (kgdb_master_loop(ks, cpu) == DBG_SWITCH_CPU_EVENT) {
		/* a slave again, until the new master is done */
		kgdb_info[cpu].exception_state |= DCPU_IS_SLAVE;
		kgdb_info[cpu].exception_state &= ~DCPU_WANT_MASTER;
		atomic_dec(&masters_in_kgdb);
		atomic_inc(&slaves_in_kgdb);
		atomic_set(&kgdb_active, -1);
		raw_spin_unlock(&dbg_master_lock);
		r = kgdb_cpu_loop(cpu);
		if (!r)
			return kgdb_slave_return(cpu);
		goto cpu_master_loop;
	}
	kgdb_master_leave();
kgdb_restore:
	kgdb_correct_hw_break();
	kgdb_info[cpu].debuggerinfo = NULL;
	kgdb_info[cpu].task = NULL;
	kgdb_info[cpu].exception_state &= ~(DCPU_WANT_MASTER | DCPU_IS_SLAVE);
	kgdb_info[cpu].enter_kgdb--;
	atomic_dec(&masters_in_kgdb);
	/* Free kgdb_active */
	atomic_set(&kgdb_active, -1);
	raw_spin_unlock(&dbg_master_lock);
	return kgdb_info[cpu].ret_state;
}

/* kgdb_handle_exception() - main entry point from a kernel exception */
__nmisafe int kgdb_handle_exception(int evector, int signo, int ecode,
				    struct pt_regs *regs)
{
	struct kgdb_state kgdb_var;
	struct kgdb_state *ks = &kgdb_var;

	if (!kgdb_io_module_registered)
		return 1;
	memset(ks, 0, sizeof(*ks));
	ks->cpu = smp_processor_id();
	ks->ex_vector = evector;
	ks->signo = signo;
	ks->err_code = ecode;
	ks->linux_regs = regs;
	if (kgdb_reenter_check(ks))
		return 0; /* Ouch, double exception ! */
	if (kgdb_info[ks->cpu].enter_kgdb != 0)
		return 0;
	return kgdb_cpu_enter(ks, regs, DCPU_WANT_MASTER);
}

__nmisafe int kgdb_nmicallback(int cpu, void *regs)
{
	struct kgdb_state kgdb_var;
	struct kgdb_state *ks = &kgdb_var;

	WRITE_ONCE(kgdb_info[cpu].rounding_up, 0);
	memset(ks, 0, sizeof(*ks));
	ks->cpu = cpu;
	ks->linux_regs = regs;
	if (kgdb_info[ks->cpu].enter_kgdb == 0 &&
	    raw_spin_is_locked(&dbg_master_lock)) {
		kgdb_cpu_enter(ks, regs, DCPU_IS_SLAVE);
		return 0;
	}
	return 1;
}

/*
 * A break NMI (gdb's Ctrl-C or first packet) makes this CPU the master.
 * Upstream's callers have already rounded the others up and pass
 * send_ready; with send_ready NULL this entry rounds them up itself.
 */
__nmisafe int kgdb_nmicallin(int cpu, int trapnr, void *regs, int err_code,
			     int *send_ready)
{
	struct kgdb_state kgdb_var;
	struct kgdb_state *ks = &kgdb_var;

	if (!kgdb_io_ready(0) || kgdb_info[cpu].enter_kgdb != 0)
		return 1;
	memset(ks, 0, sizeof(*ks));
	ks->cpu = cpu;
	ks->ex_vector = trapnr;
	ks->signo = SIGINT;
	ks->err_code = err_code;
	ks->linux_regs = regs;
	ks->send_ready = send_ready;
	kgdb_cpu_enter(ks, regs, DCPU_WANT_MASTER);
	return 0;
}

/*
 * kgdb_breakpoint - generate breakpoint exception, used at boot to sync
 * up with a debugger (--wait-gdb, kgdbwait).
 */
__attribute__((noinline)) void kgdb_breakpoint(void)
{
	atomic_inc(&kgdb_setting_breakpoint);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	arch_kgdb_breakpoint();
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	atomic_dec(&kgdb_setting_breakpoint);
}

int kgdb_register_io_module(struct kgdb_io *io)
{
	if (dbg_io_ops)
		return -EBUSY;
	dbg_io_ops = io;
	pr_info("KGDB: Registered I/O driver %s\n", io->name);
	if (kgdb_arch_init())
		return -1;
	kgdb_io_module_registered = 1;
	return 0;
}

void kgdb_unregister_io_module(struct kgdb_io *io)
{
	if (!kgdb_io_module_registered)
		return;
	kgdb_io_module_registered = 0;
	kgdb_arch_exit();
	dbg_io_ops = NULL;
	pr_info("KGDB: Unregistered I/O driver %s, debugger disabled\n",
		io->name);
}

__nmisafe int dbg_io_get_char(void)
{
	return dbg_io_ops->read_char();
}

NOKPROBE_SYMBOL(kgdb_handle_exception);
NOKPROBE_SYMBOL(kgdb_reenter_check);
NOKPROBE_SYMBOL(kgdb_cpu_enter);
NOKPROBE_SYMBOL(kgdb_nmicallback);
NOKPROBE_SYMBOL(kgdb_nmicallin);
NOKPROBE_SYMBOL(kgdb_io_ready);
