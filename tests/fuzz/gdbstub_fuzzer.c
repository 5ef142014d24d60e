// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness of the gdb stub: the input is what gdb would send,
 * byte by byte, into the same framing and command code the debug port
 * feeds (kernel/debug/gdbstub.c, gdb_cmds.c, gdb_monitor.c,
 * debug_core.c, kernel/kgdb.c).  The hardware under them is fake_hw.c:
 * one stopped CPU, and memory that is a sandbox window at a fixed
 * address, so that M, X and Z0 cannot write into the fuzzer itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/kgdb.h>
#include "fake_hw.h"

static const uint8_t *in;
static size_t in_len, in_pos;
static int hung_up;

static int fuzz_read_char(void)
{
	if (hung_up || in_pos >= in_len)
		return HANGUP_CHAR;
	return in[in_pos++];
}

static void fuzz_write_char(unsigned char c)
{
	(void)c;
}

static void fuzz_flush(void)
{
}

static void fuzz_hangup(void)
{
	hung_up = 1;
}

static int fuzz_connected(void)
{
	return !hung_up;
}

static struct kgdb_io fuzz_io = {
	.name = "fuzz",
	.read_char = fuzz_read_char,
	.write_char = fuzz_write_char,
	.flush = fuzz_flush,
	.hangup = fuzz_hangup,
	.connected = fuzz_connected,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kgdb_state ks;
	int rounds = 0;

	fake_hw_reset();
	dbg_io_ops = &fuzz_io;
	in = data;
	in_len = size;
	in_pos = 0;
	hung_up = 0;
	/* a #BP on CPU 0, as kgdb_cpu_enter hands it to the stub */
	while (in_pos < in_len && !hung_up && rounds++ < 64) {
		memset(&ks, 0, sizeof(ks));
		ks.cpu = 0;
		ks.ex_vector = 3;
		ks.signo = 5;
		ks.linux_regs = fake_hw_stop_regs();
		kgdb_info[0].debuggerinfo = ks.linux_regs;
		gdb_serial_stub(&ks);
		dbg_deactivate_sw_breakpoints();
	}
	dbg_remove_all_break();
	kgdb_connected = 0;
	return 0;
}
