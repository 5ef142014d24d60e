// SPDX-License-Identifier: GPL-2.0-only
/* The far end of the debug port's cable (see asm/debug_probe.h). */
#include <asm/debug_port.h>
#include <asm/debug_probe.h>
#include <asm/sock_rx.h>
#include <os.h>

static int probe_fd = -1;
static struct sock_rx rx;

int debug_probe_open(int listen_fd)
{
	int fd = os_sock_connect_to(listen_fd);

	if (fd < 0)
		return fd;
	probe_fd = fd;
	rx.head = rx.len = 0;
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
	return sock_rx_getc(&rx, probe_fd, timeout_ms);
}
