#!/bin/sh
# --stats-json: valid JSON whose numbers agree with the run.
. "$top_srcdir/tests/integration/lib.sh"

$VKERNEL --cpus 3 --stats-json "$tmp/s.json" >/dev/null
ok "exit 0" test $? = 0
check_json() {
	python3 - "$tmp/s.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["cpus"] == 3 and len(s["per_cpu"]) == 3
assert s["selftest"] == {"ok": 27, "failed": 0, "skipped": 0}, s["selftest"]
assert s["exit_status"] == 0
for c in s["per_cpu"]:
    v = c["vectors"]
    # every class raised at least once on every CPU
    for vec in ("0", "1", "3", "6", "13", "14", "16", "19"):
        assert int(v.get(vec, 0)) >= 1, (c["cpu"], vec, v)
    assert c["traps"] == sum(v.values())
    assert [t["status"] for t in c["selftest"]] == ["ok"] * 9
PY
}
ok "selftest and per-CPU vector counters consistent" check_json
ok "no process left behind" no_leftovers
done_testing
