#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""rsp.py SOCKET STEP...: a raw gdb remote-protocol client for the stub's
robustness tests.  A STEP is a packet body (sent framed, its reply
printed), or one of: raw:TEXT (bytes as they are, the next reply or ack
printed), ^C, sleep:SECONDS, close."""
import socket
import sys
import time


def checksum(body):
    return "%02x" % (sum(body) & 0xff)


def main():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    s.settimeout(10)
    pending = b""

    def read_reply():
        nonlocal pending
        while True:
            if pending[:1] in (b"+", b"-") and b"$" not in pending[:1]:
                c, pending = pending[:1], pending[1:]
                if c == b"-":
                    return "NAK"
                continue
            if b"#" in pending:
                i = pending.index(b"#")
                if len(pending) >= i + 3:
                    start = pending.index(b"$")
                    body, pending = pending[start + 1:i], pending[i + 3:]
                    s.sendall(b"+")
                    return body.decode(errors="replace")
            chunk = s.recv(65536)
            if not chunk:
                return "EOF"
            pending += chunk

    for step in sys.argv[2:]:
        if step == "close":
            s.close()
            return
        if step == "^C":
            s.sendall(b"\x03")
        elif step.startswith("sleep:"):
            time.sleep(float(step[6:]))
            continue
        elif step.startswith("raw:"):
            s.sendall(step[4:].encode())
        else:
            body = step.encode()
            s.sendall(b"$" + body + b"#" + checksum(body).encode())
            if step in ("c", "vCont;c"):
                print(step, "-> (running)")
                continue
        print(step[:40], "->", read_reply())
        sys.stdout.flush()


main()
