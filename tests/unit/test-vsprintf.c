// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's formatter against libc's for the formats it supports. */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>

#define SAME(fmt, ...)                                              \
	do {                                                        \
		char a[128], b[128];                                \
		int na = scnprintf(a, sizeof(a), fmt, __VA_ARGS__); \
		int nb = snprintf(b, sizeof(b), fmt, __VA_ARGS__);  \
		g_assert_cmpstr(a, ==, b);                          \
		g_assert_cmpint(na, ==, nb);                        \
	} while (0)

static void test_libc(void)
{
	SAME("%d %i %u", -42, 7, 3000000000u);
	SAME("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42);
	SAME("%lx %lX %#lx %016lx", 0xdeadbeefUL, 0xabcUL, 255UL, 0x1234UL);
	SAME("%llu %lld %zu", 18446744073709551615ULL, -1LL, (size_t)9);
	SAME("%s|%10s|%-10s|%.3s|%c%%", "abc", "right", "left", "truncate",
	     'x');
	SAME("%02x %04lx %hhu %hd", 7, 0x10UL, 300, (short)-5);
	SAME("%*d|%-*d|%.*s", 6, 1, 4, 2, 2, "xyz");
}

static void test_truncation(void)
{
	char buf[8];

	g_assert_cmpint(scnprintf(buf, sizeof(buf), "%s", "0123456789"), ==, 7);
	g_assert_cmpstr(buf, ==, "0123456");
}

static void test_symbol(void)
{
	char buf[KSYM_SYMBOL_LEN];

	g_assert_cmpint(kallsyms_init(), ==, 0);
	scnprintf(buf, sizeof(buf), "%pS", (char *)test_symbol + 1);
	g_assert_true(g_str_has_prefix(buf, "test_symbol+0x1/0x"));
	scnprintf(buf, sizeof(buf), "%ps", (void *)test_symbol);
	g_assert_cmpstr(buf, ==, "test_symbol");
	kallsyms_exit();
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vsprintf/same-as-libc", test_libc);
	g_test_add_func("/vsprintf/truncation", test_truncation);
	g_test_add_func("/vsprintf/symbol", test_symbol);
	return g_test_run();
}
