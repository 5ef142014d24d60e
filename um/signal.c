// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host signals that stand in for exceptions, after UML's
 * arch/um/os-Linux/signal.c.  Every exception signal runs one handler on
 * the CPU thread's sigaltstack (the IST).  SA_NODEFER, because a #DB or
 * #PF taken inside a #BP or #PF handler is a nested exception on x86, not
 * a blocked one; the host would otherwise kill the process.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <os.h>

static const int trap_signals[] = { SIGFPE, SIGTRAP, SIGSEGV, SIGILL, SIGBUS };
static struct sigaction saved_actions[ARRAY_SIZE(trap_signals)];
static int installed;

int os_install_trap_handlers(os_trap_handler_t handler)
{
	struct sigaction sa;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(trap_signals); i++) {
		if (sigaction(trap_signals[i], &sa, &saved_actions[i]))
			return -errno;
	}
	installed = 1;
	return 0;
}

void os_restore_trap_handlers(void)
{
	unsigned int i;

	if (!installed)
		return;
	for (i = 0; i < ARRAY_SIZE(trap_signals); i++)
		sigaction(trap_signals[i], &saved_actions[i], NULL);
	installed = 0;
}

/* A guard page below the stack turns an overflow into a clean crash. */
int os_setup_altstack(void **stack, unsigned long *size)
{
	unsigned long sz = 256 * 1024;
	unsigned long guard = 4096;
	stack_t ss;
	char *p;

	p = mmap(NULL, sz + guard, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	mprotect(p, guard, PROT_NONE);
	ss.ss_sp = p + guard;
	ss.ss_size = sz;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL)) {
		int err = -errno;

		munmap(p, sz + guard);
		return err;
	}
	*stack = p;
	*size = sz + guard;
	return 0;
}

void os_free_altstack(void *stack, unsigned long size)
{
	stack_t ss = { .ss_flags = SS_DISABLE };

	sigaltstack(&ss, NULL);
	if (stack)
		munmap(stack, size);
}

static void host_signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

void os_block_host_signals(void)
{
	sigset_t set;

	host_signal_set(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/*
 * The machine owns SIGINT/SIGTERM: blocked first, then their disposition
 * reset, because a background job of a non-interactive shell inherits
 * SIGINT ignored, and an ignored signal is never waited for.
 */
void os_claim_host_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	os_block_host_signals();
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int os_wait_host_signal(long long timeout_ns)
{
	struct timespec ts;
	sigset_t set;
	int sig;

	host_signal_set(&set);
	if (timeout_ns < 0) {
		do
			sig = sigwaitinfo(&set, NULL);
		while (sig < 0 && errno == EINTR);
		return sig < 0 ? 0 : sig;
	}
	ts.tv_sec = timeout_ns / 1000000000LL;
	ts.tv_nsec = timeout_ns % 1000000000LL;
	do
		sig = sigtimedwait(&set, NULL, &ts);
	while (sig < 0 && errno == EINTR);
	return sig < 0 ? 0 : sig;
}
