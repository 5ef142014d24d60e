// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hardware breakpoints of a CPU thread through perf_event_open(2) with
 * sigtrap = 1: a hit is a synchronous SIGTRAP (si_code TRAP_PERF) in that
 * thread, sig_data naming the debug register slot.  Changing a breakpoint
 * between execute and data type with PERF_EVENT_IOC_MODIFY_ATTRIBUTES is
 * accepted by the host but never fires (measured on 6.18), so the caller
 * reopens on a type class change.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <os.h>

static __nmisafe void fill_attr(struct perf_event_attr *a, enum os_bp_type type,
				unsigned long addr, int len, int slot)
{
	static const int types[] = {
		[OS_BP_X] = HW_BREAKPOINT_X,
		[OS_BP_W] = HW_BREAKPOINT_W,
		[OS_BP_RW] = HW_BREAKPOINT_RW,
	};

	memset(a, 0, sizeof(*a));
	a->type = PERF_TYPE_BREAKPOINT;
	a->size = sizeof(*a);
	a->bp_type = types[type];
	a->bp_addr = addr;
	/* perf wants sizeof(long) for execute breakpoints */
	a->bp_len = type == OS_BP_X ? (int)sizeof(long) : len;
	a->sample_period = 1;
	a->exclude_kernel = 1;
	a->exclude_hv = 1;
	a->sigtrap = 1;
	a->remove_on_exec = 1;
	a->sig_data = slot;
	/* the caller enables it once it knows the fd: see perf_slot_set() */
	a->disabled = 1;
}

__nmisafe int os_perf_bp_open(int tid, enum os_bp_type type, unsigned long addr,
			      int len, int slot)
{
	struct perf_event_attr a;
	long fd;

	fill_attr(&a, type, addr, len, slot);
	fd = syscall(SYS_perf_event_open, &a, tid, -1, -1,
		     PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : (int)fd;
}

__nmisafe int os_perf_bp_modify(int fd, enum os_bp_type type,
				unsigned long addr, int len, int slot)
{
	struct perf_event_attr a;

	fill_attr(&a, type, addr, len, slot);
	return ioctl(fd, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, &a) ? -errno : 0;
}

__nmisafe int os_perf_bp_enable(int fd, int on)
{
	unsigned long req = on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE;

	return ioctl(fd, req, 0) ? -errno : 0;
}

__nmisafe void os_perf_bp_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

static __attribute__((noinline)) void probe_target(void)
{
	barrier();
}

#define PROBE_DATA 0x5eedUL
static volatile sig_atomic_t probe_hits;

static void probe_trap(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code == OS_TRAP_PERF &&
	    os_siginfo_perf_data(si) == PROBE_DATA)
		probe_hits++;
}

/*
 * A breakpoint that opens may still never fire: a VM without debug
 * register support (seen on a Firecracker guest, 6.18) takes the event and
 * drops every hit.  So the probe runs one, with its own SIGTRAP handler.
 */
int os_perf_bp_probe(char *why, size_t len)
{
	struct sigaction sa = { .sa_sigaction = probe_trap,
				.sa_flags = SA_SIGINFO },
			 old;
	void (*volatile target)(void) = probe_target;
	int fd = os_perf_bp_open(0, OS_BP_X, (unsigned long)probe_target, 1,
				 (int)PROBE_DATA);

	if (fd < 0) {
		snprintf(why, len, "perf_event_open: %s", strerror(-fd));
		return fd;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTRAP, &sa, &old);
	probe_hits = 0;
	os_perf_bp_enable(fd, 1);
	target();
	os_perf_bp_enable(fd, 0);
	sigaction(SIGTRAP, &old, NULL);
	close(fd);
	if (probe_hits == 1)
		return 0;
	snprintf(
		why, len,
		"a perf breakpoint opened but %s (no debug registers in this VM?)",
		probe_hits ? "fired more than once" : "never fired");
	return -ENODEV;
}

__nmisafe unsigned long os_siginfo_perf_data(const siginfo_t *si)
{
	/* _sigfault._perf._data follows si_addr (uapi asm-generic/siginfo.h) */
	return *(const unsigned long *)((const char *)&si->si_addr +
					sizeof(void *));
}
