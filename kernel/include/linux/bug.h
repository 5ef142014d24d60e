/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN and BUG as x86 does them: a ud2 with a __bug_table entry; the #UD
 * handler finds the entry (handle_bug -> report_bug), prints the warning
 * and steps over the ud2.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <asm/compiler.h>
#include <asm/ptrace.h>

#define BUGFLAG_WARNING (1 << 0)
#define BUGFLAG_ONCE (1 << 1)
#define BUGFLAG_DONE (1 << 2)

struct bug_entry {
	int bug_addr_disp;
	int file_disp;
	unsigned short line;
	unsigned short flags;
};

enum bug_trap_type {
	BUG_TRAP_TYPE_NONE = 0,
	BUG_TRAP_TYPE_WARN = 1,
	BUG_TRAP_TYPE_BUG = 2,
};

#define LEN_UD2 2

#define _BUG_FLAGS(ins, flags)                                           \
	__asm__ __volatile__("1:\t" ins "\n"                             \
			     ".pushsection __bug_table,\"aw\"\n"         \
			     "2:\t.long 1b - .\n"                        \
			     "\t.long %c0 - .\n"                         \
			     "\t.word %c1\n"                             \
			     "\t.word %c2\n"                             \
			     "\t.org 2b + %c3\n"                         \
			     ".popsection"                               \
			     :                                           \
			     : "i"(__FILE__), "i"(__LINE__), "i"(flags), \
			       "i"(sizeof(struct bug_entry)))

#define __WARN_FLAGS(flags) _BUG_FLAGS("ud2", BUGFLAG_WARNING | (flags))

#define WARN_ON(condition)                         \
	({                                         \
		int __ret_warn_on = !!(condition); \
		if (unlikely(__ret_warn_on))       \
			__WARN_FLAGS(0);           \
		unlikely(__ret_warn_on);           \
	})

#define WARN_ON_ONCE(condition)                     \
	({                                          \
		int __ret_warn_on = !!(condition);  \
		if (unlikely(__ret_warn_on))        \
			__WARN_FLAGS(BUGFLAG_ONCE); \
		unlikely(__ret_warn_on);            \
	})

enum bug_trap_type report_bug(unsigned long bug_addr, struct pt_regs *regs);
int is_valid_bugaddr(unsigned long addr);

#endif
