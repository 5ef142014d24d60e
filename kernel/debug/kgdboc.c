// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debugger's I/O driver, after drivers/tty/serial/kgdboc.c: the debug
 * port instead of a serial console.  Bytes arriving while the kernel runs
 * are gdb asking for it (Ctrl-C, or a new session's first packet): the
 * port's interrupt becomes an NMI to CPU 0, which enters the debugger
 * through kgdb_nmicallin.  --wait-gdb is kgdbwait: boot stops in
 * kgdb_breakpoint() until gdb says continue.
 */
#include <asm/cpu.h>
#include <asm/debug_port.h>
#include <asm/nmi_hw.h>
#include <linux/kernel.h>
#include <linux/kgdb.h>

static __nmisafe int kgdboc_get_char(void)
{
	int c = debug_port_getc(100);

	if (c == DEBUG_PORT_HANGUP)
		return HANGUP_CHAR;
	/* the power button: let go of the machine so that it can halt */
	if (c == DEBUG_PORT_NO_CHAR && debug_port_power_pressed()) {
		debug_port_hangup();
		return HANGUP_CHAR;
	}
	return c == DEBUG_PORT_NO_CHAR ? NO_POLL_CHAR : c;
}

static __nmisafe void kgdboc_put_char(unsigned char c)
{
	debug_port_putc(c);
}

static struct kgdb_io kgdboc_io_ops = {
	.name = "kgdboc",
	.read_char = kgdboc_get_char,
	.write_char = kgdboc_put_char,
	.flush = debug_port_flush,
	.hangup = debug_port_hangup,
	.connected = debug_port_connected,
};

/* The port's interrupt, on its own thread: break in, once. */
static int kgdboc_waiting; /* --wait-gdb: the boot breaks in by itself */

static void kgdboc_irq(void)
{
	if (READ_ONCE(kgdboc_waiting) || READ_ONCE(kgdb_active) != -1 ||
	    __atomic_exchange_n(&kgdb_break_pending, 1, __ATOMIC_ACQ_REL))
		return;
	if (apic_send_nmi(0))
		WRITE_ONCE(kgdb_break_pending, 0);
}

static int kgdboc_registered;

int kgdboc_init(int listen_fd, int wait)
{
	int err = kgdb_register_io_module(&kgdboc_io_ops);

	if (err)
		return err;
	kgdboc_registered = 1;
	err = debug_port_init(listen_fd, kgdboc_irq);
	if (err)
		return err;
	if (!wait)
		return 0;
	pr_crit("KGDB: Waiting for connection from remote gdb...\n");
	WRITE_ONCE(kgdboc_waiting, 1);
	err = debug_port_wait_connected();
	WRITE_ONCE(kgdboc_waiting, 0);
	if (!err) /* else the power button: boot goes on and halts */
		kgdb_breakpoint();
	return 0;
}

void kgdboc_exit(void)
{
	if (!kgdboc_registered)
		return;
	/* no CPU but this one runs: nothing of gdb's stays in the text */
	dbg_remove_all_break();
	if (kgdb_connected && debug_port_connected())
		gdbstub_exit(0);
	debug_port_exit();
	kgdb_unregister_io_module(&kgdboc_io_ops);
	kgdboc_registered = 0;
}
