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

int vk_apply_nmi_options(struct vk_options *opt, const char *scenario,
			 const char *entry, const char *brk)
{
	if (scenario) {
		if (!nmi_scenario_valid(scenario) ||
		    strlen(scenario) >= sizeof(opt->bp.nmi_scenario))
			return bad("--nmi-scenario", scenario,
				   "nesting, cr2, dr7, unknown, slow or all");
		g_strlcpy(opt->bp.nmi_scenario, scenario,
			  sizeof(opt->bp.nmi_scenario));
	}
	if (entry) {
		if (strcmp(entry, "upstream") && strcmp(entry, "naive"))
			return bad("--nmi-entry", entry, "upstream or naive");
		opt->bp.nmi_entry_naive = !strcmp(entry, "naive");
	}
	if (brk) {
		char **parts = g_strsplit(brk, ",", -1);
		int i, ret = 0;

		for (i = 0; parts[i] && !ret; i++) {
			if (!strcmp(parts[i], "cr2"))
				opt->bp.nmi_break |= NMI_BREAK_CR2;
			else if (!strcmp(parts[i], "dr7"))
				opt->bp.nmi_break |= NMI_BREAK_DR7;
			else
				ret = bad("--nmi-break", parts[i],
					  "cr2 or dr7");
		}
		g_strfreev(parts);
		return ret;
	}
	return 0;
}
