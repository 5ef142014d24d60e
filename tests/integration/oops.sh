#!/bin/sh
# --oops-test: an Oops with a symbolized trace, then a panic (exit 3).
. "$top_srcdir/tests/integration/lib.sh"

$VKERNEL --oops-test >"$tmp/oops" 2>&1
status=$?
ok "exit status 3 (kernel panic)" test "$status" = 3
ok "Oops header" grep -q 'Oops: int3: 0000 \[#1\] SMP' "$tmp/oops"
ok "RIP is the int3's function" grep -Eq 'RIP: 0010:oops_test_inner\+0x[0-9a-f]+/0x[0-9a-f]+' "$tmp/oops"
ok "register dump" grep -Eq 'RAX: [0-9a-f]{16} RBX: [0-9a-f]{16}' "$tmp/oops"
trace_order() {
	sed -n '/Call Trace:/,/<\/TASK>/p' "$tmp/oops" | head -12 |
		grep -Eo '(oops_test_middle|oops_test|start_kernel|main)\+0x[0-9a-f]+/0x[0-9a-f]+' |
		sed 's/+.*//' | head -4 | tr '\n' ' ' |
		grep -qx 'oops_test_middle oops_test start_kernel main ' && return 0
	sed -n '/Call Trace:/,/<\/TASK>/p' "$tmp/oops" | head -14
	return 1
}
ok "Call Trace: callers in order, symbolized func+off/size" trace_order
ok "panic message" grep -q 'Kernel panic - not syncing: Fatal exception in interrupt' "$tmp/oops"
ok "end of panic marker" grep -q -- '---\[ end Kernel panic' "$tmp/oops"
ok "no process left behind" no_leftovers
done_testing
