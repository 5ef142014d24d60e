#!/bin/sh
# vkernel storm: the explorer finds every planted bug within its 10 s
# budget and nothing in the upstream code; a found schedule replays to the
# same violation; a storm with host signals runs clean on the upstream
# code and finds the planted bugs it can see; --jobs merges; bad input.
. "$top_srcdir/tests/integration/lib.sh"
cd "$tmp" || exit 1

explore_clean() {
	$VKERNEL storm --explore --depth 4 -q >"$tmp/x.up" 2>&1 &&
		grep -q 'no invariant broken in [0-9]* runs' "$tmp/x.up" &&
		grep -q 'every schedule of up to 4 injections)' "$tmp/x.up"
}
ok "explorer: every schedule of up to 4 injections, upstream code: none broken" explore_clean

explore_finds() { # INVARIANT OPTIONS...
	want=$1
	shift
	$VKERNEL storm --explore --duration 10s -q --record "$tmp/x.$want" \
		"$@" >"$tmp/x.out" 2>&1
	[ $? = 1 ] && grep -q "VIOLATION: $want:" "$tmp/x.out" &&
		grep -q "^invariant $want$" "$tmp/x.$want"
}
ok "explorer finds --nmi-entry naive (frame)" explore_finds frame --nmi-entry naive
ok "explorer finds the nmi_cr2 restore off (cr2)" explore_finds cr2 --nmi-break cr2
ok "explorer finds local_db_restore off (dr7)" explore_finds dr7 --nmi-break dr7
ok "explorer finds the latch not collapsed (latch)" explore_finds latch --nmi-break latch
ok "explorer finds \"NMI executing\" cleared before DF (CVE-2015-3291 order)" explore_finds frame --nmi-break executing
ok "explorer finds nmi_state decremented twice (stuck)" explore_finds stuck --nmi-break dec2
ok "explorer finds nmi_state not latched (the NMI is lost: accounting)" explore_finds accounting --nmi-break nmistate

replays() {
	$VKERNEL storm --replay "$tmp/x.frame" >"$tmp/r.out" 2>&1
	[ $? = 1 ] && grep -q 'VIOLATION: frame:' "$tmp/r.out" &&
		grep -q '^inject 0 base nmi$' "$tmp/x.frame"
}
ok "a recorded explorer schedule replays to the same violation" replays

# the default mix (db, user tasks, the debugger too) on the upstream code
storm_clean() {
	$VKERNEL storm --duration 5s --cpus 2 --seed 7 --record "$tmp/s.up" \
		>"$tmp/s.out" 2>&1 &&
		grep -Eq 'storm:   1s +[0-9]+ events/s .* db [1-9].* user [1-9]' "$tmp/s.out" &&
		grep -Eq 'storm: CPU1: NMIs sent [0-9]+ received [0-9]+ taken [1-9]' "$tmp/s.out" &&
		grep -Eq 'storm: CPU0: .* from user [1-9]' "$tmp/s.out" &&
		grep -Eq 'storm: debugger: [1-9][0-9]* stops' "$tmp/s.out" &&
		grep -q 'storm: no invariant broken' "$tmp/s.out" &&
		[ ! -e "$tmp/s.up" ]
}
ok "storm: 5 s on 2 CPUs, upstream code, default mix: progress, summary, none broken" storm_clean

storm_finds() { # INVARIANT(S) OPTIONS...
	want=$1
	shift
	$VKERNEL storm --duration 10s --cpus 2 -q --record "$tmp/s.$want" \
		"$@" >"$tmp/s.out" 2>&1
	[ $? = 1 ] && grep -Eq "VIOLATION: ($want):" "$tmp/s.out" &&
		grep -q 'flight recorder' "$tmp/s.out" &&
		grep -Eq "^invariant ($want)$" "$tmp/s.$want"
}
ok "storm finds the latch not collapsed (latch)" storm_finds latch --nmi-break latch
ok "storm finds the cr2 restore off (cr2)" storm_finds cr2 --nmi-break cr2
ok "storm finds kgdb's roundup NMI ignored (debugger)" storm_finds debugger \
	--nmi-break roundup --mix gdb=10
minimized() {
	storm_finds dr7 --nmi-break dr7 &&
		grep -q '^explore schedule:$' "$tmp/s.dr7" &&
		$VKERNEL storm --replay "$tmp/s.dr7" 2>&1 | grep -q 'VIOLATION: dr7:'
}
ok "a storm's failure becomes a minimal explorer schedule that replays" minimized

debugger_stops() {
	$VKERNEL storm --seed 5 --duration 3s --mix nmi=8,int3=2,db=2,pf=2,gdb=20 -q \
		--record "$tmp/g.schedule" >"$tmp/g.out" 2>&1 &&
		grep -Eq 'debugger: [1-9][0-9]+ stops, each held every CPU' "$tmp/g.out" &&
		grep -q 'no invariant broken' "$tmp/g.out" && return 0
	grep -v 'storm:   CPU' "$tmp/g.out" | tail -12
	grep 'storm:   CPU' "$tmp/g.out" | tail -30
	return 1
}
ok "the storm's debugger stops and resumes the machine through the stub, 10 times in 3 s" debugger_stops

jobs_merge() {
	$VKERNEL storm --jobs 2 --seed 40 --duration 2s -q >"$tmp/j.out" 2>&1 &&
		grep -q '^\[seed 40\] ' "$tmp/j.out" &&
		grep -q '^\[seed 41\] ' "$tmp/j.out" &&
		grep -q 'storm: 2 jobs, seeds 40 to 41: no invariant broken' "$tmp/j.out"
}
ok "--jobs 2: two seeds, one merged report" jobs_merge

task_native() {
	$VKERNEL storm-task 12345
}
ok "the storm's userland task gets exactly its signals natively too" task_native

bad() { # MESSAGE ARGS...
	msg=$1
	shift
	$VKERNEL storm "$@" >"$tmp/bad.out" 2>&1
	[ $? = 2 ] && [ "$(wc -l <"$tmp/bad.out")" = 1 ] &&
		grep -q -- "$msg" "$tmp/bad.out"
}
ok "bad --mix: one line, exit 2" bad "--mix: 'foo=1' is not" --mix foo=1
ok "bad --replay: one line, exit 2" bad "cannot read" --replay /nonexistent
ok "bad --depth: one line, exit 2" bad "--depth: '9' is not 1 to 8" --explore --depth 9
ok "a stray argument: one line, exit 2" bad "unexpected argument 'x'" x
ok "no vkernel left behind" no_leftovers
done_testing
