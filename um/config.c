// SPDX-License-Identifier: GPL-2.0-only
/*
 * The --config file: a GKeyFile with one group, [vkernel], whose keys are
 * the long options.  GKeyFile does not report line numbers, so a first pass
 * checks the syntax and finds each key's line for the error messages.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <options.h>

static const char *const known_keys[] = {
	"cpus",	   "log",	"quiet",	  "stats-json",
	"run-for", "oops-test", "hw-breakpoints", NULL,
};

struct cfg_scan {
	char **lines;
	int nlines;
};

static int key_line(const struct cfg_scan *c, const char *key)
{
	int i;

	for (i = 0; i < c->nlines; i++) {
		char *l = g_strstrip(g_strdup(c->lines[i]));
		char *eq = strchr(l, '=');
		int match = 0;

		if (eq) {
			*eq = 0;
			match = !strcmp(g_strstrip(l), key);
		}
		g_free(l);
		if (match)
			return i + 1;
	}
	return 0;
}

static int known_key(const char *k)
{
	int i;

	for (i = 0; known_keys[i]; i++) {
		if (!strcmp(known_keys[i], k))
			return 1;
	}
	return 0;
}

/* Syntax, groups and keys, with the line of the first problem. */
static int scan_lines(const char *path, const struct cfg_scan *c, char *err,
		      size_t errlen)
{
	int i, in_group = 0;

	for (i = 0; i < c->nlines; i++) {
		char *l = g_strstrip(g_strdup(c->lines[i]));
		char *eq = strchr(l, '=');
		int bad = 0;

		if (!*l || *l == '#' || *l == ';') {
			/* blank or comment */
		} else if (*l == '[') {
			in_group = 1;
			if (strcmp(l, "[vkernel]"))
				bad = snprintf(
					err, errlen,
					"%s:%d: unknown group %s (only [vkernel])",
					path, i + 1, l);
		} else if (!in_group) {
			bad = snprintf(
				err, errlen,
				"%s:%d: a key before the [vkernel] group", path,
				i + 1);
		} else if (!eq) {
			bad = snprintf(
				err, errlen,
				"%s:%d: expected key = value, [group] or a comment",
				path, i + 1);
		} else {
			*eq = 0;
			if (!known_key(g_strstrip(l)))
				bad = snprintf(err, errlen,
					       "%s:%d: unknown key '%s'", path,
					       i + 1, l);
		}
		g_free(l);
		if (bad)
			return -1;
	}
	return 0;
}

static int bad_value(const char *path, const struct cfg_scan *c,
		     const char *key, const char *why, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s:%d: %s: %s", path, key_line(c, key), key,
		 why);
	return -1;
}

static int get_bool(GKeyFile *kf, const char *key, int *out)
{
	GError *e = NULL;
	gboolean v = g_key_file_get_boolean(kf, "vkernel", key, &e);

	if (e) {
		g_error_free(e);
		return -1;
	}
	*out = v;
	return 0;
}

static int apply_values(const char *path, GKeyFile *kf,
			const struct cfg_scan *c, struct vk_options *opt,
			unsigned int set, char *err, size_t errlen)
{
	char *v;
	int ret = 0;

#define HAVE(k) g_key_file_has_key(kf, "vkernel", k, NULL)
#define STR(k) g_strstrip(g_key_file_get_string(kf, "vkernel", k, NULL))
	if (!(set & OPT_SET_CPUS) && HAVE("cpus")) {
		v = STR("cpus");
		opt->bp.nr_cpus = vk_parse_cpus(v);
		g_free(v);
		if (opt->bp.nr_cpus < 0)
			return bad_value(path, c, "cpus",
					 "expected a number from 1 to 64", err,
					 errlen);
	}
	if (!(set & OPT_SET_RUN_FOR) && HAVE("run-for")) {
		v = STR("run-for");
		opt->bp.run_for_ns = vk_parse_duration(v);
		g_free(v);
		if (opt->bp.run_for_ns < -1)
			return bad_value(path, c, "run-for",
					 "expected a duration (5s, 2m, inf)",
					 err, errlen);
	}
	if (!(set & OPT_SET_HWBP) && HAVE("hw-breakpoints")) {
		v = STR("hw-breakpoints");
		ret = vk_parse_dr_backend(v);
		g_free(v);
		if (ret < 0)
			return bad_value(path, c, "hw-breakpoints",
					 "expected auto, perf, ptrace or none",
					 err, errlen);
		opt->bp.dr_backend = ret;
	}
	if (!(set & OPT_SET_QUIET) && HAVE("quiet") &&
	    get_bool(kf, "quiet", &opt->bp.quiet))
		return bad_value(path, c, "quiet", "expected true or false",
				 err, errlen);
	if (!(set & OPT_SET_OOPS) && HAVE("oops-test") &&
	    get_bool(kf, "oops-test", &opt->bp.oops_test))
		return bad_value(path, c, "oops-test", "expected true or false",
				 err, errlen);
	if (!(set & OPT_SET_LOG) && HAVE("log"))
		opt->log_path = STR("log");
	if (!(set & OPT_SET_STATS) && HAVE("stats-json"))
		opt->stats_path = STR("stats-json");
#undef HAVE
#undef STR
	return 0;
}

int vk_config_load(const char *path, struct vk_options *opt, unsigned int set,
		   char *err, size_t errlen)
{
	struct cfg_scan c = { NULL, 0 };
	GError *e = NULL;
	GKeyFile *kf;
	char *text;
	int ret = -1;

	if (!g_file_get_contents(path, &text, NULL, &e)) {
		snprintf(err, errlen, "cannot read config file %s: %s", path,
			 e->message);
		g_error_free(e);
		return -1;
	}
	c.lines = g_strsplit(text, "\n", -1);
	c.nlines = g_strv_length(c.lines);
	kf = g_key_file_new();
	if (scan_lines(path, &c, err, errlen))
		goto out;
	if (!g_key_file_load_from_data(kf, text, -1, G_KEY_FILE_NONE, &e)) {
		snprintf(err, errlen, "%s: %s", path, e->message);
		g_error_free(e);
		goto out;
	}
	ret = apply_values(path, kf, &c, opt, set, err, errlen);
out:
	g_key_file_free(kf);
	g_strfreev(c.lines);
	g_free(text);
	return ret;
}
