// SPDX-License-Identifier: GPL-2.0-only
/* The NMI test switches of the command line. */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <linux/nmi_scenarios.h>
#include <options.h>

static int bad(const char *opt, const char *val, const char *want)
{
	fprintf(stderr, "vkernel: %s: '%s' is not %s (see vkernel --help)\n",
		opt, val, want);
	return 2;
}

/* A comma-separated list of names, each setting its bit. */
static int parse_flags(const char *opt, const char *list,
		       const char *const *names, int *out, const char *want)
{
	char **parts = g_strsplit(list, ",", -1);
	int i, j, ret = 0;

	for (i = 0; parts[i] && !ret; i++) {
		for (j = 0; names[j] && strcmp(parts[i], names[j]); j++)
			;
		if (names[j])
			*out |= 1 << j;
		else
			ret = bad(opt, parts[i], want);
	}
	g_strfreev(parts);
	return ret;
}

int vk_apply_nmi_options(struct vk_options *opt, const char *scenario,
			 const char *entry, const char *brk, const char *panic)
{
	static const char *const breaks[] = { "cr2",	  "dr7",       "latch",
					      "nmistate", "executing", "dec2",
					      "roundup",  NULL };
	static const char *const panics[] = { "unknown", "unrecovered", "io",
					      NULL };
	int ret = 0;

	if (scenario) {
		if (!nmi_scenario_valid(scenario) ||
		    strlen(scenario) >= sizeof(opt->bp.nmi_scenario))
			return bad(
				"--nmi-scenario", scenario,
				"user, restore, nesting, cr2, dr7, unknown, slow, b2b, latch, grace, lockup or all");
		g_strlcpy(opt->bp.nmi_scenario, scenario,
			  sizeof(opt->bp.nmi_scenario));
	}
	if (entry) {
		if (strcmp(entry, "upstream") && strcmp(entry, "naive"))
			return bad("--nmi-entry", entry, "upstream or naive");
		opt->bp.nmi_entry_naive = !strcmp(entry, "naive");
	}
	if (brk)
		ret = parse_flags(
			"--nmi-break", brk, breaks, &opt->bp.nmi_break,
			"cr2, dr7, latch, nmistate, executing, dec2 or roundup");
	if (!ret && panic)
		ret = parse_flags("--nmi-panic", panic, panics,
				  &opt->bp.nmi_panic,
				  "unknown, unrecovered or io");
	return ret;
}
