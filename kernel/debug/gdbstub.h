/* SPDX-License-Identifier: GPL-2.0-only */
/* The gdb remote protocol's framing, apart so that a fuzzer can drive it. */
#ifndef _KERNEL_DEBUG_GDBSTUB_H
#define _KERNEL_DEBUG_GDBSTUB_H

#include <stddef.h>

/* PacketSize: a whole 'g' reply, or 8 KiB of memory, fits */
#define BUFMAX 0x4000

enum gdb_rx_event {
	GDB_RX_NONE,
	GDB_RX_PACKET, /* $...#cs with a good checksum: in buf, len bytes */
	GDB_RX_BADSUM,
	GDB_RX_OVERFLOW, /* good checksum, longer than the buffer */
	GDB_RX_INTERRUPT, /* 0x03 between packets */
	GDB_RX_ACK,
	GDB_RX_NAK,
};

struct gdb_rx {
	int state;
	unsigned char sum;
	unsigned char want;
	size_t len;
	int overflow;
	char *buf;
	size_t cap;
};

void gdb_rx_init(struct gdb_rx *rx, char *buf, size_t cap);
enum gdb_rx_event gdb_rx_byte(struct gdb_rx *rx, unsigned char c);

/* Packets over the debug port (gdbstub.c) */
extern int gdb_no_ack;
/* the length of the packet read, -1 when gdb is gone, -2 too long */
int gdb_get_packet(char *buffer);
void gdb_put_packet(const char *buffer);
void gdb_put_packet_len(const char *buffer, int len);
void gdb_error_packet(char *pkt, int error);
/* gdb_hex() is in linux/kgdb.h: the storm's debugger parses hex too */
char *gdb_hex_byte_pack(char *buf, unsigned char byte);
char *gdb_mem2hex(const char *mem, char *buf, int count);

extern const char gdb_target_xml[];
extern const unsigned long gdb_target_xml_len;

#endif
