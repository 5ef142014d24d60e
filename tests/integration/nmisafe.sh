#!/bin/sh
# The signal-context rule, checked on the objects, and shown to bite.
. "$top_srcdir/tests/integration/lib.sh"
check="$top_srcdir/tools/check-nmisafe $top_srcdir/tools/nmisafe-allowlist"

if [ "${VK_SANITIZERS:-no}" = yes ]; then
	n=$((n + 1))
	echo "ok $n - NMI-context calls # SKIP sanitizer build: handlers call the ASan runtime"
else
	ok "every call out of NMI-context code is NMI-safe" $check "$top_builddir/libvk.a"
fi
${CC:-cc} -O2 -fno-pie -I"$top_srcdir/arch-sim/include" -c \
	"$top_srcdir/tests/integration/planted_violation.c" -o "$tmp/pv.o"
planted() {
	! $check "$tmp/pv.o" 2>"$tmp/pv.err" &&
		grep -q 'calls malloc' "$tmp/pv.err" &&
		grep -q 'calls .text' "$tmp/pv.err"
}
ok "a planted malloc and unmarked call in a handler are caught" planted
done_testing
