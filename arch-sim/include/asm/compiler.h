/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_COMPILER_H
#define _ASM_COMPILER_H

/*
 * __nmisafe marks code that a host signal handler can reach: NMI context.
 * Such code may call only other __nmisafe code and an allowlist of
 * async-signal-safe functions; tools/check-nmisafe enforces it on the
 * object files in "make check".  The section name is a C identifier so the
 * linker provides __start_/__stop_ symbols for the runtime check on
 * callbacks (see nmisafe_text_contains()).
 */
#define __nmisafe __attribute__((section("nmisafe_text"), noinline))
#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __maybe_unused __attribute__((unused))

#define barrier() __asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

extern char __start_nmisafe_text[], __stop_nmisafe_text[];

/*
 * Code on the way from a #BP or #DB to the debugger, where a breakpoint
 * would recurse (include/linux/kprobes.h): the debugger refuses to plant
 * one in these functions.
 */
#define NOKPROBE_SYMBOL(fname)                                          \
	static void *__attribute__((used, section("kprobe_blacklist"))) \
	_kbl_addr_##fname = (void *)(fname)
extern void *__start_kprobe_blacklist[] __attribute__((weak));
extern void *__stop_kprobe_blacklist[] __attribute__((weak));

/*
 * Code the simulated CPU runs at CPL 3: an exception or NMI that
 * interrupts it comes from user mode (CS __USER_CS).  Until userland tasks
 * exist this is where user-mode scenarios run.
 */
#define __usertext __attribute__((section("usertext"), noinline))
extern char __start_usertext[] __attribute__((weak));
extern char __stop_usertext[] __attribute__((weak));

static __always_inline int in_usertext(unsigned long ip)
{
	return ip >= (unsigned long)__start_usertext &&
	       ip < (unsigned long)__stop_usertext;
}

static __always_inline int nmisafe_text_contains(const void *fn)
{
	return (const char *)fn >= __start_nmisafe_text &&
	       (const char *)fn < __stop_nmisafe_text;
}

#endif
