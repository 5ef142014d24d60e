// SPDX-License-Identifier: GPL-2.0-only
/* Option values and the config file's error lines. */
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <glib.h>
#include <options.h>

static void test_duration(void)
{
	g_assert_cmpint(vk_parse_duration("5s"), ==, 5000000000LL);
	g_assert_cmpint(vk_parse_duration("2m"), ==, 120000000000LL);
	g_assert_cmpint(vk_parse_duration("100ms"), ==, 100000000LL);
	g_assert_cmpint(vk_parse_duration("1h"), ==, 3600000000000LL);
	g_assert_cmpint(vk_parse_duration("30"), ==, 30000000000LL);
	g_assert_cmpint(vk_parse_duration("inf"), ==, -1);
	g_assert_cmpint(vk_parse_duration("5x"), ==, -2);
	g_assert_cmpint(vk_parse_duration("-5s"), ==, -2);
	g_assert_cmpint(vk_parse_duration(""), ==, -2);
	g_assert_cmpint(vk_parse_duration("99999999999999h"), ==, -2);
}

static void test_cpus(void)
{
	g_assert_cmpint(vk_parse_cpus("1"), ==, 1);
	g_assert_cmpint(vk_parse_cpus("64"), ==, 64);
	g_assert_cmpint(vk_parse_cpus("0"), ==, -1);
	g_assert_cmpint(vk_parse_cpus("65"), ==, -1);
	g_assert_cmpint(vk_parse_cpus("2x"), ==, -1);
	g_assert_cmpint(vk_parse_cpus("-1"), ==, -1);
}

static char *config_error(const char *text, struct vk_options *opt)
{
	char *path = g_strdup_printf("%s/vk-test-%d.conf", g_get_tmp_dir(),
				     (int)getpid());
	char err[512] = "";

	g_file_set_contents(path, text, -1, NULL);
	memset(opt, 0, sizeof(*opt));
	if (!vk_config_load(path, opt, 0, err, sizeof(err)))
		err[0] = 0;
	remove(path);
	g_free(path);
	return g_strdup(err);
}

static void expect_line(const char *text, const char *line_tag)
{
	struct vk_options opt;
	char *err = config_error(text, &opt);

	g_assert_nonnull(strstr(err, line_tag));
	g_free(err);
	vk_free_options(&opt);
}

static void test_config(void)
{
	struct vk_options opt;
	char *err = config_error("# c\n[vkernel]\ncpus = 4\nrun-for = 2s\n"
				 "quiet = true\nhw-breakpoints = none\n",
				 &opt);

	g_assert_cmpstr(err, ==, "");
	g_assert_cmpint(opt.bp.nr_cpus, ==, 4);
	g_assert_cmpint(opt.bp.run_for_ns, ==, 2000000000LL);
	g_assert_cmpint(opt.bp.quiet, ==, 1);
	g_assert_cmpint(opt.bp.dr_backend, ==, 3);
	g_free(err);
	expect_line("[vkernel]\ncpus = 2\nthis is not a key\n", ".conf:3: ");
	expect_line("[vkernel]\n\ncpu = 2\n", ".conf:3: unknown key 'cpu'");
	expect_line("[vkernel]\ncpus = 99\n", ".conf:2: cpus");
	expect_line("[other]\n", ".conf:1: unknown group");
	expect_line("cpus = 2\n", ".conf:1: a key before");
	expect_line("[vkernel]\nquiet = maybe\n", ".conf:2: quiet");
	expect_line("[vkernel]\nrun-for = soon\n", ".conf:2: run-for");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/options/duration", test_duration);
	g_test_add_func("/options/cpus", test_cpus);
	g_test_add_func("/options/config-file", test_config);
	return g_test_run();
}
