// SPDX-License-Identifier: GPL-2.0-only
/*
 * The commands of the gdb stub, after gdb_serial_stub() in
 * kernel/debug/gdbstub.c.  Each CPU is a gdb thread (id CPU + 1); its
 * registers are the pt_regs it stopped with.  Runs on the master CPU.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/trapnr.h>
#include <asm/uaccess.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include "gdbstub.h"

static char remcom_in_buffer[BUFMAX + 1];
static char remcom_out_buffer[BUFMAX + 1];
static char scratch[BUFMAX];
static int kgdb_usethread = -1; /* Hg: whose registers g reads (a CPU) */
static int kgdb_contthread = -1; /* Hc */
static int pending_resume; /* a vCont handed over to this CPU */
static int no_reply; /* the command answered itself, or takes no answer */
int kgdb_sstep_noirq = 1;

#define GDB_RESUME 1

static const char supported[] =
	"PacketSize=4000;qXfer:features:read+;qXfer:threads:read+;"
	"QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+";

static __nmisafe int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static __nmisafe struct pt_regs *cpu_regs(int cpu)
{
	if (cpu < 0 || cpu >= nr_cpu_ids)
		return NULL;
	return READ_ONCE(kgdb_info[cpu].debuggerinfo);
}

static __nmisafe int reg_cpu(struct kgdb_state *ks)
{
	return kgdb_usethread < 0 ? ks->cpu : kgdb_usethread;
}

static __nmisafe const char *nmi_state_name(int cpu)
{
	switch (READ_ONCE(per_cpu(nmi_state, cpu))) {
	case NMI_NOT_RUNNING:
		return "NOT_RUNNING";
	case NMI_EXECUTING:
		return "EXECUTING";
	default:
		return "LATCHED";
	}
}

/* "CPU 1 in NMI, nmi_state=EXECUTING", for info threads */
static __nmisafe int thread_extra(int cpu, char *buf, int len)
{
	int in_nmi = READ_ONCE(per_cpu(nmi_state, cpu)) != NMI_NOT_RUNNING;

	if (!cpu_regs(cpu))
		return scnprintf(buf, len, "CPU %d not stopped", cpu);
	return scnprintf(buf, len, "CPU %d%s, nmi_state=%s", cpu,
			 in_nmi ? " in NMI" : "", nmi_state_name(cpu));
}

/* T05thread:2;swbreak: and the like */
static __nmisafe void gdb_stop_reply(struct kgdb_state *ks, char *out)
{
	int n = scnprintf(out, BUFMAX, "T%02xthread:%x;", ks->signo,
			  kgdb_cpu_to_tid(ks->cpu));

	if (ks->ex_vector == X86_TRAP_BP && ks->pass_exception)
		scnprintf(out + n, BUFMAX - n, "swbreak:;");
	else if (ks->err_code == DIE_DEBUG) /* notify_die's trap is 0 */
		kgdb_hw_stop_reason(out + n, BUFMAX - n);
}

static __nmisafe void gdb_cmd_getregs(struct kgdb_state *ks, char *out)
{
	int cpu = reg_cpu(ks), r, size;
	struct pt_regs *regs = cpu_regs(cpu);
	unsigned char v[16];

	if (!regs) {
		gdb_error_packet(out, -ESRCH);
		return;
	}
	for (r = 0; r < DBG_MAX_REG_NUM; r++) {
		size = dbg_reg_size(r);
		if (dbg_get_reg(r, v, cpu, regs)) {
			memset(out, 'x', 2 * size);
			out += 2 * size;
		} else {
			out = gdb_mem2hex((char *)v, out, size);
		}
	}
	*out = 0;
}

static __nmisafe int hex2bytes(char **p, unsigned char *v, int size)
{
	int i, hi, lo;

	for (i = 0; i < size; i++) {
		hi = gdb_hex((*p)[0]);
		lo = hi < 0 ? -1 : gdb_hex((*p)[1]);
		if (lo < 0)
			return -EINVAL;
		v[i] = (unsigned char)(hi << 4 | lo);
		*p += 2;
	}
	return 0;
}

/* Only the stopped context of the master goes back into its CPU. */
static __nmisafe void gdb_cmd_setregs(struct kgdb_state *ks, char *in,
				      char *out)
{
	unsigned char v[16];
	char *p = in + 1;
	int r;

	if (reg_cpu(ks) != ks->cpu) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	for (r = 0; r < DBG_MAX_REG_NUM && *p; r++) {
		if (*p == 'x' || hex2bytes(&p, v, dbg_reg_size(r)) ||
		    (r <= GDB_PS && dbg_set_reg(r, v, ks->linux_regs))) {
			p += 2 * dbg_reg_size(r);
			continue;
		}
	}
	strcpy(out, "OK");
}

static __nmisafe void gdb_cmd_reg_get(struct kgdb_state *ks, char *in,
				      char *out)
{
	unsigned long regnum;
	char *p = in + 1;
	unsigned char v[16];
	int cpu = reg_cpu(ks), size;
	struct pt_regs *regs = cpu_regs(cpu);

	if (!kgdb_hex2long(&p, &regnum) || *p ||
	    !(size = dbg_reg_size((int)regnum)) || regnum >= DBG_MAX_REG_NUM) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	if (!regs) {
		gdb_error_packet(out, -ESRCH);
		return;
	}
	if (dbg_get_reg((int)regnum, v, cpu, regs)) {
		memset(out, 'x', 2 * size);
		out[2 * size] = 0;
		return;
	}
	gdb_mem2hex((char *)v, out, size);
}

static __nmisafe void gdb_cmd_reg_set(struct kgdb_state *ks, char *in,
				      char *out)
{
	unsigned long regnum;
	char *p = in + 1;
	unsigned char v[16];

	if (!kgdb_hex2long(&p, &regnum) || *p++ != '=' ||
	    regnum >= DBG_MAX_REG_NUM ||
	    hex2bytes(&p, v, dbg_reg_size((int)regnum)) || *p ||
	    reg_cpu(ks) != ks->cpu ||
	    dbg_set_reg((int)regnum, v, ks->linux_regs)) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	strcpy(out, "OK");
}

/* ADDR,LEN then the separator; -EINVAL when malformed or too long */
static __nmisafe int parse_addr_len(char **p, unsigned long *addr,
				    unsigned long *len, char sep,
				    unsigned long max)
{
	if (!kgdb_hex2long(p, addr) || *(*p)++ != ',' ||
	    !kgdb_hex2long(p, len) || *(*p)++ != sep)
		return -EINVAL;
	return *len > max ? -EINVAL : 0;
}

/* m: as much as can be read from ADDR, E14 when not even a byte */
static __nmisafe void gdb_cmd_memread(char *in, char *out)
{
	unsigned long addr, len, done = 0;
	char *p = in + 1;

	if (parse_addr_len(&p, &addr, &len, 0, (BUFMAX - 1) / 2) ||
	    p[-1] != 0) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	while (done < len) {
		unsigned long chunk = 4096 - ((addr + done) & 4095);

		if (chunk > len - done)
			chunk = len - done;
		if (copy_from_kernel_nofault(scratch + done,
					     (void *)(addr + done), chunk))
			break;
		done += chunk;
	}
	if (len && !done) {
		gdb_error_packet(out, -EFAULT);
		return;
	}
	gdb_mem2hex(scratch, out, (int)done);
}

/* X: binary data, with 0x7d escapes */
static __nmisafe int ebin2mem(char *p, int avail, unsigned long len)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < avail && n < len; i++) {
		char c = p[i];

		if (c == 0x7d) {
			if (++i >= avail)
				return -EINVAL;
			c = (char)(p[i] ^ 0x20);
		}
		scratch[n++] = c;
	}
	return n == len ? 0 : -EINVAL;
}

static __nmisafe void gdb_cmd_memwrite(char *in, int in_len, char *out)
{
	unsigned long addr, len;
	char *p = in + 1;
	int err;

	err = parse_addr_len(&p, &addr, &len, ':', BUFMAX / 2);
	if (!err && in[0] == 'M')
		err = (int)strlen(p) == 2 * (int)len ?
			      hex2bytes(&p, (unsigned char *)scratch,
					(int)len) :
			      -EINVAL;
	else if (!err)
		err = ebin2mem(p, in_len - (int)(p - in), len);
	if (err) {
		gdb_error_packet(out, err);
		return;
	}
	if (len && copy_to_kernel_nofault((void *)addr, scratch, len)) {
		gdb_error_packet(out, -EFAULT);
		return;
	}
	strcpy(out, "OK");
}

/* Z/z TYPE,ADDR,KIND */
static __nmisafe void gdb_cmd_break(char *in, char *out)
{
	char *p = in + 1;
	unsigned long type, addr, len;
	int err = -EINVAL;

	if (!kgdb_hex2long(&p, &type) || *p++ != ',' ||
	    !kgdb_hex2long(&p, &addr) || *p++ != ',' ||
	    !kgdb_hex2long(&p, &len) || (*p && *p != ';')) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	if (type > BP_ACCESS_WATCHPOINT) {
		out[0] = 0; /* not supported: the empty reply */
		return;
	}
	if (in[0] == 'Z' && type == BP_BREAKPOINT)
		err = dbg_set_sw_break(addr);
	else if (in[0] == 'z' && type == BP_BREAKPOINT)
		err = dbg_remove_sw_break(addr);
	else if (in[0] == 'Z')
		err = kgdb_set_hw_break(addr, (int)len, type);
	else
		err = kgdb_remove_hw_break(addr, (int)len, type);
	if (err == 0 || err == -EEXIST)
		strcpy(out, "OK");
	else
		gdb_error_packet(out, err < 0 && err > -100 ? err : -EINVAL);
}

/* gdb thread id to CPU; -1 for "all" or "any" */
static __nmisafe int tid_to_cpu(char *p, int *cpu)
{
	unsigned long tid;

	if (p[0] == '-' && p[1] == '1' && !p[2]) {
		*cpu = -1;
		return 0;
	}
	if (!kgdb_hex2long(&p, &tid) || *p)
		return -EINVAL;
	if (tid == 0) {
		*cpu = -1;
		return 0;
	}
	if ((long)tid > nr_cpu_ids || !READ_ONCE(sim_cpus[tid - 1].online))
		return -ESRCH;
	*cpu = (int)tid - 1;
	return 0;
}

static __nmisafe void gdb_cmd_task(char *in, char *out)
{
	int cpu;

	if (tid_to_cpu(in + 2, &cpu) || (in[1] != 'g' && in[1] != 'c')) {
		gdb_error_packet(out, -EINVAL);
		return;
	}
	if (in[1] == 'g')
		kgdb_usethread = cpu;
	else
		kgdb_contthread = cpu;
	strcpy(out, "OK");
}

static __nmisafe void gdb_cmd_thread_alive(char *in, char *out)
{
	int cpu;

	if (tid_to_cpu(in + 1, &cpu) || cpu < 0)
		gdb_error_packet(out, -EINVAL);
	else
		strcpy(out, "OK");
}

/* qXfer:...:read:ANNEX:OFF,LEN of a document, m or l, escaped */
static __nmisafe void xfer_reply(const char *doc, unsigned long doc_len,
				 char *p)
{
	unsigned long off, len;

	if (parse_addr_len(&p, &off, &len, 0, -1) || p[-1] != 0) {
		gdb_error_packet(remcom_out_buffer, -EINVAL);
		gdb_put_packet(remcom_out_buffer);
		return;
	}
	if (off >= doc_len) {
		gdb_put_packet("l");
		return;
	}
	if (len > doc_len - off)
		len = doc_len - off;
	if (len > BUFMAX / 2) /* room for escapes */
		len = BUFMAX / 2;
	remcom_out_buffer[0] = off + len < doc_len ? 'm' : 'l';
	memcpy(remcom_out_buffer + 1, doc + off, len);
	gdb_put_packet_len(remcom_out_buffer, (int)len + 1);
}

static __nmisafe unsigned long threads_xml(char *buf, unsigned long size)
{
	unsigned long n =
		scnprintf(buf, size, "<?xml version=\"1.0\"?><threads>");
	char extra[96];
	int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (!READ_ONCE(sim_cpus[cpu].online))
			continue;
		thread_extra(cpu, extra, sizeof(extra));
		n += scnprintf(
			buf + n, size - n,
			"<thread id=\"%x\" core=\"%d\" name=\"vkcpu/%d\">%s</thread>",
			kgdb_cpu_to_tid(cpu), cpu, cpu, extra);
	}
	n += scnprintf(buf + n, size - n, "</threads>");
	return n;
}

static __nmisafe void gdb_cmd_xfer(char *in)
{
	static const char feat[] = "qXfer:features:read:target.xml:";
	static const char thr[] = "qXfer:threads:read::";

	no_reply = 1;
	if (starts(in, feat)) {
		xfer_reply(gdb_target_xml, gdb_target_xml_len,
			   in + sizeof(feat) - 1);
	} else if (starts(in, thr)) {
		unsigned long n = threads_xml(scratch, sizeof(scratch));

		xfer_reply(scratch, n, in + sizeof(thr) - 1);
	} else {
		no_reply = 0;
		gdb_error_packet(remcom_out_buffer, -ENOENT);
	}
}

static __nmisafe void gdb_cmd_thread_list(char *out, int first)
{
	int cpu, n = 0;

	if (!first) {
		strcpy(out, "l");
		return;
	}
	out[n++] = 'm';
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		if (!READ_ONCE(sim_cpus[cpu].online))
			continue;
		n += scnprintf(out + n, BUFMAX - n, "%s%x", n > 1 ? "," : "",
			       kgdb_cpu_to_tid(cpu));
	}
	out[n] = 0;
}

static __nmisafe void gdb_cmd_rcmd(struct kgdb_state *ks, char *in, char *out)
{
	char *p = in + 6;
	int i;

	for (i = 0; p[0] && p[1] && i < (int)sizeof(scratch) - 1; i++) {
		if (hex2bytes(&p, (unsigned char *)scratch + i, 1))
			break;
	}
	scratch[i] = 0;
	gdb_monitor(ks, scratch);
	strcpy(out, "OK");
}

static __nmisafe void gdb_cmd_query(struct kgdb_state *ks, char *in, char *out)
{
	int cpu;

	if (starts(in, "qSupported"))
		strcpy(out, supported);
	else if (starts(in, "qXfer:"))
		gdb_cmd_xfer(in);
	else if (!strcmp(in, "qfThreadInfo") || !strcmp(in, "qsThreadInfo"))
		gdb_cmd_thread_list(out, in[1] == 'f');
	else if (!strcmp(in, "qC"))
		scnprintf(out, BUFMAX, "QC%x", kgdb_cpu_to_tid(ks->cpu));
	else if (!strcmp(in, "qAttached"))
		strcpy(out, "1");
	else if (starts(in, "qThreadExtraInfo,") &&
		 !tid_to_cpu(in + 17, &cpu) && cpu >= 0)
		gdb_mem2hex(scratch, out,
			    thread_extra(cpu, scratch, sizeof(scratch)));
	else if (starts(in, "qRcmd,"))
		gdb_cmd_rcmd(ks, in, out);
	else if (starts(in, "qThreadExtraInfo,"))
		gdb_error_packet(out, -EINVAL);
}

/*
 * vCont;ACTION[:TID]...: the action for the master, or the first
 * thread-specific step; a step of another CPU makes that CPU the master.
 */
static __nmisafe int gdb_cmd_vcont(struct kgdb_state *ks, char *in)
{
	char *p = in + 5, act = 0;
	int cpu, step_cpu = -1;

	while (*p == ';') {
		char a = p[1];
		char *colon = strchr(p + 1, ':'), *next = strchr(p + 1, ';');

		if (a != 'c' && a != 'C' && a != 's' && a != 'S')
			return -EINVAL;
		if (colon && (!next || colon < next)) {
			if (next)
				*next = 0;
			if (tid_to_cpu(colon + 1, &cpu))
				return -EINVAL;
			if (next)
				*next = ';';
			if ((a == 's' || a == 'S') && step_cpu < 0 && cpu >= 0)
				step_cpu = cpu;
			if (cpu == ks->cpu && !act)
				act = a;
		} else if (!act) {
			act = a;
		}
		p = next ? next : p + strlen(p);
	}
	if (*p)
		return -EINVAL;
	if (step_cpu >= 0 && step_cpu != ks->cpu) {
		if (!cpu_regs(step_cpu))
			return -ESRCH;
		dbg_switch_cpu = step_cpu;
		return DBG_SWITCH_CPU_EVENT;
	}
	act = step_cpu == ks->cpu ? 's' :
	      act == 'C'	  ? 'c' :
	      act == 'S'	  ? 's' :
				    act;
	in[0] = act ? act : 'c';
	in[1] = 0;
	return GDB_RESUME;
}

/*
 * The session is over (detach, kill, or gdb gone): nothing of gdb's stays
 * planted, no step is pending, and the next gdb starts afresh.
 */
static __nmisafe void gdb_session_end(struct kgdb_state *ks)
{
	dbg_remove_all_break();
	kgdb_connected = 0;
	gdb_no_ack = 0;
	kgdb_usethread = kgdb_contthread = -1;
	kgdb_arch_step_off(ks->linux_regs);
}

/* D and k; kill also halts the machine, like QEMU */
static __nmisafe void gdb_cmd_detachkill(struct kgdb_state *ks, char *in)
{
	if (in[0] == 'D')
		gdb_put_packet("OK");
	else
		smp_send_stop();
	dbg_io_ops->hangup();
	gdb_session_end(ks);
}

static __nmisafe int gdb_cmd_resume(struct kgdb_state *ks, char *in, char *out)
{
	if (in[0] == 'C')
		in[0] = 'c';
	if (in[0] == 'S')
		in[0] = 's';
	if ((in[0] == 'c' || in[0] == 's') && in[1] && gdb_hex(in[1]) >= 0 &&
	    in[2] == ';') /* C sig;addr: no signals in the kernel */
		memmove(in + 1, in + 3, strlen(in + 3) + 1);
	if (in[0] == 's' && kgdb_contthread >= 0 &&
	    kgdb_contthread != ks->cpu) {
		gdb_error_packet(out, -EINVAL);
		return 0;
	}
	if (in[0] == 's')
		kgdb_single_step = 1;
	kgdb_arch_handle_exception(ks->ex_vector, ks->signo, ks->err_code, in,
				   out, ks->linux_regs);
	return GDB_RESUME;
}

static __nmisafe int gdb_cmd_v(struct kgdb_state *ks, char *in, char *out)
{
	int err;

	if (!strcmp(in, "vCont?")) {
		strcpy(out, "vCont;c;C;s;S");
		return 0;
	}
	if (!starts(in, "vCont;"))
		return 0; /* vMustReplyEmpty and the rest */
	err = gdb_cmd_vcont(ks, in);
	if (err == GDB_RESUME)
		return gdb_cmd_resume(ks, in, out);
	if (err == DBG_SWITCH_CPU_EVENT)
		return err;
	gdb_error_packet(out, err);
	return 0;
}

/* One command; GDB_RESUME when the kernel is to go on. */
static __nmisafe int gdb_dispatch(struct kgdb_state *ks, int len)
{
	char *in = remcom_in_buffer, *out = remcom_out_buffer;

	out[0] = 0;
	no_reply = 0;
	switch (in[0]) {
	case '?':
		gdb_stop_reply(ks, out);
		break;
	case 'g':
		gdb_cmd_getregs(ks, out);
		break;
	case 'G':
		gdb_cmd_setregs(ks, in, out);
		break;
	case 'p':
		gdb_cmd_reg_get(ks, in, out);
		break;
	case 'P':
		gdb_cmd_reg_set(ks, in, out);
		break;
	case 'm':
		gdb_cmd_memread(in, out);
		break;
	case 'M':
	case 'X':
		gdb_cmd_memwrite(in, len, out);
		break;
	case 'Z':
	case 'z':
		gdb_cmd_break(in, out);
		break;
	case 'H':
		gdb_cmd_task(in, out);
		break;
	case 'T':
		gdb_cmd_thread_alive(in, out);
		break;
	case 'q':
		gdb_cmd_query(ks, in, out);
		break;
	case 'Q':
		if (!strcmp(in, "QStartNoAckMode")) {
			gdb_put_packet("OK");
			gdb_no_ack = 1;
			no_reply = 1;
		}
		break;
	case 'v':
		return gdb_cmd_v(ks, in, out);
	case 'D':
	case 'k':
		gdb_cmd_detachkill(ks, in);
		no_reply = 1;
		return GDB_RESUME;
	case 'c':
	case 'C':
	case 's':
	case 'S':
		return gdb_cmd_resume(ks, in, out);
	}
	return 0;
}

/* A breakpoint of ours was hit: gdb wants the PC at it (swbreak). */
static __nmisafe void gdb_stop_adjust(struct kgdb_state *ks)
{
	unsigned long addr;

	if (ks->ex_vector != X86_TRAP_BP || ks->pass_exception)
		return;
	addr = ks->linux_regs->ip - 1;
	if (kgdb_is_set_break(addr)) {
		ks->linux_regs->ip = addr;
		ks->pass_exception = 1;
	}
}

/* gdb is gone: the kernel goes on. */
static __nmisafe int gdb_lost(struct kgdb_state *ks)
{
	gdb_session_end(ks);
	return 0;
}

/* This function performs all gdbserial command processing. */
__nmisafe int gdb_serial_stub(struct kgdb_state *ks)
{
	int len, r;

	gdb_stop_adjust(ks);
	/* gdb takes the stopped thread for its general thread (Hg) */
	kgdb_usethread = ks->cpu;
	if (pending_resume) {
		pending_resume = 0;
		r = gdb_cmd_v(ks, remcom_in_buffer, remcom_out_buffer);
		if (r == GDB_RESUME)
			return 0;
		gdb_put_packet(remcom_out_buffer);
	} else if (kgdb_connected) {
		/* Reply to host that an exception has occurred */
		gdb_stop_reply(ks, remcom_out_buffer);
		gdb_put_packet(remcom_out_buffer);
	}
	for (;;) {
		len = gdb_get_packet(remcom_in_buffer);
		if (len == -1)
			return gdb_lost(ks);
		if (len < 0) { /* longer than PacketSize */
			gdb_put_packet("E01");
			continue;
		}
		kgdb_connected = 1;
		r = gdb_dispatch(ks, len);
		if (r == DBG_SWITCH_CPU_EVENT) {
			pending_resume = 1;
			return r;
		}
		if (r == GDB_RESUME)
			return 0;
		if (!no_reply)
			gdb_put_packet(remcom_out_buffer);
	}
}
