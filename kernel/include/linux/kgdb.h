/* SPDX-License-Identifier: GPL-2.0-only */
/* After include/linux/kgdb.h and kernel/debug/debug_core.h. */
#ifndef _LINUX_KGDB_H
#define _LINUX_KGDB_H

#include <asm/kgdb.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>

#define KGDB_MAX_BREAKPOINTS 1000

enum kgdb_bptype {
	BP_BREAKPOINT = 0,
	BP_HARDWARE_BREAKPOINT,
	BP_WRITE_WATCHPOINT,
	BP_READ_WATCHPOINT,
	BP_ACCESS_WATCHPOINT,
	BP_POKE_BREAKPOINT,
};

enum kgdb_bpstate { BP_UNDEFINED = 0, BP_REMOVED, BP_SET, BP_ACTIVE };

struct kgdb_bkpt {
	unsigned long bpt_addr;
	unsigned char saved_instr[BREAK_INSTR_SIZE];
	enum kgdb_bptype type;
	enum kgdb_bpstate state;
};

/* kernel/debug/debug_core.h */
struct kgdb_state {
	int ex_vector;
	int signo;
	int err_code;
	int cpu;
	int pass_exception;
	unsigned long thr_query;
	unsigned long threadid;
	long kgdb_usethreadid;
	struct pt_regs *linux_regs;
	int *send_ready;
};

#define DCPU_WANT_MASTER 0x1 /* Waiting to become a master kgdb cpu */
#define DCPU_NEXT_MASTER 0x2 /* Transition from one master cpu to another */
#define DCPU_IS_SLAVE 0x4 /* Slave cpu enter exception */
#define DCPU_WANT_BT 0x8 /* Slave cpu should backtrace then clear flag */

struct debuggerinfo_struct {
	void *debuggerinfo;
	struct task_struct *task;
	int exception_state;
	int ret_state;
	int irq_depth;
	int enter_kgdb;
	int rounding_up;
};

extern struct debuggerinfo_struct kgdb_info[NR_CPUS];

#define DBG_PASS_EVENT -12345
#define DBG_SWITCH_CPU_EVENT -123456
extern int dbg_switch_cpu;

/* The I/O driver, after struct kgdb_io. */
struct kgdb_io {
	const char *name;
	int (*read_char)(void);
	void (*write_char)(unsigned char c);
	void (*flush)(void);
	/* the line was lost: the session is over */
	void (*hangup)(void);
	int (*connected)(void);
};

#define NO_POLL_CHAR (-1)
#define HANGUP_CHAR (-2)

extern struct kgdb_io *dbg_io_ops;
extern int kgdb_connected;
extern int kgdb_active;
extern int kgdb_single_step;
extern int kgdb_cpu_doing_single_step;
extern int kgdb_break_asap;

int kgdb_register_io_module(struct kgdb_io *io);
void kgdb_unregister_io_module(struct kgdb_io *io);
int dbg_io_get_char(void);

/* gdbstub.c: one hex digit's value, or -1 */
int gdb_hex(int ch);
/* gdbstub.c: parse hex into *val, the number of digits read */
int kgdb_hex2long(char **ptr, unsigned long *val);

/* debug_core.c */
int kgdb_handle_exception(int evector, int signo, int ecode,
			  struct pt_regs *regs);
int kgdb_nmicallback(int cpu, void *regs);
int kgdb_nmicallin(int cpu, int trapnr, void *regs, int err_code,
		   int *send_ready);
void kgdb_breakpoint(void);
int dbg_set_sw_break(unsigned long addr);
int dbg_remove_sw_break(unsigned long addr);
int dbg_activate_sw_breakpoints(void);
int dbg_deactivate_sw_breakpoints(void);
int dbg_remove_all_break(void);
int kgdb_isremovedbreak(unsigned long addr);
int kgdb_has_hit_break(unsigned long addr);
int kgdb_is_set_break(unsigned long addr);
void kgdb_roundup_cpus(void);

/* arch: kernel/kgdb.c, after arch/x86/kernel/kgdb.c */
int kgdb_arch_init(void);
void kgdb_arch_exit(void);
int kgdb_arch_handle_exception(int vector, int signo, int err_code,
			       char *remcom_in_buffer, char *remcom_out_buffer,
			       struct pt_regs *regs);
int kgdb_arch_set_breakpoint(struct kgdb_bkpt *bpt);
int kgdb_arch_remove_breakpoint(struct kgdb_bkpt *bpt);
int kgdb_validate_break_address(unsigned long addr);
int kgdb_skipexception(int exception, struct pt_regs *regs);
void kgdb_arch_step_off(struct pt_regs *regs);
unsigned long kgdb_arch_pc(int exception, struct pt_regs *regs);
int kgdb_set_hw_break(unsigned long addr, int len, enum kgdb_bptype bptype);
int kgdb_remove_hw_break(unsigned long addr, int len, enum kgdb_bptype bptype);
void kgdb_remove_all_hw_break(void);
void kgdb_disable_hw_debug(struct pt_regs *regs);
void kgdb_correct_hw_break(void);
/* The stop reason of a #DB from the debugger's breakpoints: 0 if none */
int kgdb_hw_stop_reason(char *buf, int len);

/* gdb register numbers, target.xml order (64bit-core, sse, linux, segments) */
enum gdb_regnum {
	GDB_AX,
	GDB_BX,
	GDB_CX,
	GDB_DX,
	GDB_SI,
	GDB_DI,
	GDB_BP,
	GDB_SP,
	GDB_R8,
	GDB_R9,
	GDB_R10,
	GDB_R11,
	GDB_R12,
	GDB_R13,
	GDB_R14,
	GDB_R15,
	GDB_PC,
	GDB_PS,
	GDB_CS,
	GDB_SS,
	GDB_DS,
	GDB_ES,
	GDB_FS,
	GDB_GS,
	GDB_ST0,
	GDB_FCTRL = GDB_ST0 + 8,
	GDB_FSTAT,
	GDB_FTAG,
	GDB_FISEG,
	GDB_FIOFF,
	GDB_FOSEG,
	GDB_FOOFF,
	GDB_FOP,
	GDB_XMM0,
	GDB_MXCSR = GDB_XMM0 + 16,
	GDB_ORIG_AX,
	GDB_FS_BASE,
	GDB_GS_BASE,
	GDB_CR2,
	GDB_DR6,
	GDB_DR7,
	GDB_NMI_STATE,
	DBG_MAX_REG_NUM
};

/* Size in bytes, and the value as target bytes (little endian). */
int dbg_reg_size(int regno);
int dbg_get_reg(int regno, void *mem, int cpu, struct pt_regs *regs);
int dbg_set_reg(int regno, const void *mem, struct pt_regs *regs);
/* The 'thread' of gdb: the CPU, 1-based */
static __always_inline int kgdb_cpu_to_tid(int cpu)
{
	return cpu + 1;
}

/* gdbstub.c */
int gdb_serial_stub(struct kgdb_state *ks);
/* monitor commands (qRcmd), gdb_monitor.c: output through gdbstub_msg_write */
void gdb_monitor(struct kgdb_state *ks, const char *cmd);
/* DCPU_WANT_BT: a slave unwinds its own stack for monitor bt all */
void kgdb_slave_backtrace(int cpu);
/* a break request of the debug port, waiting for its NMI (kgdb.c) */
extern int kgdb_break_pending;
void gdbstub_msg_write(const char *s, int len);
void gdbstub_exit(int status);
/* 1: NMIs held while stepping (the default), 0: taken during a step */
extern int kgdb_sstep_noirq;

/* kgdboc.c: the debug port driver; --gdb and --wait-gdb */
int kgdboc_init(int listen_fd, int wait);
void kgdboc_exit(void);

#endif
