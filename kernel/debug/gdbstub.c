// SPDX-License-Identifier: GPL-2.0-only
/*
 * The gdb remote protocol's packets, after kernel/debug/gdbstub.c: the
 * framing, acks, escapes and hex of what goes over the debug port.  The
 * buffers are static: only the master CPU runs this, under the
 * debugger's master lock, in NMI context.  The commands are gdb_cmds.c.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/trapnr.h>
#include <asm/uaccess.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include "gdbstub.h"

static char gdbmsgbuf[BUFMAX + 1];
static struct gdb_rx rx;
int gdb_no_ack; /* QStartNoAckMode */

static const char hexchars[] = "0123456789abcdef";

enum { RX_IDLE, RX_DATA, RX_CSUM1, RX_CSUM2 };

__nmisafe void gdb_rx_init(struct gdb_rx *r, char *buf, size_t cap)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->cap = cap;
}

__nmisafe int gdb_hex(int ch)
{
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static __nmisafe enum gdb_rx_event rx_idle(struct gdb_rx *r, unsigned char c)
{
	if (c == '$') {
		r->state = RX_DATA;
		r->len = 0;
		r->sum = 0;
		r->overflow = 0;
	}
	return c == 0x03 ? GDB_RX_INTERRUPT :
	       c == '+'	 ? GDB_RX_ACK :
	       c == '-'	 ? GDB_RX_NAK :
			   GDB_RX_NONE;
}

/* One byte in; what it completed, if anything. */
__nmisafe enum gdb_rx_event gdb_rx_byte(struct gdb_rx *r, unsigned char c)
{
	int d;

	switch (r->state) {
	case RX_IDLE:
		return rx_idle(r, c);
	case RX_DATA:
		if (c == '$') /* a packet restarted: the last one was cut */
			return rx_idle(r, c);
		if (c == '#') {
			r->state = RX_CSUM1;
			return GDB_RX_NONE;
		}
		r->sum += c;
		if (r->len < r->cap)
			r->buf[r->len++] = (char)c;
		else
			r->overflow = 1;
		return GDB_RX_NONE;
	case RX_CSUM1:
		d = gdb_hex(c);
		r->want = d < 0 ? 0 : (unsigned char)(d << 4);
		r->state = d < 0 ? RX_IDLE : RX_CSUM2;
		return d < 0 ? GDB_RX_BADSUM : GDB_RX_NONE;
	default:
		d = gdb_hex(c);
		r->state = RX_IDLE;
		if (d < 0 || (unsigned char)(r->want | d) != r->sum)
			return GDB_RX_BADSUM;
		r->buf[r->len < r->cap ? r->len : r->cap - 1] = 0;
		return r->overflow ? GDB_RX_OVERFLOW : GDB_RX_PACKET;
	}
}

/* Wait for a packet: its length, -2 when too long, -1 when gdb is gone. */
__nmisafe int gdb_get_packet(char *buffer)
{
	gdb_rx_init(&rx, buffer, BUFMAX);
	for (;;) {
		int ch = dbg_io_get_char();
		enum gdb_rx_event e;

		if (ch == HANGUP_CHAR)
			return -1;
		if (ch == NO_POLL_CHAR)
			continue;
		e = gdb_rx_byte(&rx, (unsigned char)ch);
		if (e == GDB_RX_BADSUM && !gdb_no_ack) {
			dbg_io_ops->write_char('-');
			dbg_io_ops->flush();
		}
		if (e != GDB_RX_PACKET && e != GDB_RX_OVERFLOW)
			continue;
		if (!gdb_no_ack) {
			dbg_io_ops->write_char('+');
			dbg_io_ops->flush();
		}
		return e == GDB_RX_OVERFLOW ? -2 : (int)rx.len;
	}
}

static __nmisafe void put_escaped(const char *buf, int len, unsigned char *sum)
{
	int i;

	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if (c == '#' || c == '$' || c == '}' || c == '*') {
			dbg_io_ops->write_char('}');
			*sum += '}';
			c ^= 0x20;
		}
		dbg_io_ops->write_char(c);
		*sum += c;
	}
}

/* $data#cs, until gdb acks it (a few tries) or goes away. */
__nmisafe void gdb_put_packet_len(const char *buffer, int len)
{
	int tries;

	for (tries = 0; tries < 10; tries++) {
		unsigned char checksum = 0;
		int ch;

		dbg_io_ops->write_char('$');
		put_escaped(buffer, len, &checksum);
		dbg_io_ops->write_char('#');
		dbg_io_ops->write_char(hexchars[checksum >> 4]);
		dbg_io_ops->write_char(hexchars[checksum & 0xf]);
		dbg_io_ops->flush();
		if (gdb_no_ack)
			return;
		/* a Ctrl-C that raced the stop, or noise, is no answer */
		do
			ch = dbg_io_get_char();
		while (ch != '+' && ch != '-' && ch != '$' &&
		       ch != HANGUP_CHAR);
		if (ch != '-')
			return;
	}
}

__nmisafe void gdb_put_packet(const char *buffer)
{
	gdb_put_packet_len(buffer, (int)strlen(buffer));
}

__nmisafe void gdb_error_packet(char *pkt, int error)
{
	error = -error;
	pkt[0] = 'E';
	pkt[1] = hexchars[(error / 10) % 10];
	pkt[2] = hexchars[error % 10];
	pkt[3] = 0;
}

__nmisafe char *gdb_hex_byte_pack(char *buf, unsigned char byte)
{
	*buf++ = hexchars[byte >> 4];
	*buf++ = hexchars[byte & 0xf];
	return buf;
}

__nmisafe char *gdb_mem2hex(const char *mem, char *buf, int count)
{
	while (count-- > 0)
		buf = gdb_hex_byte_pack(buf, (unsigned char)*mem++);
	*buf = 0;
	return buf;
}

/* Parse hex into *val; the number of digits read. */
__nmisafe int kgdb_hex2long(char **ptr, unsigned long *val)
{
	int n = 0, d;

	*val = 0;
	while ((d = gdb_hex(**ptr)) >= 0 && n < 16) {
		*val = *val << 4 | (unsigned long)d;
		(*ptr)++;
		n++;
	}
	return n;
}

/* 'GDB messages' (monitor output): O + hex, in chunks. */
__nmisafe void gdbstub_msg_write(const char *s, int len)
{
	while (len > 0) {
		int n = len > 1000 ? 1000 : len;

		gdbmsgbuf[0] = 'O';
		gdb_mem2hex(s, gdbmsgbuf + 1, n);
		gdb_put_packet(gdbmsgbuf);
		s += n;
		len -= n;
	}
}

/* The machine halted while gdb waited for it to stop: W, the status. */
__nmisafe void gdbstub_exit(int status)
{
	char buf[4];

	if (!dbg_io_ops)
		return;
	buf[0] = 'W';
	gdb_hex_byte_pack(buf + 1, (unsigned char)status);
	buf[3] = 0;
	gdb_put_packet(buf);
}
