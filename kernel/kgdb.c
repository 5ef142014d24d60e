// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 side of the debugger, after arch/x86/kernel/kgdb.c: gdb's
 * register file from pt_regs, the int3 it plants, single step with TF,
 * hardware breakpoints and watchpoints, the die notifier that catches
 * #BP and #DB, and the NMI handler that rounds CPUs up.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/debugreg.h>
#include <asm/processor-flags.h>
#include <asm/text-patching.h>
#include <asm/trapnr.h>
#include <asm/uaccess.h>
#include <linux/kallsyms.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/nmi_scenarios.h>
#include <linux/notifier.h>

static const unsigned char gdb_bpt_instr[BREAK_INSTR_SIZE] = {
	GDB_BREAKPOINT_INSN
};

/* dbg_reg_def[]: gdb's general registers in pt_regs */
static const short gpr_offset[GDB_PC + 1] = {
	[GDB_AX] = offsetof(struct pt_regs, ax),
	[GDB_BX] = offsetof(struct pt_regs, bx),
	[GDB_CX] = offsetof(struct pt_regs, cx),
	[GDB_DX] = offsetof(struct pt_regs, dx),
	[GDB_SI] = offsetof(struct pt_regs, si),
	[GDB_DI] = offsetof(struct pt_regs, di),
	[GDB_BP] = offsetof(struct pt_regs, bp),
	[GDB_SP] = offsetof(struct pt_regs, sp),
	[GDB_R8] = offsetof(struct pt_regs, r8),
	[GDB_R9] = offsetof(struct pt_regs, r9),
	[GDB_R10] = offsetof(struct pt_regs, r10),
	[GDB_R11] = offsetof(struct pt_regs, r11),
	[GDB_R12] = offsetof(struct pt_regs, r12),
	[GDB_R13] = offsetof(struct pt_regs, r13),
	[GDB_R14] = offsetof(struct pt_regs, r14),
	[GDB_R15] = offsetof(struct pt_regs, r15),
	[GDB_PC] = offsetof(struct pt_regs, ip),
};

__nmisafe int dbg_reg_size(int regno)
{
	if (regno < 0 || regno >= DBG_MAX_REG_NUM)
		return 0;
	if (regno <= GDB_PC)
		return 8;
	if (regno < GDB_ST0)
		return 4; /* eflags and the segment selectors */
	if (regno < GDB_FCTRL)
		return 10;
	if (regno < GDB_XMM0)
		return 4;
	if (regno < GDB_MXCSR)
		return 16;
	if (regno == GDB_MXCSR)
		return 4;
	return 8;
}

/* FXSAVE's abridged tag to the full one gdb shows (i387_fxsave ftag) */
static __nmisafe unsigned int full_ftag(const struct kgdb_fxsave *fx)
{
	unsigned int tag = 0, i, top = (fx->swd >> 11) & 7;

	for (i = 0; i < 8; i++) {
		const uint8_t *st = fx->st[(i - top) & 7];
		unsigned int exp = (st[9] & 0x7f) << 8 | st[8], t;
		int zero = 1, k;

		for (k = 0; k < 8; k++)
			zero &= !st[k];
		if (!(fx->ftw & (1 << i)))
			t = 3; /* empty */
		else if (exp == 0x7fff)
			t = 2; /* special */
		else if (!exp)
			t = zero ? 1 : 2;
		else
			t = st[7] & 0x80 ? 0 : 2;
		tag |= t << (2 * i);
	}
	return tag;
}

static __nmisafe unsigned long fp_reg(int regno, const struct kgdb_fxsave *fx)
{
	switch (regno) {
	case GDB_FCTRL:
		return fx->cwd;
	case GDB_FSTAT:
		return fx->swd;
	case GDB_FTAG:
		return full_ftag(fx);
	case GDB_FIOFF:
		return (uint32_t)fx->rip;
	case GDB_FOOFF:
		return (uint32_t)fx->rdp;
	case GDB_FOP:
		return fx->fop;
	case GDB_MXCSR:
		return fx->mxcsr;
	}
	return 0; /* fiseg, foseg: 64-bit FXSAVE has none */
}

static __nmisafe unsigned long special_reg(int regno, int cpu,
					   struct pt_regs *regs)
{
	switch (regno) {
	case GDB_PS:
		return regs->flags;
	case GDB_CS:
		return regs->cs;
	case GDB_SS:
		return regs->ss;
	case GDB_ORIG_AX:
		return regs->orig_ax;
	case GDB_FS_BASE:
		return arch_kgdb_fs_base(cpu);
	case GDB_CR2:
		return READ_ONCE(sim_cpus[cpu].cr2);
	case GDB_DR6:
		return READ_ONCE(sim_cpus[cpu].dr6);
	case GDB_DR7:
		return READ_ONCE(sim_cpus[cpu].dr7);
	case GDB_NMI_STATE:
		return READ_ONCE(per_cpu(nmi_state, cpu));
	}
	return 0; /* ds, es, fs, gs: 0 in 64-bit kernel mode; gs_base */
}

/* The value of regno at this CPU's stop; 0, or -ENOENT if not known. */
__nmisafe int dbg_get_reg(int regno, void *mem, int cpu, struct pt_regs *regs)
{
	struct kgdb_fxsave fx;
	unsigned long v;
	int size = dbg_reg_size(regno);

	if (!size)
		return -EINVAL;
	if (regno <= GDB_PC) {
		memcpy(mem, (char *)regs + gpr_offset[regno], 8);
		return 0;
	}
	if (regno < GDB_ST0 || regno > GDB_MXCSR) {
		v = special_reg(regno, cpu, regs);
		memcpy(mem, &v, size);
		return 0;
	}
	if (arch_kgdb_fxsave(cpu, regs, &fx))
		return -ENOENT;
	if (regno < GDB_FCTRL)
		memcpy(mem, fx.st[regno - GDB_ST0], 10);
	else if (regno >= GDB_XMM0 && regno < GDB_MXCSR)
		memcpy(mem, fx.xmm[regno - GDB_XMM0], 16);
	else {
		v = fp_reg(regno, &fx);
		memcpy(mem, &v, size);
	}
	return 0;
}

/* Writable: the general registers, RIP and RFLAGS of the stopped CPU. */
__nmisafe int dbg_set_reg(int regno, const void *mem, struct pt_regs *regs)
{
	unsigned int flags = 0;

	if (regno >= 0 && regno <= GDB_PC) {
		memcpy((char *)regs + gpr_offset[regno], mem, 8);
		return 0;
	}
	if (regno == GDB_PS) {
		memcpy(&flags, mem, 4);
		regs->flags = flags;
		return 0;
	}
	return -EINVAL;
}

__nmisafe unsigned long kgdb_arch_pc(int exception, struct pt_regs *regs)
{
	if (exception == X86_TRAP_BP)
		return instruction_pointer(regs) - 1;
	return instruction_pointer(regs);
}

/*
 * The int3 of a removed breakpoint: go back and run what is there now.
 * Like kprobe_int3_handler(), an int3 that is no longer in the text was
 * a breakpoint taken out after this CPU hit it (gdb went away).
 */
__nmisafe int kgdb_skipexception(int exception, struct pt_regs *regs)
{
	unsigned char insn = GDB_BREAKPOINT_INSN;

	if (exception != X86_TRAP_BP)
		return 0;
	if (!kgdb_isremovedbreak(regs->ip - 1) &&
	    (copy_from_kernel_nofault(&insn, (void *)(regs->ip - 1), 1) ||
	     insn == GDB_BREAKPOINT_INSN))
		return 0;
	regs->ip -= 1;
	return 1;
}

/* The text stays read-only: the int3 goes in as text_poke_kgdb() does. */
__nmisafe int kgdb_arch_set_breakpoint(struct kgdb_bkpt *bpt)
{
	int err = copy_from_kernel_nofault(
		bpt->saved_instr, (char *)bpt->bpt_addr, BREAK_INSTR_SIZE);

	if (err)
		return err;
	if (text_poke_kgdb((void *)bpt->bpt_addr, gdb_bpt_instr,
			   BREAK_INSTR_SIZE))
		return -EFAULT;
	bpt->type = BP_POKE_BREAKPOINT;
	return 0;
}

__nmisafe int kgdb_arch_remove_breakpoint(struct kgdb_bkpt *bpt)
{
	if (text_poke_kgdb((void *)bpt->bpt_addr, bpt->saved_instr,
			   BREAK_INSTR_SIZE))
		return -EFAULT;
	return 0;
}

/* within_kprobe_blacklist(): the functions NOKPROBE_SYMBOL() names */
static __nmisafe int kgdb_within_blocklist(unsigned long addr)
{
	void **e;

	for (e = __start_kprobe_blacklist; e && e < __stop_kprobe_blacklist;
	     e++) {
		unsigned long size = 0, offset = 0;

		if (!kallsyms_lookup((unsigned long)*e, &size, &offset))
			continue;
		if (addr >= (unsigned long)*e &&
		    addr < (unsigned long)*e + size)
			return 1;
	}
	return 0;
}

__nmisafe int kgdb_validate_break_address(unsigned long addr)
{
	struct kgdb_bkpt tmp;
	int err;

	if (kgdb_within_blocklist(addr))
		return -EINVAL;
	/*
	 * Validate setting the breakpoint and then removing it.  If the
	 * remove fails, the kernel needs to emit a bad message because we
	 * are deep trouble not being able to put things back the way we
	 * found them.
	 */
	tmp.bpt_addr = addr;
	err = kgdb_arch_set_breakpoint(&tmp);
	if (err)
		return err;
	err = kgdb_arch_remove_breakpoint(&tmp);
	if (err)
		pr_err("Critical breakpoint error, kernel memory destroyed at: %lx\n",
		       addr);
	return err;
}

/* Hardware breakpoints: the debugger's own slots on every CPU thread */
static struct hw_breakpoint {
	unsigned enabled;
	unsigned long addr;
	int len;
	enum kgdb_bptype type;
} breakinfo[HBP_NUM];

static __nmisafe enum kgdb_hw_type hw_type(enum kgdb_bptype t)
{
	if (t == BP_HARDWARE_BREAKPOINT)
		return KGDB_HW_X;
	return t == BP_WRITE_WATCHPOINT ? KGDB_HW_W : KGDB_HW_RW;
}

__nmisafe int kgdb_set_hw_break(unsigned long addr, int len,
				enum kgdb_bptype bptype)
{
	int i;

	for (i = 0; i < HBP_NUM; i++) {
		if (!breakinfo[i].enabled)
			break;
	}
	if (i == HBP_NUM)
		return -1;
	if (bptype == BP_HARDWARE_BREAKPOINT)
		len = 1;
	else if (len != 1 && len != 2 && len != 4 && len != 8)
		return -1;
	/* the host has no read-only watchpoint: read or write, as gdb knows */
	if (arch_kgdb_hw_set(i, hw_type(bptype), addr, len))
		return -1;
	breakinfo[i].enabled = 1;
	breakinfo[i].addr = addr;
	breakinfo[i].len = len;
	breakinfo[i].type = bptype;
	return 0;
}

__nmisafe int kgdb_remove_hw_break(unsigned long addr, int len,
				   enum kgdb_bptype bptype)
{
	int i;

	for (i = 0; i < HBP_NUM; i++) {
		if (breakinfo[i].enabled && breakinfo[i].addr == addr &&
		    breakinfo[i].type == bptype)
			break;
	}
	if (i == HBP_NUM)
		return -1;
	arch_kgdb_hw_clear(i);
	breakinfo[i].enabled = 0;
	return 0;
}

__nmisafe void kgdb_remove_all_hw_break(void)
{
	int i;

	for (i = 0; i < HBP_NUM; i++) {
		if (breakinfo[i].enabled)
			arch_kgdb_hw_clear(i);
		breakinfo[i].enabled = 0;
	}
}

/*
 * All CPU threads' slots at once, where upstream has each CPU do its own:
 * off when a CPU enters to be the master, on when a master leaves.
 */
__nmisafe void kgdb_disable_hw_debug(struct pt_regs *regs)
{
	arch_kgdb_hw_enable(0);
}

__nmisafe void kgdb_correct_hw_break(void)
{
	arch_kgdb_hw_enable(1);
}

/* "watch:ADDR;", "rwatch:", "awatch:" or "hwbreak:;" for the stop reply */
__nmisafe int kgdb_hw_stop_reason(char *buf, int len)
{
	int i = arch_kgdb_hw_hit();
	const char *what;

	if (i < 0 || !breakinfo[i].enabled || len < 32)
		return 0;
	switch (breakinfo[i].type) {
	case BP_HARDWARE_BREAKPOINT:
		memcpy(buf, "hwbreak:;", 10);
		return 9;
	case BP_WRITE_WATCHPOINT:
		what = "watch:";
		break;
	case BP_READ_WATCHPOINT:
		what = "rwatch:";
		break;
	default:
		what = "awatch:";
		break;
	}
	return scnprintf(buf, len, "%s%lx;", what, breakinfo[i].addr);
}

/*
 * No step: clear the trace bit, and NMIs are not held for one.  Upstream
 * clears TF whatever set it; a stop that came by NMI then takes the flag
 * from the code it interrupted, and a step in progress there (a kprobe's,
 * the storm's) is lost.  So only kgdb's own step's flag goes.
 */
__nmisafe void kgdb_arch_step_off(struct pt_regs *regs)
{
	if (READ_ONCE(kgdb_cpu_doing_single_step) == smp_processor_id())
		arch_kgdb_set_step(regs, 0);
	__atomic_store_n(&kgdb_cpu_doing_single_step, -1, __ATOMIC_RELEASE);
	arch_kgdb_step_hold_nmis(0);
}

/* 'c', 's', 'D' and 'k' after the core's handling: TF for a step */
__nmisafe int kgdb_arch_handle_exception(int e_vector, int signo, int err_code,
					 char *remcom_in_buffer,
					 char *remcom_out_buffer,
					 struct pt_regs *linux_regs)
{
	char *ptr;
	unsigned long addr;

	switch (remcom_in_buffer[0]) {
	case 'c':
	case 's':
		/* try to read optional parameter, pc unchanged if no parm */
		ptr = &remcom_in_buffer[1];
		if (kgdb_hex2long(&ptr, &addr))
			linux_regs->ip = addr;
		__attribute__((fallthrough));
	case 'D':
	case 'k':
		kgdb_arch_step_off(linux_regs);
		/* set the trace bit if we're stepping */
		if (remcom_in_buffer[0] == 's') {
			arch_kgdb_set_step(linux_regs, 1);
			__atomic_store_n(&kgdb_cpu_doing_single_step,
					 smp_processor_id(), __ATOMIC_RELEASE);
			arch_kgdb_step_hold_nmis(READ_ONCE(kgdb_sstep_noirq));
		}
		return 0;
	}
	/* this means that we do not want to exit from the handler: */
	return -1;
}

static __nmisafe int __kgdb_notify(struct die_args *args, unsigned long cmd)
{
	struct pt_regs *regs = args->regs;

	switch (cmd) {
	case DIE_DEBUG:
		if (READ_ONCE(kgdb_cpu_doing_single_step) != -1) {
			if (user_mode(regs))
				return NOTIFY_DONE;
			break;
		}
		/* a #DB of somebody else's breakpoint is not the debugger's */
		if (arch_kgdb_hw_hit() < 0)
			return NOTIFY_DONE;
		__attribute__((fallthrough));
	default:
		if (user_mode(regs))
			return NOTIFY_DONE;
	}
	if (kgdb_handle_exception(args->trapnr, args->signr, (int)cmd, regs))
		return NOTIFY_DONE;
	return NOTIFY_STOP;
}

static __nmisafe int kgdb_notify(struct notifier_block *self, unsigned long cmd,
				 void *ptr)
{
	if (cmd != DIE_INT3 && cmd != DIE_DEBUG)
		return NOTIFY_DONE;
	return __kgdb_notify(ptr, cmd);
}

static struct notifier_block kgdb_notifier = {
	.notifier_call = kgdb_notify,
};

static int was_in_debug_nmi[NR_CPUS];
/* a break request (debug port) waits for its NMI */
int kgdb_break_pending;

static __nmisafe int kgdb_nmi_handler(unsigned int cmd, struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	switch (cmd) {
	case NMI_LOCAL:
		if (READ_ONCE(kgdb_active) != -1 &&
		    !(nmi_break & NMI_BREAK_ROUNDUP)) {
			/* KGDB CPU roundup */
			kgdb_nmicallback(cpu, regs);
			was_in_debug_nmi[cpu] = 1;
			return NMI_HANDLED;
		}
		if (__atomic_exchange_n(&kgdb_break_pending, 0,
					__ATOMIC_ACQ_REL)) {
			kgdb_nmicallin(cpu, X86_TRAP_NMI, regs, 0, NULL);
			return NMI_HANDLED;
		}
		break;
	case NMI_UNKNOWN:
		if (was_in_debug_nmi[cpu]) {
			was_in_debug_nmi[cpu] = 0;
			return NMI_HANDLED;
		}
		break;
	}
	return NMI_DONE;
}

int kgdb_arch_init(void)
{
	int err = text_poke_init();

	if (err) {
		pr_err("kgdb: cannot write kernel text: %d\n", err);
		return err;
	}
	err = register_die_notifier(&kgdb_notifier);
	if (!err)
		err = register_nmi_handler(NMI_LOCAL, kgdb_nmi_handler, 0,
					   "kgdb");
	if (!err)
		err = register_nmi_handler(NMI_UNKNOWN, kgdb_nmi_handler, 0,
					   "kgdb");
	return err;
}

void kgdb_arch_exit(void)
{
	unregister_nmi_handler(NMI_UNKNOWN, "kgdb");
	unregister_nmi_handler(NMI_LOCAL, "kgdb");
	unregister_die_notifier(&kgdb_notifier);
}

NOKPROBE_SYMBOL(kgdb_arch_pc);
NOKPROBE_SYMBOL(kgdb_skipexception);
NOKPROBE_SYMBOL(kgdb_notify);
NOKPROBE_SYMBOL(__kgdb_notify);
NOKPROBE_SYMBOL(kgdb_nmi_handler);
