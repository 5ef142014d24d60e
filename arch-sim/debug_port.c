// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debug port (see asm/debug_port.h).  One connection at a time.  The
 * port thread owns accept() and close(); the debugger owns recv() and
 * send() while the kernel is stopped.  A hangup is a flag the debugger
 * sets after shutdown(), so the descriptor is never closed under it.
 */
#include <errno.h>
#include <asm/compiler.h>
#include <asm/debug_port.h>
#include <asm/sock_rx.h>
#include <os.h>

static int listen_fd = -1;
static int conn_fd = -1;
static int conn_gone;
static int port_stop;
static void *port_thread;
static void (*port_irq)(void);

static struct sock_rx rx;
static char tx_buf[4096];
static unsigned int tx_len;

static void port_close_conn(void)
{
	int fd = __atomic_exchange_n(&conn_fd, -1, __ATOMIC_ACQ_REL);

	os_close(fd);
	WRITE_ONCE(conn_gone, 0);
}

/*
 * Bytes waiting while the kernel runs are gdb asking for it: a Ctrl-C,
 * or the first packet of a new session.  irq() ignores repeats while its
 * NMI is on the way or the debugger holds the machine.
 */
static void *port_thread_fn(void *arg)
{
	(void)arg;
	os_block_host_signals();
	os_thread_set_name("vkdebugport");
	while (!READ_ONCE(port_stop)) {
		int fd = READ_ONCE(conn_fd);

		if (fd < 0) {
			fd = os_sock_accept(listen_fd, 100);
			if (fd >= 0) {
				rx.head = rx.len = 0;
				WRITE_ONCE(conn_fd, fd);
			}
			continue;
		}
		if (READ_ONCE(conn_gone)) {
			port_close_conn();
			continue;
		}
		if (os_sock_poll_in(fd, 50) > 0) {
			port_irq();
			os_sleep_ns(20000000ULL);
		}
	}
	return NULL;
}

int debug_port_init(int fd, void (*irq)(void))
{
	listen_fd = fd;
	port_irq = irq;
	return os_thread_create(&port_thread, port_thread_fn, NULL);
}

void debug_port_exit(void)
{
	if (!port_thread)
		return;
	WRITE_ONCE(port_stop, 1);
	os_thread_join(port_thread);
	port_thread = NULL;
	port_close_conn();
}

int debug_port_wait_connected(void)
{
	while (!debug_port_connected()) {
		if (os_host_signal_pending())
			return -EINTR;
		os_sleep_ns(10000000ULL);
	}
	return 0;
}

__nmisafe int debug_port_connected(void)
{
	return READ_ONCE(conn_fd) >= 0 && !READ_ONCE(conn_gone);
}

__nmisafe void debug_port_hangup(void)
{
	int fd = READ_ONCE(conn_fd);

	tx_len = 0;
	rx.head = rx.len = 0;
	if (fd >= 0 && !READ_ONCE(conn_gone)) {
		os_sock_shutdown(fd);
		WRITE_ONCE(conn_gone, 1);
	}
}

__nmisafe int debug_port_power_pressed(void)
{
	return os_host_signal_pending();
}

__nmisafe int debug_port_getc(int timeout_ms)
{
	int fd = READ_ONCE(conn_fd), c;

	if (rx.head == rx.len && (fd < 0 || READ_ONCE(conn_gone)))
		return DEBUG_PORT_HANGUP;
	c = sock_rx_getc(&rx, fd, timeout_ms);
	if (c == DEBUG_PORT_HANGUP)
		debug_port_hangup();
	return c;
}

__nmisafe void debug_port_flush(void)
{
	int fd = READ_ONCE(conn_fd);

	if (tx_len && fd >= 0 && !READ_ONCE(conn_gone) &&
	    os_sock_send(fd, tx_buf, tx_len) < 0)
		debug_port_hangup();
	tx_len = 0;
}

__nmisafe void debug_port_putc(int c)
{
	if (tx_len == sizeof(tx_buf))
		debug_port_flush();
	tx_buf[tx_len++] = (char)c;
}
