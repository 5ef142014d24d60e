#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""make bench: gdb's stepi through vkernel's stub against gdbserver.

Both step the same instructions: the loop of kernel_workload_tick() in
the vkernel binary, once through vkernel's own stub (a Unix socket) and
once with vkernel run natively under gdbserver (its stdin/stdout).  Each
step is one vCont;s and its stop reply, in no-ack mode, as gdb's stepi
sends them.  Prints both and the ratio, best of a few rounds.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

STEPS = 2000
ROUNDS = 3


class Rsp:
    def __init__(self, send, recv):
        self.send_raw, self.recv_raw, self.buf = send, recv, b""

    def send(self, body):
        if os.environ.get("STEPI_DEBUG"):
            print("->", body, file=sys.stderr)
        body = body.encode()
        self.send_raw(b"$%s#%02x" % (body, sum(body) & 0xff))

    def reply(self):
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i + 1) if i >= 0 else -1
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                body, self.buf = self.buf[i + 1:j], self.buf[j + 3:]
                return body.decode(errors="replace")
            chunk = self.recv_raw()
            if not chunk:
                raise EOFError("the stub went away")
            self.buf += chunk

    def cmd(self, body):
        self.send(body)
        return self.reply()

    def stop_at(self, addr):
        """A breakpoint at addr, continue until a thread stops there."""
        self.cmd("Z0,%x,1" % addr)
        while True:
            self.send("vCont;c")
            stop = self.reply()
            if stop.startswith("T05"):
                break
            # a host signal of vkernel's own (gdbserver reports them): pass
            self.send("vCont;C%s" % stop[1:3])
            stop = self.reply()
            if stop.startswith("T05"):
                break
        self.cmd("z0,%x,1" % addr)
        return stop.split("thread:")[1].split(";")[0]

    def steps(self, tid):
        t0 = time.perf_counter()
        for _ in range(STEPS):
            self.send("vCont;s:%s" % tid)
            if not self.reply().startswith("T05"):
                raise RuntimeError("a step did not stop with SIGTRAP")
        return (time.perf_counter() - t0) / STEPS * 1e6


def symbol(vkernel, name):
    out = subprocess.run(["nm", vkernel], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    raise KeyError(name)


def handshake(rsp):
    """Two packets with acks, as gdb starts, then no-ack mode."""
    for body in ("qSupported:swbreak+;hwbreak+", "QStartNoAckMode"):
        rsp.cmd(body)
        rsp.send_raw(b"+")
    rsp.buf = b""


def run_vkernel(vkernel, addr, tmp):
    sock = os.path.join(tmp, "gdb.sock")
    vk = subprocess.Popen([vkernel, "--quiet", "--gdb", "unix:" + sock],
                          stdout=subprocess.DEVNULL)
    while not os.path.exists(sock):
        time.sleep(0.05)
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock)
    rsp = Rsp(s.sendall, lambda: s.recv(65536))
    rsp.send_raw(b"+")
    handshake(rsp)
    best = min(rsp.steps(rsp.stop_at(addr)) for _ in range(ROUNDS))
    rsp.send("k")
    vk.wait(timeout=30)
    return best


def run_gdbserver(vkernel, addr):
    gs = subprocess.Popen(["gdbserver", "-", vkernel, "--quiet",
                           "--run-for", "inf"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    rsp = Rsp(lambda b: (gs.stdin.write(b), gs.stdin.flush()),
              lambda: os.read(gs.stdout.fileno(), 65536))
    handshake(rsp)
    rsp.cmd("?")
    best = min(rsp.steps(rsp.stop_at(addr)) for _ in range(ROUNDS))
    rsp.send("vKill;%x" % gs.pid)
    gs.kill()
    gs.wait()
    return best


def main():
    vkernel = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "./vkernel")
    if not shutil.which("gdbserver"):
        print("stepi: gdbserver is not installed (apt-get install gdbserver): no baseline, skipped")
        return 0
    addr = symbol(vkernel, "kernel_workload_tick")
    with tempfile.TemporaryDirectory() as tmp:
        vk = run_vkernel(vkernel, addr, tmp)
    base = run_gdbserver(vkernel, addr)
    print("stepi through the stub: vkernel %.1f us, gdbserver %.1f us per step" % (vk, base))
    print("ratio: %.2fx, best of %d rounds of %d steps of kernel_workload_tick" %
          (vk / base, ROUNDS, STEPS))
    return 0


sys.exit(main())
