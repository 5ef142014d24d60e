/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PROG CASE and PROG --list, for the userland test programs: their case
 * tables are arrays of structs whose first member is the name.
 */
#ifndef _VK_CASE_H
#define _VK_CASE_H

#include <stdio.h>
#include <string.h>

#define VK_CASE_LIST (-2) /* --list printed the names: exit 0 */

/* The index of argv[1] in the table, VK_CASE_LIST, or -1 (usage printed). */
static inline int vk_case_pick(int argc, char **argv, const void *table,
			       size_t n, size_t size, const char *usage)
{
	size_t i;

	for (i = 0; argc == 2 && i < n; i++) {
		const char *name =
			*(const char *const *)((const char *)table + i * size);

		if (!strcmp(argv[1], "--list"))
			printf("%s\n", name);
		else if (!strcmp(argv[1], name))
			return (int)i;
	}
	if (argc == 2 && !strcmp(argv[1], "--list"))
		return VK_CASE_LIST;
	fprintf(stderr, "usage: %s\n", usage);
	return -1;
}

#define VK_CASE_PICK(argc, argv, cases, usage)                            \
	vk_case_pick(argc, argv, cases, sizeof(cases) / sizeof(cases[0]), \
		     sizeof(cases[0]), usage)

#endif
