#!/bin/sh
# Man pages render cleanly and cover every option; the layering holds.
. "$top_srcdir/tests/integration/lib.sh"
man="$top_srcdir/man/vkernel.1"

man_clean() { # PAGE
	out=$(groff -man -ww -z "$top_srcdir/man/$1" 2>&1)
	[ -z "$out" ] || { echo "$out"; return 1; }
}
for page in vkernel.1 vkernel-nmi.7 vkernel-gdb.7 vkernel-storm.1; do
	ok "$page renders without warnings (groff -ww)" man_clean $page
done
every_option() { # [COMMAND] MANPAGE
	page=${2:-$man}
	for o in $($VKERNEL $1 --help | grep -Eo -- '--[a-z-]+' | sort -u); do
		case $o in --help*) continue ;; esac
		grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$page" ||
			{ echo "missing $o"; return 1; }
	done
}
ok "every option of --help is in vkernel.1" every_option
ok "every option of storm --help is in vkernel-storm.1" every_option storm \
	"$top_srcdir/man/vkernel-storm.1"
ok "kernel/ calls no host API directly" "$top_srcdir/tools/check-layering" "$top_srcdir"
done_testing
