/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host interface, in the spirit of UML's arch/um/include/shared/os.h.
 * Only um/ talks to the host; arch-sim/ calls these.  Functions marked
 * __nmisafe are callable from signal context.
 */
#ifndef _UM_OS_H
#define _UM_OS_H

#include <signal.h>
#include <stddef.h>
#include <asm/compiler.h>

/* Signals: one handler receives every exception signal. */
typedef void (*os_trap_handler_t)(int sig, siginfo_t *si, void *uc);
int os_install_trap_handlers(os_trap_handler_t handler);
void os_restore_trap_handlers(void);
int os_setup_altstack(void **stack, unsigned long *size);
void os_free_altstack(void *stack, unsigned long size);
/* Block the signals the host-events thread waits for, in this thread. */
void os_block_host_signals(void);
/* The main thread, once: blocked, and default even if inherited ignored. */
void os_claim_host_signals(void);
/* Wait for SIGINT/SIGTERM up to timeout_ns (<0: forever); signo or 0. */
int os_wait_host_signal(long long timeout_ns);
/* A user-sent signal's sender is a userland task: 1, and it was logged. */
typedef int (*os_task_sent_t)(int sig, int pid);
void os_set_task_sent_hook(os_task_sent_t hook);
__nmisafe int os_signal_from_task(const siginfo_t *si);
void os_guard_signals(void);
void __attribute__((noreturn)) os_exit_now(int status);

/*
 * The NMI pin: one realtime signal, fixed for the build so that users can
 * send it with kill(1).  40 is SIGRTMIN+6 with glibc, clear of the two
 * realtime signals glibc keeps for itself.
 */
#define OS_NMI_SIGNAL 40
/* a queued value with this bit is the SysRq key, not an NMI */
#define OS_NMI_VALUE_SYSRQ 0x100
int os_install_nmi_handler(os_trap_handler_t handler);
void os_restore_nmi_handler(void);
/* Only CPU threads take the NMI signal: the others block it. */
void os_block_nmi_signal(void);
/* Shut (1) or open (0) this thread's NMI pin, outside signal context. */
void os_nmi_mask(int shut);
__nmisafe int os_nmi_hold(void);
__nmisafe void os_nmi_release(int was_held);
__nmisafe int os_send_nmi(int tid);
/* reasons: the values of queued external NMIs (platform reason bits) */
__nmisafe int os_nmi_drain(int forward_user_to_tid, int *reasons);
__nmisafe int os_forward_nmi(int tid, const siginfo_t *si);
/* A periodic timer that raises the NMI pin of thread tid with a value. */
#define OS_NMI_VALUE_PMU 0x200
int os_nmi_timer_create(int tid, unsigned long long period_ns, void **timer);
void os_nmi_timer_delete(void *timer);
/* From an exception handler: the NMI lands where its IRET returns. */
__nmisafe int os_send_nmi_after_sigreturn(void);

/* Threads */
int os_thread_create(void **handle, void *(*fn)(void *), void *arg);
void os_thread_join(void *handle);
void os_thread_set_name(const char *name);
__nmisafe int os_gettid(void);
__nmisafe int os_getpid(void);

/* Time */
__nmisafe unsigned long long os_nsecs(void);
__nmisafe void os_sleep_ns(unsigned long long ns);

/* Memory */
void *os_map_none(unsigned long size);
void os_unmap(void *addr, unsigned long size);
__nmisafe int os_protect_rw(unsigned long addr, unsigned long size);
__nmisafe int os_protect_none(unsigned long addr, unsigned long size);
__nmisafe long os_read_nofault(void *dst, const void *src, size_t size);
__nmisafe long os_write_nofault(void *dst, const void *src, size_t size);
int os_text_poke_init(void);
__nmisafe long os_text_poke(void *addr, const void *src, size_t len);

/* File descriptors */
__nmisafe long os_write_all(int fd, const char *buf, size_t len);
int os_open_append(const char *path);
void os_close(int fd);
int os_eventfd(void);
__nmisafe void os_eventfd_signal(int fd);
int os_eventfd_wait(int fd, int timeout_ms);

/* The gdb stub's line (gdb_socket.c): spec tcp:HOST:PORT or unix:PATH */
struct sockaddr;
int os_gdb_listen(const char *spec, int allow_remote, char *err, size_t len);
void os_gdb_unlisten(int fd);
int os_gdb_listen_private(void);
int os_sock_connect_to(int listen_fd);
int os_addr_is_loopback(const struct sockaddr *sa);
int os_sock_accept(int listen_fd, int timeout_ms);
__nmisafe int os_sock_poll_in(int fd, int timeout_ms);
__nmisafe int os_sock_poll_out(int fd, int timeout_ms);
__nmisafe long os_sock_recv(int fd, void *buf, size_t len);
__nmisafe long os_sock_send(int fd, const void *buf, size_t len);
__nmisafe void os_sock_shutdown(int fd);
/* SIGINT or SIGTERM (the power button) is waiting for CPU 0 */
__nmisafe int os_host_signal_pending(void);

/* The running image's symbol table, via libelf. */
struct os_symbol {
	unsigned long addr;
	unsigned long size;
	unsigned long name; /* offset into the string table */
};
int os_read_image_symbols(struct os_symbol **syms, unsigned long *nr,
			  char **strtab, unsigned long *load_bias);

/* Hardware breakpoints through perf_event_open(PERF_TYPE_BREAKPOINT). */
enum os_bp_type { OS_BP_X, OS_BP_W, OS_BP_RW };
int os_perf_bp_probe(char *why, size_t len);
__nmisafe int os_perf_bp_open(int tid, enum os_bp_type type, unsigned long addr,
			      int len, int slot);
__nmisafe int os_perf_bp_modify(int fd, enum os_bp_type type,
				unsigned long addr, int len, int slot);
__nmisafe int os_perf_bp_enable(int fd, int on);
__nmisafe void os_perf_bp_close(int fd);

/* Debug registers through a ptrace helper process (u_debugreg). */
int os_dr_helper_start(char *why, size_t len);
void os_dr_helper_stop(void);
__nmisafe int os_dr_helper_set(int tid, const unsigned long dr[4],
			       unsigned long dr7);
__nmisafe long os_dr_helper_get_dr6(int tid);

/* Decoding a host signal (see arch-sim/decode.c) */
#define OS_TRAP_PERF 6 /* si_code TRAP_PERF, newer than glibc 2.36 */
__nmisafe unsigned long os_siginfo_perf_data(const siginfo_t *si);

#endif
