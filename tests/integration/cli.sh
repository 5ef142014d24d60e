#!/bin/sh
# Bad input: one line on stderr, exit 2, nothing started.
. "$top_srcdir/tests/integration/lib.sh"

bad() { # bad ARGS... : exit 2, one stderr line, empty stdout
	$VKERNEL "$@" >"$tmp/out" 2>"$tmp/err"
	s=$?
	[ "$s" = 2 ] || { echo "exit $s"; return 1; }
	[ "$(wc -l <"$tmp/err")" = 1 ] || { cat "$tmp/err"; return 1; }
	[ ! -s "$tmp/out" ] || { echo "stdout not empty"; return 1; }
	grep -q '^vkernel: ' "$tmp/err"
}

printf '[vkernel]\ncpus = 4\nnot a key value line\n' >"$tmp/bad1.conf"
printf '[vkernel]\ncpus = 4\nrun-for = 2x\n' >"$tmp/bad2.conf"
printf '[vkernel]\n\ncpu = 4\n' >"$tmp/bad3.conf"
printf '[vkernel]\ncpus = 1\nquiet = true\n' >"$tmp/good.conf"

ok "unknown option" bad --bogus
ok "--cpus 0" bad --cpus 0
ok "--cpus 65" bad --cpus 65
ok "--cpus abc" bad --cpus abc
ok "--run-for 5x" bad --run-for 5x
ok "--hw-breakpoints maybe" bad --hw-breakpoints maybe
ok "unknown command" bad frobnicate
ok "storm takes its own options" bad storm --cpus 0
ok "missing config file" bad --config "$tmp/none.conf"
ok "malformed config names file:line" sh -c "$VKERNEL --config $tmp/bad1.conf 2>&1 | grep -q 'bad1.conf:3:'; test \$? = 0"
ok "malformed config exits 2" bad --config "$tmp/bad1.conf"
ok "bad value names file:line" sh -c "$VKERNEL --config $tmp/bad2.conf 2>&1 | grep -q 'bad2.conf:3: run-for'"
ok "unknown key names file:line" sh -c "$VKERNEL --config $tmp/bad3.conf 2>&1 | grep -q \"bad3.conf:3: unknown key 'cpu'\""
ok "unwritable --log" bad --log /nonexistent/dir/log
ok "unwritable --stats-json" bad --stats-json /nonexistent/dir/s.json
ok "config file applies" sh -c "$VKERNEL --config $tmp/good.conf --log $tmp/g.log >/dev/null && grep -q 'on 1 CPUs' $tmp/g.log"
ok "command line overrides config" sh -c "$VKERNEL --config $tmp/good.conf --cpus 3 --log $tmp/g2.log >/dev/null && grep -q 'on 3 CPUs' $tmp/g2.log"
ok "--help exits 0" sh -c "$VKERNEL --help | grep -q -- --run-for"
ok "--version exits 0" sh -c "$VKERNEL --version | grep -q '^vkernel [0-9]'"
ok "no process left behind" no_leftovers
done_testing
