#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the fuzzers with clang's libFuzzer, ASan and UBSan (build.sh, the
# OSS-Fuzz way) and run each for FUZZ_SECONDS (make check: 20, make fuzz:
# 600) from its seed corpus.  A crash fails, with the input kept.
. "$top_srcdir/tests/integration/lib.sh"
secs=${FUZZ_SECONDS:-20}
if ! command -v clang >/dev/null ||
	! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' |
	clang -x c -fsanitize=fuzzer - -o "$tmp/probe" 2>/dev/null; then
	echo "1..0 # SKIP clang with libFuzzer is not installed"
	exit 0
fi
out=${FUZZ_OUT:-$tmp/out}
build() {
	SRC_DIR=$(cd "$top_srcdir" && pwd) OUT=$out CC=clang \
		CFLAGS="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" \
		LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
		bash "$top_srcdir/tests/fuzz/build.sh"
}
ok "the fuzzers build the OSS-Fuzz way (build.sh)" build
fuzz() { # NAME
	corpus=$out/$1_corpus
	mkdir -p "$corpus"
	(cd "$corpus" && python3 -m zipfile -e "$out/$1_seed_corpus.zip" .)
	dict=
	[ -e "$out/$1.dict" ] && dict=-dict=$out/$1.dict
	"$out/$1" -max_total_time="$secs" $dict \
		-artifact_prefix="$out/$1-" -print_final_stats=1 "$corpus" \
		>"$out/$1.log" 2>&1
	st=$?
	grep -E '^(stat::number_of_executed_units|Done)' "$out/$1.log"
	[ $st = 0 ] || { tail -30 "$out/$1.log"; return 1; }
}
ok "gdbstub_fuzzer: ${secs}s of packets into the stub, no crash" fuzz gdbstub_fuzzer
ok "explore_fuzzer: ${secs}s of schedules, upstream NMI code, no violation" fuzz explore_fuzzer
# a planted bug is a crash, with its schedule, within 10 s
explore_finds() {
	rm -rf "$out/planted" && mkdir -p "$out/planted" &&
		(cd "$out/planted" &&
			python3 -m zipfile -e "$out/explore_fuzzer_seed_corpus.zip" .) &&
		VKERNEL_FUZZ_NMI_BREAK=executing "$out/explore_fuzzer" \
			-max_total_time=10 -artifact_prefix="$out/planted-" \
			"$out/planted" >"$out/planted.log" 2>&1
	[ $? != 0 ] && grep -q 'VIOLATION: frame:' "$out/planted.log" &&
		grep -q '^inject [0-9]* ' "$out/planted.log" &&
		ls "$out"/planted-crash-* >/dev/null 2>&1
}
ok "explore_fuzzer finds \"NMI executing\" cleared before DF within 10 s" explore_finds
done_testing
