/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bytes from a socket through a buffer, one at a time: both ends of the
 * debug port's cable read this way (the stub's from NMI context).
 */
#ifndef _ASM_SOCK_RX_H
#define _ASM_SOCK_RX_H

#include <errno.h>
#include <asm/compiler.h>
#include <asm/debug_port.h>
#include <os.h>

struct sock_rx {
	unsigned char buf[4096];
	unsigned int head, len;
};

/* A byte, DEBUG_PORT_NO_CHAR after timeout_ms, DEBUG_PORT_HANGUP. */
static __always_inline int sock_rx_getc(struct sock_rx *r, int fd,
					int timeout_ms)
{
	long n;

	if (r->head < r->len)
		return r->buf[r->head++];
	n = os_sock_poll_in(fd, timeout_ms);
	if (n == 0)
		return DEBUG_PORT_NO_CHAR;
	n = n < 0 ? n : os_sock_recv(fd, r->buf, sizeof(r->buf));
	if (n == -EAGAIN)
		return DEBUG_PORT_NO_CHAR;
	if (n <= 0)
		return DEBUG_PORT_HANGUP;
	r->head = 1;
	r->len = (unsigned int)n;
	return r->buf[0];
}

#endif
