// SPDX-License-Identifier: GPL-2.0-only
/* Parsing option values, shared by the command line and the config file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <asm/debugreg.h>
#include <asm/percpu.h>
#include <options.h>

long long vk_parse_duration(const char *s)
{
	static const struct {
		const char *suffix;
		long long ns;
	} units[] = {
		{ "ms", 1000000LL },	{ "s", 1000000000LL },
		{ "m", 60000000000LL }, { "h", 3600000000000LL },
		{ "", 1000000000LL },
	};
	unsigned long long v;
	unsigned int i;
	char *end;

	if (!s || !*s)
		return -2;
	if (!strcmp(s, "inf"))
		return -1;
	if (*s < '0' || *s > '9')
		return -2;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -2;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(end, units[i].suffix)) {
			if (v >
			    (unsigned long long)(365LL * 86400 * 1000000000LL) /
				    units[i].ns)
				return -2;
			return (long long)v * units[i].ns;
		}
	}
	return -2;
}

int vk_parse_cpus(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > NR_CPUS)
		return -1;
	return (int)v;
}

int vk_parse_dr_backend(const char *s)
{
	static const char *const names[] = { "auto", "perf", "ptrace", "none" };
	int i;

	for (i = 0; s && i < 4; i++) {
		if (!strcmp(s, names[i]))
			return i;
	}
	return -1;
}
