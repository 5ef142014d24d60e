/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The far end of the debug port's cable: what a remote gdb's host would
 * hold.  vkernel storm's own debugger uses it to stop and resume the
 * machine through the real stub, the way a JTAG probe or a second
 * machine on the serial line would.  Normal context only.
 */
#ifndef _ASM_DEBUG_PROBE_H
#define _ASM_DEBUG_PROBE_H

#include <stddef.h>

/* Connect to the port listen_fd (the firmware's socket) listens on. */
int debug_probe_open(int listen_fd);
void debug_probe_close(void);
/* 0 when sent; -1 when the line is down. */
int debug_probe_send(const void *buf, size_t len);
/* One byte, DEBUG_PORT_NO_CHAR after timeout_ms, DEBUG_PORT_HANGUP. */
int debug_probe_getc(int timeout_ms);

#endif
