#!/bin/sh
# --run-for, SIGINT and SIGTERM: a clean halt with exit 0 at any time.
. "$top_srcdir/tests/integration/lib.sh"

signal_halts() { # SIGNAL WAIT-FOR-LINE
	# bounded: even an ignored signal ends the run (no watchdog subshell,
	# which would inherit this script's EXIT trap and delete $tmp)
	$VKERNEL_BIN --run-for 30s --cpus 2 >"$tmp/rf" 2>&1 &
	pid=$!
	i=0
	until grep -q "$2" "$tmp/rf" || [ $i -ge 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	start=$(date +%s)
	kill -"$1" "$pid"
	wait "$pid"
	s=$?
	[ $(($(date +%s) - start)) -lt 20 ] || { echo "did not halt on SIG$1"; return 1; }
	[ "$s" = 0 ] || { echo "exit $s"; return 1; }
	grep -q 'reboot: System halted' "$tmp/rf"
}
ok "SIGINT halts a running kernel, exit 0" signal_halts INT "selftest: 18 ok"
ok "SIGTERM halts a running kernel, exit 0" signal_halts TERM "selftest: 18 ok"
ok "SIGINT during boot halts too" signal_halts INT "vkernel version"
runs_for() {
	start=$(date +%s%N)
	$VKERNEL --run-for 300ms --quiet || return 1
	el=$((($(date +%s%N) - start) / 1000000))
	[ "$el" -ge 300 ] || { echo "halted after ${el}ms"; return 1; }
}
ok "--run-for 300ms runs at least 300ms, exit 0" runs_for
workload_runs() {
	$VKERNEL --run-for 300ms --stats-json "$tmp/s.json" --quiet &&
		python3 -c "
import json,sys
s=json.load(open('$tmp/s.json'))
assert all(c['workload_ticks'] > 10 for c in s['per_cpu']), s['per_cpu']
assert all(c['vectors'].get('3', 0) > 1 for c in s['per_cpu'])
"
}
ok "CPUs run their workload (ticks and int3 traps) meanwhile" workload_runs
quiet_console() {
	$VKERNEL --quiet --log "$tmp/q.log" >"$tmp/q.out" || return 1
	! grep -q traps-selftest "$tmp/q.out" && grep -q "$(selftest_line 2)" "$tmp/q.log"
}
ok "--quiet: console shows errors only, --log gets everything" quiet_console
ok "no process left behind" no_leftovers
done_testing
