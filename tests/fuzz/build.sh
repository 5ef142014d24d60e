#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
# OSS-Fuzz build script: every fuzzer of tests/fuzz into $OUT, built with
# $CC $CFLAGS ... $LIB_FUZZING_ENGINE, each with its dictionary and seed
# corpus, as https://google.github.io/oss-fuzz/ expects.  make check and
# make fuzz run it with clang's libFuzzer (tests/fuzz/run.sh).
SRC_DIR=${SRC_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
: "${OUT:?}" "${CC:?}" "${LIB_FUZZING_ENGINE:?}"
CFLAGS=${CFLAGS:-}
cd "$SRC_DIR"
inc="-Ikernel/include -Iarch-sim/include -Ium/include -Itests/fuzz"

# the gdb stub: framing, commands, breakpoints, registers, monitor
gdbstub_src="kernel/debug/gdbstub.c kernel/debug/gdb_cmds.c
kernel/debug/gdb_monitor.c kernel/debug/gdb_target_xml.c
kernel/debug/debug_core.c kernel/kgdb.c kernel/lib/vsprintf.c
tests/fuzz/fake_hw.c tests/fuzz/gdbstub_fuzzer.c"

mkdir -p "$OUT"
# shellcheck disable=SC2086
$CC $CFLAGS -std=gnu11 -D_GNU_SOURCE $inc $gdbstub_src \
	$LIB_FUZZING_ENGINE -o "$OUT/gdbstub_fuzzer"
cp tests/fuzz/gdbstub.dict "$OUT/gdbstub_fuzzer.dict"
out_abs=$(cd "$OUT" && pwd)
(cd tests/fuzz/gdbstub_corpus &&
	python3 -m zipfile -c "$out_abs/gdbstub_fuzzer_seed_corpus.zip" ./*)

# the explorer: the whole simulated CPU (every vkernel source but main())
explore_src=$(find um arch-sim kernel userland/storm_task.c -name '*.c' \
	! -path um/main.c | sort)
pkgs="glib-2.0 libunwind libunwind-ptrace libelf libseccomp"
version=$(sed -n 's/^AC_INIT(\[vkernel\], \[\([^]]*\)\].*/\1/p' configure.ac)
# shellcheck disable=SC2086,SC2046
$CC $CFLAGS -std=gnu11 -D_GNU_SOURCE -fno-pie -fno-omit-frame-pointer \
	-fasynchronous-unwind-tables -DPACKAGE_VERSION="\"$version\"" \
	$inc $(pkg-config --cflags $pkgs) \
	$explore_src tests/fuzz/explore_fuzzer.c $LIB_FUZZING_ENGINE -no-pie \
	$(pkg-config --libs $pkgs) -lpthread -o "$OUT/explore_fuzzer"
(cd tests/fuzz/explore_corpus &&
	python3 -m zipfile -c "$out_abs/explore_fuzzer_seed_corpus.zip" ./*)
