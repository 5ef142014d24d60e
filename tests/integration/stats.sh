#!/bin/sh
# --stats-json: valid JSON whose numbers agree with the run.
. "$top_srcdir/tests/integration/lib.sh"

$VKERNEL --cpus 3 --stats-json "$tmp/s.json" >/dev/null
ok "exit 0" test $? = 0
check_json() {
	hw_skip=0
	hw_bp_skip && hw_skip=1
	python3 - "$tmp/s.json" "$hw_skip" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
skip = int(sys.argv[2])  # the host's breakpoints do not fire: 1 per CPU
status = ["ok"] * 9
if skip:
    status[2] = "skipped"  # the hardware breakpoint class
assert s["cpus"] == 3 and len(s["per_cpu"]) == 3
assert s["selftest"] == {"ok": 27 - 3 * skip, "failed": 0,
                         "skipped": 3 * skip}, s["selftest"]
assert s["exit_status"] == 0
for c in s["per_cpu"]:
    v = c["vectors"]
    # every class raised at least once on every CPU
    for vec in ("0", "1", "3", "6", "13", "14", "16", "19"):
        assert int(v.get(vec, 0)) >= 1, (c["cpu"], vec, v)
    assert c["traps"] == sum(v.values())
    assert [t["status"] for t in c["selftest"]] == status, c["selftest"]
PY
}
ok "selftest and per-CPU vector counters consistent" check_json
ok "no process left behind" no_leftovers
done_testing
