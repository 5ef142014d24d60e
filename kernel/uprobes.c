// SPDX-License-Identifier: GPL-2.0-only
/*
 * A uprobe-like claim on a userland int3, after kernel/events/uprobes.c's
 * uprobe_pre_sstep_notifier(): a probe names a file and an offset in it
 * (as uprobe_events does, PATH:OFFSET), and an int3 a task executes
 * there is the probe's, not the task's: counted, logged, and no signal.
 * Unlike upstream, the int3 is the program's own; nothing is patched in.
 */
#include <string.h>
#include <asm/ptrace.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uprobes.h>

static struct {
	char file[64];
	unsigned long offset;
	unsigned long hits;
	int armed;
} probe;

static __nmisafe int uprobe_notify(struct notifier_block *nb, unsigned long val,
				   void *data)
{
	struct die_args *args = data;
	struct task_struct *t = current;
	unsigned long at;

	(void)nb;
	if (val != DIE_INT3 || !user_mode(args->regs) || !t->user ||
	    strcmp(t->vma_name, probe.file))
		return NOTIFY_DONE;
	/* the int3 was at ip - 1; its place in the file */
	at = args->regs->ip - 1 - t->vma_start + t->vma_offset;
	if (at != probe.offset)
		return NOTIFY_DONE;
	probe.hits++;
	pr_info("uprobe: %s[%d] hit %s:0x%lx (%lu)\n", t->comm, t->pid,
		probe.file, probe.offset, probe.hits);
	return NOTIFY_STOP;
}

static struct notifier_block uprobe_nb = { .notifier_call = uprobe_notify };

/* "PATH:OFFSET": the probe on the file of that base name */
int uprobe_register_spec(const char *spec)
{
	const char *colon = strrchr(spec, ':'), *base;
	unsigned long off = 0;
	const char *p;

	if (!colon || colon == spec || !colon[1])
		return -1;
	for (p = colon + 1; *p; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' :
			*p >= 'a' && *p <= 'f' ? *p - 'a' + 10 :
			*p >= 'A' && *p <= 'F' ? *p - 'A' + 10 :
						 -1;

		if (p == colon + 2 && (*p == 'x' || *p == 'X') &&
		    colon[1] == '0')
			continue;
		if (d < 0)
			return -1;
		off = off * 16 + (unsigned long)d;
	}
	base = spec;
	for (p = spec; p < colon; p++) {
		if (*p == '/')
			base = p + 1;
	}
	if (colon - base >= (long)sizeof(probe.file) || colon == base)
		return -1;
	memcpy(probe.file, base, (size_t)(colon - base));
	probe.file[colon - base] = 0;
	probe.offset = off;
	probe.armed = 1;
	return register_die_notifier(&uprobe_nb);
}

void uprobe_unregister_all(void)
{
	if (!probe.armed)
		return;
	unregister_die_notifier(&uprobe_nb);
	probe.armed = 0;
}
