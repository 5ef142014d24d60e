// SPDX-License-Identifier: GPL-2.0-only
/* Console devices and the one kind of non-CPU kernel thread vkernel has. */
#include <stdlib.h>
#include <unistd.h>
#include <asm/console.h>
#include <asm/percpu.h>
#include <os.h>

static int logfile_fd = -1;
static int console_fd = STDOUT_FILENO;

/* vkernel run: stdout belongs to the program. */
void arch_console_to_stderr(void)
{
	console_fd = STDERR_FILENO;
}

/* The firmware hands over the --log file it opened. */
void arch_console_set_logfile(int fd)
{
	logfile_fd = fd;
}

void arch_console_write(const char *s, size_t len)
{
	os_write_all(console_fd, s, len);
}

void arch_logfile_write(const char *s, size_t len)
{
	if (logfile_fd >= 0)
		os_write_all(logfile_fd, s, len);
}

struct kthread_start {
	void (*fn)(void *);
	void *arg;
};

static void *kthread_main(void *p)
{
	struct kthread_start s = *(struct kthread_start *)p;

	free(p);
	/* not CPU 0's name, which a new thread inherits */
	os_thread_set_name("vkthread");
	os_block_host_signals();
	os_block_nmi_signal();
	s.fn(s.arg);
	return NULL;
}

int arch_kthread_run(void (*fn)(void *), void *arg, void **handle)
{
	struct kthread_start *s = malloc(sizeof(*s));
	int err;

	if (!s)
		return -1;
	s->fn = fn;
	s->arg = arg;
	err = os_thread_create(handle, kthread_main, s);
	if (err)
		free(s);
	return err;
}

void arch_kthread_join(void *handle)
{
	os_thread_join(handle);
}

int arch_doorbell_create(void)
{
	return os_eventfd();
}

__nmisafe void arch_doorbell_ring(int bell)
{
	os_eventfd_signal(bell);
}

int arch_doorbell_wait(int bell, int timeout_ms)
{
	return os_eventfd_wait(bell, timeout_ms);
}

void arch_doorbell_destroy(int bell)
{
	os_close(bell);
}
