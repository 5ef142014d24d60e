// SPDX-License-Identifier: GPL-2.0-only
/*
 * The unwinder behind dumpstack: libunwind's local unwinder, which is
 * async-signal-safe.  For pt_regs of a trap it starts at the interrupted
 * instruction from the host signal frame (so the first frame is the
 * faulting function, as the ORC unwinder gives from an exception frame);
 * otherwise at the caller.
 */
#include <string.h>
#include <asm/traps.h>
#include <asm/unwind.h>

static __nmisafe void unwind_read_ip(struct unwind_state *state)
{
	unw_word_t ip = 0;

	if (unw_get_reg(&state->cursor, UNW_REG_IP, &ip) < 0 || !ip)
		state->done = 1;
	state->ip = ip;
}

__nmisafe void unwind_start(struct unwind_state *state, struct pt_regs *regs)
{
	struct trap_frame *f = regs ? trap_frame_of(regs) : NULL;
	int err;

	memset(state, 0, sizeof(*state));
	if (f) {
		memcpy(&state->context, f->uc, sizeof(state->context));
		err = unw_init_local2(&state->cursor, &state->context,
				      UNW_INIT_SIGNAL_FRAME);
	} else {
		unw_getcontext(&state->context);
		err = unw_init_local(&state->cursor, &state->context);
	}
	if (err < 0) {
		state->done = 1;
		state->error = 1;
		return;
	}
	unwind_read_ip(state);
}

__nmisafe int unwind_next_frame(struct unwind_state *state)
{
	if (state->done)
		return 0;
	if (unw_step(&state->cursor) <= 0) {
		state->done = 1;
		return 0;
	}
	unwind_read_ip(state);
	return !state->done;
}
