// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host signals that stand in for exceptions, after UML's
 * arch/um/os-Linux/signal.c.  Every exception signal runs one handler on
 * the CPU thread's sigaltstack (the IST).  SA_NODEFER, because a #DB or
 * #PF taken inside a #BP or #PF handler is a nested exception on x86, not
 * a blocked one; the host would otherwise kill the process.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <os.h>

static const int trap_signals[] = { SIGFPE, SIGTRAP, SIGSEGV, SIGILL, SIGBUS };
static struct sigaction saved_actions[ARRAY_SIZE(trap_signals)];
static int installed;
static struct sigaction saved_nmi_action;
static int nmi_installed;

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

__nmisafe int os_host_signal_pending(void)
{
	sigset_t set;

	if (sigpending(&set))
		return 0;
	return sigismember(&set, SIGINT) || sigismember(&set, SIGTERM);
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
	/* a kill -40 before the NMI handler exists must not kill us */
	os_block_nmi_signal();
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/*
 * Signals that a userland task sent, were it to get one through: the
 * kernel's hook says whether si_pid is a task (and logs it); those are
 * ignored, whatever they are.  Called from signal handlers.
 */
static os_task_sent_t task_sent_hook;

void os_set_task_sent_hook(os_task_sent_t hook)
{
	__atomic_store_n(&task_sent_hook, hook, __ATOMIC_RELEASE);
}

__nmisafe int os_signal_from_task(const siginfo_t *si)
{
	os_task_sent_t hook =
		__atomic_load_n(&task_sent_hook, __ATOMIC_ACQUIRE);

	if (!hook || (si->si_code != SI_USER && si->si_code != SI_QUEUE &&
		      si->si_code != SI_TKILL))
		return 0;
	return hook(si->si_signo, si->si_pid);
}

int os_wait_host_signal(long long timeout_ns)
{
	struct timespec ts;
	siginfo_t si;
	sigset_t set;
	int sig;

	host_signal_set(&set);
	ts.tv_sec = timeout_ns / 1000000000LL;
	ts.tv_nsec = timeout_ns % 1000000000LL;
	do {
		sig = timeout_ns < 0 ? sigwaitinfo(&set, &si) :
				       sigtimedwait(&set, &si, &ts);
		if (sig > 0 && os_signal_from_task(&si))
			sig = timeout_ns < 0 ? -1 : 0; /* not the button */
	} while (sig < 0 && (errno == EINTR || timeout_ns < 0));
	return sig < 0 ? 0 : sig;
}

/* The signals whose default action ends or stops vkernel, bar the button. */
static const int guarded[] = {
	SIGHUP,	 SIGQUIT,   SIGUSR1, SIGUSR2, SIGALRM, SIGSTKFLT, SIGXCPU,
	SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO,   SIGPWR,  SIGSYS,
};

static __nmisafe void guard_handler(int sig, siginfo_t *si, void *uc)
{
	/* the kernel's struct sigaction, all zero: SIG_DFL */
	unsigned long dfl[4] = { 0, 0, 0, 0 };

	(void)uc;
	if (os_signal_from_task(si))
		return;
	/* anyone else's: what the signal would have done */
	syscall(SYS_rt_sigaction, sig, dfl, NULL, _NSIG / 8);
	syscall(SYS_tgkill, os_getpid(), os_gettid(), sig);
}

/* While tasks run: their signals, had they one through, are ignored. */
void os_guard_signals(void)
{
	struct sigaction sa, old;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = guard_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(guarded); i++) {
		/* one the user ignored stays ignored */
		if (!sigaction(guarded[i], NULL, &old) &&
		    old.sa_handler == SIG_DFL)
			sigaction(guarded[i], &sa, NULL);
	}
}

void os_nmi_mask(int shut)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	pthread_sigmask(shut ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Shut the pin for a moment; returns whether it was shut already. */
__nmisafe int os_nmi_hold(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	return sigismember(&old, OS_NMI_SIGNAL);
}

__nmisafe void os_nmi_release(int was_held)
{
	sigset_t set;

	if (was_held)
		return;
	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int os_install_nmi_handler(os_trap_handler_t handler)
{
	struct sigaction sa;

	if (OS_NMI_SIGNAL < SIGRTMIN || OS_NMI_SIGNAL > SIGRTMAX)
		return -EINVAL;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	/*
	 * Realtime signals queue: without the host blocking the pin while
	 * an NMI runs, every queued one would nest at once and overflow the
	 * stack.  The simulated CPU drains the queue at each IRET instead
	 * (os_nmi_drain), collapsing it into its one-deep latch.
	 */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, OS_NMI_SIGNAL);
	if (sigaction(OS_NMI_SIGNAL, &sa, &saved_nmi_action))
		return -errno;
	nmi_installed = 1;
	/* CPU threads started from here on inherit the open pin */
	pthread_sigmask(SIG_UNBLOCK, &sa.sa_mask, NULL);
	return 0;
}

/* After halt an NMI is ignored: its default action would kill us. */
void os_restore_nmi_handler(void)
{
	struct sigaction sa;

	if (!nmi_installed)
		return;
	os_block_nmi_signal();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(OS_NMI_SIGNAL, &sa, NULL);
	nmi_installed = 0;
}

void os_block_nmi_signal(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* An NMI that arrives at the instruction this exception returns to. */
__nmisafe int os_send_nmi_after_sigreturn(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, _NSIG / 8);
	return os_send_nmi(os_gettid());
}

/* Hand an external NMI to another thread, its queued value with it. */
__nmisafe int os_forward_nmi(int tid, const siginfo_t *si)
{
	siginfo_t info;

	if (si->si_code != SI_QUEUE)
		return os_send_nmi(tid);
	memset(&info, 0, sizeof(info));
	info.si_signo = OS_NMI_SIGNAL;
	info.si_code = SI_QUEUE;
	info.si_pid = si->si_pid;
	info.si_uid = si->si_uid;
	info.si_value = si->si_value;
	return syscall(SYS_rt_tgsigqueueinfo, os_getpid(), tid, OS_NMI_SIGNAL,
		       &info) ?
		       -errno :
		       0;
}

__nmisafe int os_send_nmi(int tid)
{
	return syscall(SYS_tgkill, os_getpid(), tid, OS_NMI_SIGNAL) ? -errno :
								      0;
}

/*
 * Dequeue the NMI signals pending for this thread (and the process),
 * without waiting, at most NMI_DRAIN_MAX of them: a sender that keeps up
 * with the drain must not keep the CPU here.  kill(1)-sent ones are
 * handed to CPU 0's thread when this is another CPU; returns how many are
 * this CPU's.
 */
#define NMI_DRAIN_MAX 64

__nmisafe int os_nmi_drain(int forward_user_to_tid, int *reasons)
{
	int budget = NMI_DRAIN_MAX;
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	sigset_t set;
	int n = 0;

	sigemptyset(&set);
	sigaddset(&set, OS_NMI_SIGNAL);
	while (budget-- > 0 && syscall(SYS_rt_sigtimedwait, &set, &si, &zero,
				       _NSIG / 8) == OS_NMI_SIGNAL) {
		if (os_signal_from_task(&si))
			continue;
		/* a forward the full queue refuses stays ours: counted */
		if ((si.si_code == SI_USER || si.si_code == SI_QUEUE) &&
		    forward_user_to_tid > 0 &&
		    !os_forward_nmi(forward_user_to_tid, &si))
			continue;
		if (si.si_code == SI_QUEUE || si.si_code == SI_TIMER)
			*reasons |= si.si_value.sival_int;
		if (si.si_code == SI_QUEUE &&
		    (si.si_value.sival_int & OS_NMI_VALUE_SYSRQ))
			continue; /* a key press, not an NMI */
		n++;
	}
	return n;
}

int os_nmi_timer_create(int tid, unsigned long long period_ns, void **timer)
{
	struct sigevent sev;
	struct itimerspec its;
	timer_t *t = malloc(sizeof(*t));

	if (!t)
		return -ENOMEM;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = OS_NMI_SIGNAL;
	sev.sigev_value.sival_int = OS_NMI_VALUE_PMU;
	sev._sigev_un._tid = tid;
	if (timer_create(CLOCK_MONOTONIC, &sev, t)) {
		int err = -errno;

		free(t);
		return err;
	}
	its.it_value.tv_sec = period_ns / 1000000000ULL;
	its.it_value.tv_nsec = period_ns % 1000000000ULL;
	its.it_interval = its.it_value;
	timer_settime(*t, 0, &its, NULL);
	*timer = t;
	return 0;
}

void os_nmi_timer_delete(void *timer)
{
	if (!timer)
		return;
	timer_delete(*(timer_t *)timer);
	free(timer);
}
