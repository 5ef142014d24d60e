# SPDX-License-Identifier: GPL-2.0-only
"""gdb helpers for vkernel, in the style of the kernel's scripts/gdb.

Load it into a gdb that debugs vkernel, attached to the process
(gdb -p PID) or to the stub (target remote):

    (gdb) source tools/vkernel-gdb.py

It makes gdb pass vkernel's own signals silently (attached with -p, they
are the simulated machine's exceptions and NMIs, not bugs), but for a
SIGTRAP pending at detach, and adds:

    lx-dmesg            the kernel log from the printk ring
    nmi [CPU]           each CPU's exc_nmi state: nmi_state, nmi_cr2,
                        nmi_dr7, and its NMI line's counters
"""
import gdb

# The NMI pin (SIGRTMIN+6, signal 40) and the exceptions the simulated
# CPUs take as host signals: gdb -p must hand them on untouched.
VKERNEL_SIGNALS = ("SIG40", "SIGTRAP", "SIGSEGV", "SIGFPE", "SIGILL",
                   "SIGBUS")


def _set_signal_handling():
    for sig in VKERNEL_SIGNALS:
        gdb.execute("handle %s nostop noprint pass" % sig, to_string=True)
    # At detach gdb hands a thread's pending signal to the process: a
    # SIGTRAP still pending then is far likelier one of gdb's own
    # breakpoints (hit by a second thread) than the kernel's, and passed
    # on it would be an int3 the kernel never planted: an Oops.
    gdb.execute("define hook-detach\nhandle SIGTRAP nopass\nend")
    gdb.execute("define hookpost-detach\nhandle SIGTRAP pass\nend")


class LxDmesg(gdb.Command):
    """Print the vkernel log from its printk ring buffer (lx-dmesg)."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        prb = gdb.parse_and_eval("'kernel/printk/printk.c'::prb")
        slots = prb["slots"]
        nslots = slots.type.range()[1] + 1
        head = int(prb["head"])
        for seq in range(max(0, head - nslots), head):
            rec = slots[seq % nslots]
            if int(rec["committed"]) != seq + 1:
                continue
            n = int(rec["len"])
            text = bytes(int(rec["text"][i]) & 0xff for i in range(n))
            ts = int(rec["ts_nsec"])
            nl = "\n" if int(rec["flags"]) & 1 else ""
            gdb.write("[%5d.%06d] %s%s" % (ts // 10**9, ts % 10**9 // 1000,
                                           text.decode(errors="replace"),
                                           nl))


class Nmi(gdb.Command):
    """Show each CPU's NMI state: nmi [CPU].

nmi_state (NMI_NOT_RUNNING, NMI_EXECUTING, NMI_LATCHED), the nmi_cr2 and
nmi_dr7 exc_nmi saved, and the NMI line's counters (vkernel-nmi(7))."""

    def __init__(self):
        super().__init__("nmi", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        ncpus = int(gdb.parse_and_eval("nr_cpu_ids"))
        cpus = [int(arg)] if arg.strip() else range(ncpus)
        for cpu in cpus:
            if cpu < 0 or cpu >= ncpus:
                raise gdb.GdbError("nmi: no CPU %d (0-%d)" % (cpu, ncpus - 1))
            state = gdb.parse_and_eval("nmi_state[%d]" % cpu)
            cr2 = int(gdb.parse_and_eval("nmi_cr2[%d]" % cpu))
            dr7 = int(gdb.parse_and_eval("nmi_dr7[%d]" % cpu))
            line = gdb.parse_and_eval("sim_cpus[%d].nmi" % cpu)
            gdb.write("CPU%d: nmi_state=%s nmi_cr2=0x%x nmi_dr7=0x%x\n" %
                      (cpu, state, cr2, dr7))
            gdb.write("CPU%d: received %d taken %d latched %d lost %d "
                      "nested %d repeats %d from_user %d\n" %
                      (cpu, int(line["received"]), int(line["taken"]),
                       int(line["latches"]), int(line["lost"]),
                       int(line["nested"]), int(line["repeats"]),
                       int(line["from_user"])))


_set_signal_handling()
LxDmesg()
Nmi()
