#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# vkernel run: programs run under the supervisor, their exceptions decided
# by the ported trap handlers.  The fidelity suite runs every vk-fault case
# natively and under vkernel run and wants identical output, and a trace
# line proving that vkernel, not the host, decided the signal.
. "$top_srcdir/tests/integration/lib.sh"
FAULT=$top_builddir/userland/vk-fault

# one case: the same output, and the exception went through vkernel (a
# case that takes none, like an in-range BOUND, must show no trap either)
same_as_native() {
	"$1" "$2" >"$tmp/native" 2>&1
	$VKERNEL run --trace traps -- "$1" "$2" >"$tmp/vk" 2>"$tmp/log"
	if grep -q '^sig=\|^step ' "$tmp/native"; then
		grep -q "traps: CPU1 vk-[a-z0-9]*\[[0-9]*\] vector .* -> " \
			"$tmp/log" ||
			{ echo "no trap decided by vkernel for $2"; return 1; }
	elif grep -q "traps: " "$tmp/log"; then
		echo "a trap where the host saw none: $2"
		return 1
	fi
	diff "$tmp/native" "$tmp/vk"
}

total=0
same=0
# with them, hardware breakpoints a helper child arms with PTRACE_POKEUSER
programs="$FAULT $top_builddir/userland/vk-hwbp"
if [ "$VK_HAVE_M32" = yes ]; then
	programs="$programs $top_builddir/userland/vk-fault32"
else
	n=$((n + 1))
	echo "ok $n # SKIP 32-bit cases: no 32-bit toolchain (gcc-multilib)"
fi
for prog in $programs; do
	for c in $("$prog" --list); do
		total=$((total + 1))
		ok "identical: $c" same_as_native "$prog" "$c"
		[ -s "$tmp/last.out" ] || same=$((same + 1))
	done
done
echo "# fidelity: $same/$total identical"
ok "fidelity suite has at least 40 cases" test "$total" -ge 40

# ptrace emulated: a task tracing its child sees the stops it sees natively
TRACER=$top_builddir/userland/vk-tracer
same_stops() {
	"$TRACER" "$1" >"$tmp/tn" 2>&1
	$VKERNEL run --trace ptrace -- "$TRACER" "$1" >"$tmp/tv" 2>"$tmp/log" ||
		return 1
	grep -q "ptrace: [0-9]*: request 0x0 pid 0 " "$tmp/log" ||
		{ echo "no emulated PTRACE_TRACEME"; return 1; }
	diff "$tmp/tn" "$tmp/tv"
}
for c in $("$TRACER" --list); do
	ok "ptrace emulated, the tracer sees what it sees natively: $c" \
		same_stops "$c"
done

# strace itself as a task, its ptrace emulated: the trace it writes is
# the one it writes natively, addresses and pids aside
strace_norm() {
	sed -E 's/0x[0-9a-f]+/ADDR/g; s/[0-9]+ vars/N vars/; s/= [0-9]{3,}$/= PID/' "$1"
}
strace_same() {
	strace -o "$tmp/st.native" /bin/true || return 1
	$VKERNEL run -- strace -o "$tmp/st.vk" /bin/true || return 1
	strace_norm "$tmp/st.native" >"$tmp/st.n"
	strace_norm "$tmp/st.vk" >"$tmp/st.v"
	diff "$tmp/st.n" "$tmp/st.v"
}
# strace -ff: one file per process, the forked child's too.  Where the
# child's SIGCHLD lands in the shell's trace (before its wait4, or during
# it) is a race natively too, so that signal and its rt_sigreturn go.
strace_ff_same() {
	mkdir -p "$tmp/ffn" "$tmp/ffv"
	strace -ff -o "$tmp/ffn/t" sh -c '/bin/true; true' || return 1
	$VKERNEL run -- strace -ff -o "$tmp/ffv/t" sh -c '/bin/true; true' ||
		return 1
	for d in ffn ffv; do
		test "$(ls "$tmp/$d" | wc -l)" = 2 || return 1
		for f in "$tmp/$d"/*; do
			strace_norm "$f" | sed -E '/^--- SIGCHLD /d;
				/^rt_sigreturn\(/d;
				s/getrandom\("[^"]*"/getrandom("R"/'
		done >"$tmp/$d.all"
	done
	diff "$tmp/ffn.all" "$tmp/ffv.all"
}
if command -v strace >/dev/null; then
	ok "strace running as a task traces /bin/true as natively" strace_same
	ok "strace -ff as a task follows a fork as natively" strace_ff_same
else
	n=$((n + 2))
	echo "ok $((n - 1)) # SKIP strace is not installed"
	echo "ok $n # SKIP strace is not installed"
fi
# gdb -batch as a task: a breakpoint, stepi, registers, a hardware
# watchpoint, the program's own int3 and its exit, as natively
gdb_same() {
	g="gdb -batch -nx -x $top_srcdir/tests/integration/gdb-task.gdb --args"
	$g "$FAULT" int3 2>&1 | sed -E 's/process [0-9]+/process PID/' \
		>"$tmp/gn" || return 1
	$VKERNEL run -- $g "$FAULT" int3 2>&1 |
		sed -E 's/process [0-9]+/process PID/' >"$tmp/gv" || return 1
	grep -q "exited normally" "$tmp/gn" && diff "$tmp/gn" "$tmp/gv"
}
if command -v gdb >/dev/null; then
	ok "gdb -batch as a task debugs a program as natively" gdb_same
else
	n=$((n + 1))
	echo "ok $n # SKIP gdb is not installed"
fi

ok "exit status passes through" \
	sh -c "$VKERNEL run -- sh -c 'exit 7'; test \$? = 7"
ok "killed by signal N exits 128+N" \
	sh -c "$VKERNEL run -- sh -c 'kill -TERM \$\$'; test \$? = 143"
ok "an unhandled fault kills the program like the host" \
	sh -c "$VKERNEL run -- $FAULT --unhandled null_write; test \$? = 139"
# show_unhandled_signals, with print_vma_addr's " in prog[base+size]"
ok "an unhandled trap is logged as upstream does" \
	sh -c "$VKERNEL run --verbose -- $FAULT --unhandled ud2 2>&1 >/dev/null | grep -q 'vk-fault\[[0-9]*\] trap invalid opcode ip:[0-9a-f]* sp:[0-9a-f]* error:0 in vk-fault\[[0-9a-f]*+[0-9a-f]*\]'"
ok "an unhandled page fault is logged as upstream's show_signal_msg" \
	sh -c "$VKERNEL run --verbose -- $FAULT --unhandled null_write 2>&1 >/dev/null | grep -q 'vk-fault\[[0-9]*\]: segfault at 0 ip [0-9a-f]\{16\} sp [0-9a-f]\{16\} error 6 in vk-fault\[[0-9a-f]*+[0-9a-f]*\] likely on CPU 1'"
ok "a handled page fault is not logged" \
	sh -c "! $VKERNEL run --verbose -- $FAULT null_write 2>&1 >/dev/null | grep -q segfault"
ok "a handled trap is not logged" \
	sh -c "! $VKERNEL run --verbose -- $FAULT ud2 2>&1 >/dev/null | grep -q 'trap invalid opcode'"
ok "stdin and stdout pass through" \
	sh -c "echo through | $VKERNEL run -- cat | grep -qx through"
ok "a dynamically linked program runs (/bin/ls)" \
	sh -c "$VKERNEL run -- /bin/ls $top_srcdir | grep -qx configure.ac"
ok "python3 runs" \
	sh -c "$VKERNEL run -- python3 -c 'print(6*7)' | grep -qx 42"

# a uprobe claims the int3 at its file offset: no signal, the task goes on
file_offset() { # the file offset of a symbol, from the LOAD segment holding it
	v=$((0x$(nm "$1" | awk -v s="$2" '$3 == s { print $1 }')))
	readelf -lW "$1" | awk '$1 == "LOAD" { print $2, $3, $6 }' |
		while read -r off va sz; do
			if [ "$v" -ge $((va)) ] && [ "$v" -lt $((va + sz)) ]; then
				printf '0x%x\n' $((v - va + off))
			fi
		done
}
uprobe_claims() {
	off=$(file_offset "$FAULT" c_int3_insn)
	[ -n "$off" ] || { echo "no offset for c_int3_insn"; return 1; }
	$VKERNEL run --trace traps --uprobe "$FAULT:$off" -- "$FAULT" int3 \
		>"$tmp/up" 2>"$tmp/log" || return 1
	printf 'case int3\ncontinued\n' | diff - "$tmp/up" &&
		grep -q "uprobe: vk-fault\[[0-9]*\] hit vk-fault:$off (1)" "$tmp/log" &&
		grep -q "vector 3 .* -> claimed" "$tmp/log"
}
ok "a uprobe-like int3 handler claims the event: the task gets nothing" uprobe_claims
ok "--uprobe needs PATH:OFFSET" \
	sh -c "$VKERNEL run --uprobe nocolon -- true 2>/dev/null; test \$? = 2"

# a forked child is a task too: its int3 goes through vkernel
child_traced() {
	$VKERNEL run --trace traps -- sh -c "$FAULT int3; exit 0" \
		>"$tmp/out" 2>"$tmp/log" || return 1
	grep -q "sig=5 code=128" "$tmp/out" &&
		grep -q "vk-fault\[[0-9]*\] vector 3 " "$tmp/log"
}
ok "children are followed and supervised" child_traced

ok "--cpu 0 runs the program on CPU 0" \
	sh -c "$VKERNEL run --trace traps --cpu 0 -- $FAULT ud2 2>&1 | grep -q 'traps: CPU0 '"
ok "no program: one line, exit 2" \
	sh -c "$VKERNEL run 2>$tmp/e; test \$? = 2 && test \$(wc -l <$tmp/e) = 1"
ok "a missing program: exit 127 with a message" \
	sh -c "$VKERNEL run -- /nonexistent/prog 2>$tmp/e; test \$? = 127 && grep -q 'cannot run' $tmp/e"
ok "a program that is not executable: exit 126 with a message" \
	sh -c "printf 'x' >$tmp/noexec; chmod -x $tmp/noexec
		$VKERNEL run -- $tmp/noexec 2>$tmp/e; test \$? = 126 &&
		grep -q 'cannot run .*: Permission denied' $tmp/e"
# an ELF for aarch64: /bin/true with its e_machine patched
ok "an ELF for another machine: exit 126 naming the machine" \
	sh -c "cp /bin/true $tmp/arm && printf '\\267\\000' |
		dd of=$tmp/arm bs=1 seek=18 conv=notrunc 2>/dev/null
		$VKERNEL run -- $tmp/arm 2>$tmp/e; test \$? = 126 &&
		grep -q 'an ELF for aarch64 (e_machine 183)' $tmp/e"
ok "a task that kills itself with SIGKILL: exit 137" \
	sh -c "$VKERNEL run -- sh -c 'kill -KILL \$\$'; test \$? = 137"
ok "a task with 1000 children alive at once" \
	sh -c "$VKERNEL run -- $top_builddir/userland/vk-forks 1000 |
		grep -qx 'forked 1000 reaped 1000'"
ok "more tasks than the table holds: the extra ones are killed, one line" \
	sh -c "$VKERNEL run -- $top_builddir/userland/vk-forks 4200 \
		>$tmp/o 2>$tmp/e; test \$? = 1 &&
		test \$(grep -c 'more than 4096 tasks' $tmp/e) = 1 &&
		grep -q '^forked 4200 reaped 409[56]\$' $tmp/o"
# a task that hangs until vkernel gets SIGINT: 130, a line, nothing left
interrupted() {
	$VKERNEL_BIN run -- sleep 988 2>"$tmp/e" &
	vk=$!
	wait_for_task "^sleep 988" || return 1
	kill -INT $vk
	wait $vk
	rc=$?
	sleep 0.2
	test $rc = 130 && grep -q 'signal 2: killing sleep' "$tmp/e" &&
		! pgrep -f "^sleep 988"
}
ok "a hanging task, then SIGINT to vkernel: exit 130 with a line" interrupted
ok "--cpu out of range: exit 2" \
	sh -c "$VKERNEL run --cpus 2 --cpu 5 -- true 2>/dev/null; test \$? = 2"
ok "--cpu outside run is refused" \
	sh -c "$VKERNEL --cpu 1 2>/dev/null; test \$? = 2"

# containment: tests/integration/escape.sh
# kill(0): the tree's members of the process group get it, vkernel not
kill_group() {
	$VKERNEL run -- sh -c 'trap "echo parent-got" USR1; sleep 5 &
		sleep 0.2; kill -USR1 0; wait $!; echo status=$?' \
		>"$tmp/kg" || return 1
	grep -qx 'parent-got' "$tmp/kg" && grep -qx 'status=138' "$tmp/kg"
}
ok "kill(0) reaches the task tree's process group, not vkernel" kill_group

# NMIs meet userland: 10,000 NMIs at the CPU running a busy task are
# taken with its user-mode pt_regs; its every round of work agrees with
# the native result, and the CPU's counters add up
busy_nmis() {
	BUSY=$top_builddir/userland/vk-busy
	touch "$tmp/stop-native"
	"$BUSY" "$tmp/stop-native" >"$tmp/busy.native" || return 1
	rm -f "$tmp/stop"
	$VKERNEL_BIN run --stats-json "$tmp/busy.json" -- "$BUSY" "$tmp/stop" \
		>"$tmp/busy.vk" &
	vk=$!
	wait_for_task "vk-busy $tmp/stop" || return 1
	sleep 0.1
	sent=0
	bursts=0 # in bursts, so that many are taken; a full queue refuses some
	while [ $sent -lt 10000 ] && [ $bursts -lt 100 ]; do
		$VKERNEL nmi --pid $vk --cpu 1 --count 500 >"$tmp/sent" ||
			{ kill $vk; return 1; }
		sent=$((sent + 500 - $(nmi_refused "$tmp/sent")))
		bursts=$((bursts + 1))
	done
	echo "$sent NMIs sent in $bursts bursts"
	touch "$tmp/stop"
	wait $vk || return 1
	diff "$tmp/busy.native" "$tmp/busy.vk" || return 1
	python3 - "$tmp/busy.json" "$sent" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))["per_cpu"][1]["nmi"]
print(n)
assert n["received"] >= int(sys.argv[2]) >= 10000, n
assert n["received"] == n["taken"] + n["lost"] + n["latched_now"], n
assert n["taken"] == n["first"] + n["nested"] + n["nested_out"], n
assert n["exc_nmi_calls"] == n["first"] + n["repeats"], n
assert n["from_user"] >= 10, n
PY
}
ok "10,000 NMIs at a CPU running a busy task: taken in user mode, the task unharmed, counters add up" busy_nmis

# SIGKILL to vkernel leaves no task behind (PTRACE_O_EXITKILL)
no_orphan_task() {
	$VKERNEL_BIN run -- sleep 987 &
	vk=$!
	wait_for_task "^sleep 987" || return 1
	kill -KILL $vk
	wait $vk 2>/dev/null
	sleep 0.3
	! pgrep -f "^sleep 987"
}
ok "SIGKILL to vkernel leaves no task behind" no_orphan_task
ok "no process left behind" no_leftovers
done_testing
