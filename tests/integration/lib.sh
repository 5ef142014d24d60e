# SPDX-License-Identifier: GPL-2.0-only
# TAP helpers for the integration tests.
: "${VKERNEL:=./vkernel}"
n=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A hung vkernel must fail its test, not the whole run.
VKERNEL="timeout -k 5 60 $VKERNEL"
VKERNEL_BIN=${VKERNEL#timeout -k 5 60 }

ok() { # ok DESCRIPTION COMMAND...
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/last.out" 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		sed 's/^/# /' "$tmp/last.out" | head -20
		fails=$((fails + 1))
	fi
}

# A host may take a hardware breakpoint and never fire it (a VM without
# debug register support): vkernel's probe says so at boot.  Tests of hits
# skip there, with the probe's reason; everything else still runs.
hw_bp_skip() {
	if [ -z "${hw_bp_checked:-}" ]; then
		hw_bp_reason=$($VKERNEL --cpus 1 2>&1 |
			sed -n 's/.*hw-breakpoint: unavailable: //p' | head -1)
		hw_bp_checked=1
	fi
	[ -n "$hw_bp_reason" ]
}

# How many NMIs a "vkernel nmi" output (in FILE) says the host refused.
nmi_refused() { # FILE
	r=$(sed -n 's/.* \([0-9]*\) refused.*/\1/p' "$1")
	echo "${r:-0}"
}

# Until a process whose command line matches PATTERN runs (5 s at most).
wait_for_task() {
	i=0
	while ! pgrep -f "$1" >/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f "$1" >/dev/null || { echo "task never started"; return 1; }
}

skip() { # skip DESCRIPTION REASON
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

ok_hw() { # ok_hw DESCRIPTION COMMAND...: ok, or a SKIP without breakpoints
	if hw_bp_skip; then
		skip "$1" "$hw_bp_reason"
	else
		ok "$@"
	fi
}

# The selftest's line on CPUS CPUs: 9 classes a CPU, one of them skipped
# where the host's breakpoints do not fire.
selftest_line() { # CPUS
	if hw_bp_skip; then
		echo "traps-selftest: $(($1 * 8)) ok, 0 failed, $1 skipped on $1 CPUs"
	else
		echo "traps-selftest: $(($1 * 9)) ok, 0 failed, 0 skipped on $1 CPUs"
	fi
}

done_testing() {
	echo "1..$n"
	[ "$fails" = 0 ]
}

# Every process this test starts inherits the tag, so a leftover vkernel
# or DR helper is found even when it was reparented, and other tests
# running in parallel do not count.
VK_TEST_TAG="vktest-$$-$(basename "$0")"
export VK_TEST_TAG

no_leftovers() {
	sleep 0.1
	left=""
	for e in $(grep -l "VK_TEST_TAG=$VK_TEST_TAG" /proc/[0-9]*/environ 2>/dev/null); do
		d=${e%/environ}
		exe=$(tr '\0' '\n' <"$d/cmdline" 2>/dev/null | head -1)
		[ "$exe" = "$VKERNEL_BIN" ] && left="$left ${d#/proc/}"
	done
	[ -z "$left" ] || { echo "left behind: pids$left"; return 1; }
}
