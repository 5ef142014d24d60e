#!/bin/sh
# ./vkernel boots N CPUs, every exception class passes on every CPU.
. "$top_srcdir/tests/integration/lib.sh"

boot_ok() { # CPUS
	$VKERNEL --cpus "$1" >"$tmp/boot.$1" 2>&1 ||
		{ echo "exit $?"; tail -15 "$tmp/boot.$1"; return 1; }
	for m in '#DE' '#DB' '#BP' '#PF' '#MF' '#XF' '#UD' '#GP'; do
		c=0
		while [ "$c" -lt "$1" ]; do
			grep -Eq "CPU$c +$m vector +[0-9]+ .* ok" "$tmp/boot.$1" ||
				{ echo "CPU$c $m not ok"; return 1; }
			c=$((c + 1))
		done
	done
	! grep -q FAILED "$tmp/boot.$1" &&
		grep -q "$(selftest_line "$1")" "$tmp/boot.$1" &&
		grep -q "reboot: System halted" "$tmp/boot.$1" && return 0
	echo "want: $(selftest_line "$1")"
	grep -E 'FAILED|hw-breakpoint|traps-selftest: [0-9]+ ok|halted' "$tmp/boot.$1"
	return 1
}

for c in 1 2 8; do
	ok "--cpus $c: all classes ok on every CPU, exit 0" boot_ok $c
done
ok "default is 2 CPUs" sh -c "$VKERNEL | grep -q 'on 2 CPUs'"
ok "timestamps are dmesg style" sh -c "$VKERNEL | grep -Eq '^\[ +[0-9]+\.[0-9]{6}\] '"
ok_hw "hw breakpoints through the ptrace helper" sh -c \
	"$VKERNEL --hw-breakpoints=ptrace --cpus 2 | grep -c 'hardware breakpoint .*ok (ptrace)' | grep -qx 2"
none_skipped() {
	$VKERNEL --hw-breakpoints=none >"$tmp/none" || return 1
	grep -q 'hardware breakpoint .*skipped (hardware breakpoints disabled' "$tmp/none" &&
		! grep -q 'hardware breakpoint .* ok' "$tmp/none" &&
		grep -q '16 ok, 0 failed, 2 skipped' "$tmp/none"
}
ok "without breakpoint access the line says skipped, never ok" none_skipped
ok "no process left behind" no_leftovers
done_testing
