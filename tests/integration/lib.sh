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
