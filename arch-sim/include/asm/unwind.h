/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stack unwinder, with the interface of arch/x86/include/asm/unwind.h.
 * It is libunwind's local unwinder, started from the host signal frame of
 * a trap (for pt_regs built by the simulated CPU) or from the caller.
 */
#ifndef _ASM_UNWIND_H
#define _ASM_UNWIND_H

#define UNW_LOCAL_ONLY
#include <libunwind.h>
#include <asm/ptrace.h>

struct unwind_state {
	unw_cursor_t cursor;
	unw_context_t context;
	unsigned long ip;
	int done;
	int error;
};

void unwind_start(struct unwind_state *state, struct pt_regs *regs);
int unwind_next_frame(struct unwind_state *state);

static __always_inline int unwind_done(struct unwind_state *state)
{
	return state->done;
}

static __always_inline unsigned long
unwind_get_return_address(struct unwind_state *state)
{
	return state->done ? 0 : state->ip;
}

#endif
