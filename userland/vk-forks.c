// SPDX-License-Identifier: GPL-2.0-only
/*
 * vk-forks N: a task that forks N children, all alive at once (each waits
 * on a pipe), then lets them go and reaps them.  Prints what it reaped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, forked = 0, reaped = 0;
	int fds[2];
	char c;

	if (pipe(fds))
		return 1;
	for (; forked < n; forked++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			break;
		}
		if (!pid) {
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
		}
	}
	close(fds[1]); /* every child reads EOF and exits 0 */
	for (;;) {
		int status;
		pid_t pid = wait(&status);

		if (pid < 0 && errno == ECHILD)
			break;
		if (pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status))
			reaped++;
	}
	printf("forked %d reaped %d\n", forked, reaped);
	return forked == n && reaped == n ? 0 : 1;
}
