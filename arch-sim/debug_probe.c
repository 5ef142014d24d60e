// SPDX-License-Identifier: GPL-2.0-only
/* The far end of the debug port's cable (see asm/debug_probe.h). */
#include <errno.h>
#include <asm/debug_port.h>
#include <asm/debug_probe.h>
#include <os.h>

static int probe_fd = -1;
static unsigned char rx[512];
static unsigned int rx_head, rx_len;

int debug_probe_open(int listen_fd)
{
	int fd = os_sock_connect_to(listen_fd);

	if (fd < 0)
		return fd;
	probe_fd = fd;
	rx_head = rx_len = 0;
	return 0;
}

void debug_probe_close(void)
{
	os_close(probe_fd);
	probe_fd = -1;
}

int debug_probe_send(const void *buf, size_t len)
{
	return os_sock_send(probe_fd, buf, len) == (long)len ? 0 : -1;
}

int debug_probe_getc(int timeout_ms)
{
	long n;

	if (rx_head < rx_len)
		return rx[rx_head++];
	if (os_sock_poll_in(probe_fd, timeout_ms) <= 0)
		return DEBUG_PORT_NO_CHAR;
	n = os_sock_recv(probe_fd, rx, sizeof(rx));
	if (n == -EAGAIN || n == -EINTR)
		return DEBUG_PORT_NO_CHAR;
	if (n <= 0)
		return DEBUG_PORT_HANGUP;
	rx_head = 1;
	rx_len = (unsigned int)n;
	return rx[0];
}
