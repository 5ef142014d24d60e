#!/bin/sh
# Man pages render cleanly and cover every option; the layering holds.
. "$top_srcdir/tests/integration/lib.sh"
man="$top_srcdir/man/vkernel.1"

groff_clean() {
	out=$(groff -man -ww -z "$man" 2>&1)
	[ -z "$out" ] || { echo "$out"; return 1; }
}
ok "vkernel.1 renders without warnings (groff -ww)" groff_clean
nmi7_clean() {
	out=$(groff -man -ww -z "$top_srcdir/man/vkernel-nmi.7" 2>&1)
	[ -z "$out" ] || { echo "$out"; return 1; }
}
ok "vkernel-nmi.7 renders without warnings (groff -ww)" nmi7_clean
every_option() {
	for o in $($VKERNEL --help | grep -Eo -- '--[a-z-]+' | sort -u); do
		case $o in --help*) continue ;; esac
		grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$man" ||
			{ echo "missing $o"; return 1; }
	done
}
ok "every option of --help is in vkernel.1" every_option
ok "kernel/ calls no host API directly" "$top_srcdir/tools/check-layering" "$top_srcdir"
done_testing
