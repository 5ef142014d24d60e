#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the fuzzers with clang's libFuzzer, ASan and UBSan (build.sh, the
# OSS-Fuzz way) and run each for FUZZ_SECONDS (make check: 20, make fuzz:
# 600) from its seed corpus.  A crash fails, with the input kept.
. "$top_srcdir/tests/integration/lib.sh"
secs=${FUZZ_SECONDS:-20}
# build.sh's flags do not depend on configure: a --enable-sanitizers
# make check would build and run the very same fuzzers again
if [ "${VK_SANITIZERS:-no}" = yes ] && [ -z "${FUZZ_OUT:-}${FUZZ_SECONDS:-}" ]; then
	echo "1..0 # SKIP the fuzzers are ASan/UBSan builds in every configuration; the plain make check runs them"
	exit 0
fi
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

# campaigns scale on the fuzzers' own infrastructure: libFuzzer's -fork
forked() {
	rm -rf "$out/fork" && mkdir -p "$out/fork" &&
		(cd "$out/fork" &&
			python3 -m zipfile -e "$out/explore_fuzzer_seed_corpus.zip" .) &&
		"$out/explore_fuzzer" -fork=2 -max_total_time=10 "$out/fork" \
			>"$out/fork.log" 2>&1 &&
		grep -q 'job: 2' "$out/fork.log" &&
		grep -Eq 'oom/timeout/crash: 0/0/0' "$out/fork.log" && return 0
	tail -5 "$out/fork.log"
	return 1
}
ok "explore_fuzzer -fork=2: two jobs, one corpus, no crash" forked

# and AFL++'s main and secondary, syncing through one output folder
afl_ok() {
	command -v afl-fuzz >/dev/null && command -v afl-clang-fast >/dev/null &&
		[ -e /usr/lib/afl/libAFLDriver.a ]
}
afl_build() {
	SRC_DIR=$(cd "$top_srcdir" && pwd) OUT=$tmp/afl CC=afl-clang-fast \
		CFLAGS="-g -O1" AFL_QUIET=1 \
		LIB_FUZZING_ENGINE=/usr/lib/afl/libAFLDriver.a \
		bash "$top_srcdir/tests/fuzz/build.sh" >"$tmp/afl.build" 2>&1 &&
		mkdir -p "$tmp/afl/seeds" &&
		(cd "$tmp/afl/seeds" &&
			python3 -m zipfile -e "$tmp/afl/explore_fuzzer_seed_corpus.zip" .)
}
afl_stat() { # DIR KEY
	sed -n "s/^$2 *: *//p" "$1/fuzzer_stats"
}
afl_campaign() { # SECONDS OUT-DIR [ENV...]: -M main and -S s1 at once
	s=$1 o=$2
	shift 2
	for role in "-M main" "-S s1"; do
		# afl-fuzz refuses sanitizer options without its own (the
		# sanitizer build's CI run exports some); this build has none
		# shellcheck disable=SC2086
		env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS \
			AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
			AFL_NO_AFFINITY=1 "$@" timeout "$s" afl-fuzz $role \
			-i "$tmp/afl/seeds" -o "$o" -- "$tmp/afl/explore_fuzzer" \
			>"$o.${role#-? }.log" 2>&1 &
	done
	wait
}
afl_sync() {
	afl_build && afl_campaign 10 "$tmp/afl/sync" || return 1
	for f in main s1; do
		echo "$f: $(afl_stat "$tmp/afl/sync/$f" execs_done) execs, crashes $(afl_stat "$tmp/afl/sync/$f" saved_crashes)"
		[ "$(afl_stat "$tmp/afl/sync/$f" execs_done)" -gt 0 ] &&
			[ "$(afl_stat "$tmp/afl/sync/$f" saved_crashes)" = 0 ] || return 1
	done
	[ -e "$tmp/afl/sync/s1/.synced/main" ]
}
afl_finds() {
	afl_campaign 10 "$tmp/afl/planted" VKERNEL_FUZZ_NMI_BREAK=executing
	crash=$(ls "$tmp"/afl/planted/*/crashes/id* 2>/dev/null | head -1)
	[ -n "$crash" ] &&
		VKERNEL_FUZZ_NMI_BREAK=executing "$tmp/afl/explore_fuzzer" \
			"$crash" 2>&1 | grep -q 'VIOLATION: frame:'
}
if afl_ok; then
	ok "AFL++ -M main and -S s1: 10 s on the upstream code, synced, no crash" afl_sync
	ok "AFL++ finds \"NMI executing\" cleared before DF within 10 s" afl_finds
else
	skip "AFL++ -M/-S" "afl++ is not installed"
	skip "AFL++ finds a planted bug" "afl++ is not installed"
fi
done_testing
