/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The debug port: the simulated machine's line to a remote gdb, what a
 * serial port is to kgdboc.  Behind it is a host socket (um/gdb_socket.c).
 * While the kernel runs, the port's own thread watches the line and, when
 * gdb sends anything (a Ctrl-C, a first packet, a hangup), raises the
 * port's interrupt: the kernel answers it with an NMI.  While the kernel
 * is stopped only the debugger reads and writes, from NMI context.
 */
#ifndef _ASM_DEBUG_PORT_H
#define _ASM_DEBUG_PORT_H

#define DEBUG_PORT_NO_CHAR (-1) /* nothing within the timeout */
#define DEBUG_PORT_HANGUP (-2) /* gdb went away, or never came */

/* Take the listening socket the firmware opened; irq runs on the port's thread. */
int debug_port_init(int listen_fd, void (*irq)(void));
void debug_port_exit(void);
/* Block (normal context) until gdb connects or the power button is pressed. */
int debug_port_wait_connected(void);
int debug_port_connected(void);
int debug_port_getc(int timeout_ms);
void debug_port_putc(int c);
void debug_port_flush(void);
/* Drop the connection (detach, kill, a dead peer); the port listens again. */
void debug_port_hangup(void);
/* The power button was pressed while the debugger held the machine. */
int debug_port_power_pressed(void);

#endif
