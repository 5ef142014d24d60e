#!/bin/sh
# The gdb stub with the real gdb in batch mode: threads, a breakpoint in
# the NMI handler and its backtrace, registers, a per-CPU variable, 100
# steps, a watchpoint, a bad address, monitor commands, an interrupt,
# detach, reconnect, kill; then the protocol's robustness.
. "$top_srcdir/tests/integration/lib.sh"

if ! command -v gdb >/dev/null; then
	echo "1..0 # SKIP gdb is not installed"
	exit 0
fi
sock=$tmp/gdb.sock
RSP="python3 $top_srcdir/tests/integration/rsp.py $sock"

start_vkernel() { # ARGS...
	rm -f "$sock"
	# not under timeout(1): the pid is vkernel's own; killed at exit
	$VKERNEL_BIN --gdb "unix:$sock" "$@" >"$tmp/vk.log" 2>&1 &
	vkpid=$!
	trap 'kill -9 $vkpid 2>/dev/null; rm -rf "$tmp"' EXIT
	for i in $(seq 100); do
		[ -S "$sock" ] && return 0
		sleep 0.05
	done
	return 1
}

# gdb with one -ex per command, so that an error does not end the session
gdb_session() { # OUT COMMAND...
	out=$1
	shift
	set -- -ex "target remote $sock" "$@"
	timeout 90 gdb -batch -nx "$VKERNEL_BIN" "$@" >"$out" 2>&1
}

# interrupt the running kernel a second after the next continue, as ^C
interrupt_soon='python import threading, time; threading.Thread(target=lambda: (time.sleep(1), gdb.post_event(lambda: gdb.execute("interrupt")))).start()'

# (which CPU reports the second hit varies: CPU 0, rounded up into the
# handler, hit the breakpoint too; CPU 1's repeat may come after it)

# bad specs: one line, exit 2, before the boot
usage_fails() { # PATTERN ARGS...
	pat=$1
	shift
	$VKERNEL "$@" >"$tmp/u" 2>&1
	[ $? = 2 ] && [ "$(wc -l <"$tmp/u")" = 1 ] && grep -q "$pat" "$tmp/u"
}
ok "--gdb on a host address that is not loopback is refused" \
	usage_fails 'not a loopback address (add --gdb-allow-remote' --gdb tcp:0.0.0.0:0
ok "--gdb-allow-remote allows it" sh -c \
	"$VKERNEL --gdb tcp:0.0.0.0:0 --gdb-allow-remote --run-for 0 | grep -q 'stub listening on tcp:0.0.0.0:0'"
ok "--gdb with a spec that is not tcp: or unix: is refused" \
	usage_fails "is not tcp:HOST:PORT, tcp::PORT or unix:PATH" --gdb foo
ok "--wait-gdb needs --gdb" usage_fails 'need --gdb SPEC' --wait-gdb

# where the host's breakpoints never fire, a continue to a watchpoint
# would never come back: those commands (and their tests) are left out
set -- -ex 'info threads' \
	-ex "$interrupt_soon" -ex 'continue' \
	-ex 'info threads' \
	-ex 'break default_do_nmi' -ex 'monitor nmi 1' -ex 'continue' \
	-ex 'bt' -ex 'info registers rip' -ex 'p nmi_state[1]' \
	-ex 'monitor nmi 1' -ex 'continue' -ex 'monitor nmistat' \
	-ex 'delete' -ex 'monitor sstep irq' -ex 'monitor sstep noirq' \
	-ex 'stepi 100' -ex 'p $pc'
hw_bp_skip || set -- "$@" \
	-ex 'watch workload_ticks[1]' -ex 'continue' -ex 'delete' \
	-ex 'hbreak kernel_workload_tick' -ex 'continue' -ex 'delete' \
	-ex 'awatch workload_sum[0]' -ex 'continue' -ex 'delete'
set -- "$@" -ex 'x/8xb 0' -ex 'p nr_cpu_ids' \
	-ex 'monitor nmistat' \
	-ex "$interrupt_soon" -ex 'continue' -ex 'monitor nmistat' -ex 'detach'
start_vkernel --wait-gdb
gdb_session "$tmp/s1" "$@"

ok "--wait-gdb holds the boot in kgdb_breakpoint" \
	grep -q "kgdb_breakpoint () at" "$tmp/s1"
ok "interrupting the running kernel stops it with SIGINT" \
	grep -q 'received signal SIGINT' "$tmp/s1"
ok "info threads lists every CPU, with its NMI state" sh -c \
	"grep -q 'Thread 1 \"vkcpu/0\" (CPU 0' $tmp/s1 &&
	 grep -q 'Thread 2 \"vkcpu/1\" (CPU 1' $tmp/s1"
ok "a breakpoint in default_do_nmi is hit after monitor nmi 1" \
	grep -q 'Thread 2 "vkcpu/1" hit Breakpoint 1, default_do_nmi' "$tmp/s1"
bt_through_entry() {
	for f in default_do_nmi exc_nmi first_nmi nmi_deliver sim_nmi \
		'<signal handler called>'; do
		grep -q "^#[0-9].* $f\|^#[0-9]*  *$f" "$tmp/s1" ||
			{ echo "no frame $f"; return 1; }
	done
}
ok "bt goes from the handler back through the NMI entry" bt_through_entry
ok "info registers rip is in the handler" \
	grep -Eq '^rip +0x[0-9a-f]+ +0x[0-9a-f]+ <default_do_nmi' "$tmp/s1"
ok "a per-CPU variable: nmi_state[1] is NMI_EXECUTING" \
	grep -q '^\$1 = NMI_EXECUTING' "$tmp/s1"
# CPU 1's repeat may come after CPU 0's hit: the last nmistat, after the
# final second of running, has it
ok "an NMI sent while stopped in the handler nests at the #BP's IRET and repeats" sh -c \
	"test \$(grep -c 'hit Breakpoint 1, default_do_nmi' $tmp/s1) -ge 2 &&
	 grep '^CPU1: received' $tmp/s1 | tail -1 |
		grep -q 'nested [1-9][0-9]* repeats [1-9]' ||
	 { grep -E '^CPU|hit Break' $tmp/s1; false; }"
ok "monitor sstep: NMIs during a step held or taken" sh -c \
	"grep -q '^sstep: irq (NMIs are taken during a step)' $tmp/s1 &&
	 grep -q '^sstep: noirq (NMIs wait until a step is done)' $tmp/s1"
ok "stepi 100 inside the NMI handler, the session goes on" sh -c \
	"grep -q '^\$2 = (void (\*)()) 0x' $tmp/s1 && ! grep -q 'Cannot execute' $tmp/s1"
ok_hw "a hardware watchpoint on a kernel variable is hit" sh -c \
	"grep -q 'hit Hardware watchpoint 2: workload_ticks\[1\]' $tmp/s1 &&
	 grep -q '^New value = ' $tmp/s1"
ok_hw "a hardware breakpoint (hbreak, Z1) is hit" \
	grep -q 'hit Breakpoint 3, kernel_workload_tick' "$tmp/s1"
ok_hw "an access watchpoint (awatch, Z4) is hit" \
	grep -q 'hit Hardware access (read/write) watchpoint 4: workload_sum\[0\]' "$tmp/s1"
ok "x/8xb 0 is an error, and the session goes on" sh -c \
	"grep -q 'Cannot access memory at address 0x0' $tmp/s1 &&
	 grep -q '^\$3 = 2' $tmp/s1"
ok "monitor nmistat shows every CPU's counters" sh -c \
	"grep -q '^CPU0: received' $tmp/s1 && grep -q '^CPU1: nmi_state=' $tmp/s1"
ok "detach" grep -q 'Inferior 1 (Remote target) detached' "$tmp/s1"

helpers="source $top_srcdir/tools/vkernel-gdb.py"
gdb_session "$tmp/s2" -ex 'info threads' -ex "$helpers" -ex 'lx-dmesg' \
	-ex 'nmi' -ex 'kill'
ok "a new gdb connects after the detach" \
	grep -q 'Thread 2 "vkcpu/1"' "$tmp/s2"
ok "vkernel-gdb.py over the stub: lx-dmesg and nmi" sh -c \
	"grep -q 'vkernel version .*simulated x86-64' $tmp/s2 &&
	 grep -q '^CPU1: nmi_state=NMI_[A-Z_]* nmi_cr2=0x' $tmp/s2"
killed_halts() {
	wait $vkpid
	st=$?
	[ $st = 0 ] || { echo "vkernel exit status $st"; return 1; }
	grep -q 'reboot: System halted' "$tmp/vk.log"
}
ok "kill halts the machine: vkernel exits 0" killed_halts

# The protocol, raw: acks, bad checksums, oversized and malformed packets
start_vkernel --wait-gdb
$RSP 'raw:$?#00' '?' "m$(printf '%020000d' 0)" 'mzz' 'm0,8' \
	'M10,1:zz' 'Z0,1,1' 'Zf,0,0' 'g' 'qfThreadInfo' 'vCont;x' \
	'QStartNoAckMode' 'p10' 'Hg7f' 'qThreadExtraInfo,1' \
	"qXfer:features:read:target.xml:0,40" 'vMustReplyEmpty' >"$tmp/raw" 2>&1
ok "a bad checksum gets a -" grep -q '^raw:\$?#00 -> NAK' "$tmp/raw"
ok "an oversized packet gets an error reply" grep -q '^m00000.* -> E01' "$tmp/raw"
ok "a malformed packet gets an error reply" grep -q '^mzz -> E22' "$tmp/raw"
ok "reading address 0 answers E14" grep -q '^m0,8 -> E14' "$tmp/raw"
ok "a breakpoint at an unmapped address is refused" grep -q '^Z0,1,1 -> E14' "$tmp/raw"
ok "an unknown breakpoint type gets the empty reply" grep -q '^Zf,0,0 -> $' "$tmp/raw"
ok "g has every register of target.xml (592 bytes)" sh -c \
	"grep '^g -> ' $tmp/raw | awk '{ exit length(\$3) != 1184 }'"
ok "the vkernel feature is in target.xml" sh -c \
	"$RSP 'qXfer:features:read:target.xml:0,2000' | grep -q 'org.vkernel.cpu.*nmi_state'"
ok "no-ack mode: the stub stops acking" grep -q '^p10 -> [0-9a-f]\{16\}$' "$tmp/raw"
ok "a thread that is not a CPU is refused" grep -q '^Hg7f -> E' "$tmp/raw"
ok "thread extra info names the CPU and its NMI state" sh -c \
	"grep '^qThreadExtraInfo,1 -> ' $tmp/raw | cut -d' ' -f3 |
	 python3 -c 'import sys; print(bytes.fromhex(sys.stdin.read().strip()).decode())' |
	 grep -q 'CPU 0, nmi_state=NOT_RUNNING'"
ok "anything else gets the empty reply" grep -q '^vMustReplyEmpty -> $' "$tmp/raw"

# gdb gone while the kernel is stopped: breakpoints out, the kernel goes on
bp=$(nm "$VKERNEL_BIN" | awk '$3 == "default_do_nmi" { print $1 }' | sed 's/^0*//')
$RSP "Z0,$bp,1" 'c' 'sleep:0.3' '^C' close >"$tmp/gone" 2>&1
gone_ok() {
	sleep 0.5
	$VKERNEL_BIN nmi --pid $vkpid --cpu 1 >/dev/null &&
		$VKERNEL_BIN nmi --pid $vkpid --cpu 0 >/dev/null && sleep 0.5 &&
		kill -0 $vkpid && ! grep -q 'Oops\|Kernel panic' "$tmp/vk.log"
}
ok "gdb gone while stopped: breakpoints removed, NMIs run clean" gone_ok
ok "kernel text stays read-only" sh -c \
	"! grep -q 'rwxp .*vkernel' /proc/$vkpid/maps && grep -q 'r-xp .*vkernel' /proc/$vkpid/maps"
$RSP '?' 'k' >"$tmp/k2" 2>&1
ok "after gdb went away, a new one can connect" grep -q '^? -> T0' "$tmp/k2"
wait $vkpid

# gdb -p: the helpers set vkernel's signals to pass silently, so the
# kernel's own int3s (one every 64 workload ticks) do not stop a continue
attached() {
	$VKERNEL_BIN --run-for 30s >"$tmp/vk.log" 2>&1 &
	vkpid=$!
	sleep 0.3
	timeout 60 gdb -batch -nx -p $vkpid -ex "$helpers" \
		-ex 'break kernel_workload_tick if workload_ticks[0] >= 300' \
		-ex 'continue' -ex 'delete' -ex 'lx-dmesg' -ex 'nmi 1' \
		-ex 'detach' \
		>"$tmp/p" 2>&1
	grep -q 'vkernel version' "$tmp/p" &&
		grep -q '^CPU1: received [1-9]' "$tmp/p" &&
		! grep -q 'received signal' "$tmp/p" &&
		kill -TERM $vkpid && wait $vkpid ||
		{ grep -v '^\[New Thread' "$tmp/p" | tail; return 1; }
}
ok "vkernel-gdb.py with gdb -p: lx-dmesg, nmi, the kernel's signals passed" attached
ok "no vkernel left behind" no_leftovers
done_testing
