/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_UPROBES_H
#define _LINUX_UPROBES_H

/* --uprobe PATH:OFFSET (hex); 0, or -1 when the spec is malformed */
int uprobe_register_spec(const char *spec);
void uprobe_unregister_all(void);

#endif
