// SPDX-License-Identifier: GPL-2.0-only
/* WARN/BUG reporting, after lib/bug.c. */
#include <asm/sections.h>
#include <asm/uaccess.h>
#include <linux/bug.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/sched.h>

#define INSN_UD2 0x0b0f

__nmisafe int is_valid_bugaddr(unsigned long addr)
{
	unsigned short ud;

	if (copy_from_kernel_nofault(&ud, (void *)addr, sizeof(ud)))
		return 0;
	return ud == INSN_UD2;
}

static __nmisafe struct bug_entry *find_bug(unsigned long bugaddr)
{
	struct bug_entry *b = (struct bug_entry *)__start___bug_table;
	struct bug_entry *end = (struct bug_entry *)__stop___bug_table;

	for (; b < end; b++) {
		if ((unsigned long)&b->bug_addr_disp + b->bug_addr_disp ==
		    bugaddr)
			return b;
	}
	return NULL;
}

__nmisafe enum bug_trap_type report_bug(unsigned long bugaddr,
					struct pt_regs *regs)
{
	struct bug_entry *bug = find_bug(bugaddr);
	const char *file;
	unsigned short flags;

	if (!bug)
		return BUG_TRAP_TYPE_NONE;
	file = (const char *)&bug->file_disp + bug->file_disp;
	flags = __atomic_load_n(&bug->flags, __ATOMIC_RELAXED);
	if (flags & BUGFLAG_WARNING) {
		if (flags & BUGFLAG_ONCE) {
			if (__atomic_fetch_or(&bug->flags, BUGFLAG_DONE,
					      __ATOMIC_RELAXED) &
			    BUGFLAG_DONE)
				return BUG_TRAP_TYPE_WARN;
		}
		printk(KERN_WARNING "------------[ cut here ]------------\n");
		printk(KERN_WARNING "WARNING: CPU: %d PID: %d at %s:%u %pS\n",
		       smp_processor_id(), current->pid, file, bug->line,
		       (void *)bugaddr);
		show_regs(regs);
		printk(KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
		return BUG_TRAP_TYPE_WARN;
	}
	printk(KERN_CRIT "kernel BUG at %s:%u!\n", file, bug->line);
	return BUG_TRAP_TYPE_BUG;
}
