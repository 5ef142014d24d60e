// SPDX-License-Identifier: GPL-2.0-only
/*
 * The storm benchmark's baseline: how many realtime signals per second a
 * thread with an empty handler takes when another thread sends them with
 * tgkill as fast as it can (the host's cost of an NMI, with nothing
 * simulated).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static volatile unsigned long handled;
static volatile int stop, target_tid;

static void on_sig(int sig)
{
	(void)sig;
	handled++;
}

static void *receiver(void *arg)
{
	(void)arg;
	target_tid = (int)syscall(SYS_gettid);
	while (!stop)
		;
	return NULL;
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 2;
	struct timespec t0, t;
	pthread_t th;

	signal(SIGRTMIN + 6, on_sig);
	pthread_create(&th, NULL, receiver, NULL);
	while (!target_tid)
		;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		syscall(SYS_tgkill, getpid(), target_tid, SIGRTMIN + 6);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < secs);
	stop = 1;
	pthread_join(th, NULL);
	printf("%lu\n", handled / secs);
	return 0;
}
