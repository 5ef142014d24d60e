// SPDX-License-Identifier: GPL-2.0-only
/* Host threads for CPUs and kernel threads. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <os.h>

int os_thread_create(void **handle, void *(*fn)(void *), void *arg)
{
	pthread_t *t = malloc(sizeof(*t));
	int err;

	if (!t)
		return -ENOMEM;
	err = pthread_create(t, NULL, fn, arg);
	if (err) {
		free(t);
		return -err;
	}
	*handle = t;
	return 0;
}

void os_thread_join(void *handle)
{
	pthread_t *t = handle;

	if (!t)
		return;
	pthread_join(*t, NULL);
	free(t);
}

/* "vkcpu/N": how vkernel nmi finds CPU N's thread in /proc/PID/task. */
void os_thread_set_name(const char *name)
{
	pthread_setname_np(pthread_self(), name);
}

__nmisafe int os_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

__nmisafe int os_getpid(void)
{
	return (int)syscall(SYS_getpid);
}

void os_exit_now(int status)
{
	_exit(status);
}
