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
	"$out/$1" -max_total_time="$secs" -dict="$out/$1.dict" \
		-artifact_prefix="$out/$1-" -print_final_stats=1 "$corpus" \
		>"$out/$1.log" 2>&1
	st=$?
	grep -E '^(stat::number_of_executed_units|Done)' "$out/$1.log"
	[ $st = 0 ] || { tail -30 "$out/$1.log"; return 1; }
}
ok "gdbstub_fuzzer: ${secs}s of packets into the stub, no crash" fuzz gdbstub_fuzzer
done_testing
