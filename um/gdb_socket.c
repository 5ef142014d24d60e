// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host end of the gdb stub's line: a listening socket (TCP or a Unix
 * socket path), the connection gdb makes, and raw byte I/O on it.  The
 * I/O runs in the stopped kernel, in signal context, so it is plain
 * system calls: poll, recv and send (MSG_NOSIGNAL: a gdb that went away
 * must not kill vkernel with SIGPIPE).
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <os.h>

static char unix_path[sizeof(((struct sockaddr_un *)0)->sun_path)];

static int listen_unix(const char *path, char *err, size_t len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	if (!*path || strlen(path) >= sizeof(a.sun_path)) {
		snprintf(err, len, "'%s' is not a usable socket path", path);
		return -EINVAL;
	}
	strcpy(a.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 1)) {
		int e = errno;

		snprintf(err, len, "cannot listen on unix:%s: %s", path,
			 strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	strcpy(unix_path, path);
	return fd;
}

/* HOST:PORT with an empty HOST meaning loopback, never "any". */
static int listen_tcp(const char *hostport, int allow_remote, char *err,
		      size_t len)
{
	const char *colon = strrchr(hostport, ':');
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICSERV };
	struct addrinfo *ai = NULL;
	char host[256];
	int fd = -1, one = 1, e;

	if (!colon || !colon[1] || (size_t)(colon - hostport) >= sizeof(host)) {
		snprintf(err, len, "'tcp:%s' is not tcp:HOST:PORT or tcp::PORT",
			 hostport);
		return -EINVAL;
	}
	memcpy(host, hostport, colon - hostport);
	host[colon - hostport] = 0;
	if (!host[0])
		strcpy(host, "127.0.0.1");
	e = getaddrinfo(host, colon + 1, &hints, &ai);
	if (e) {
		snprintf(err, len, "tcp:%s: %s", hostport, gai_strerror(e));
		return -EINVAL;
	}
	if (!allow_remote && !os_addr_is_loopback(ai->ai_addr)) {
		snprintf(
			err, len,
			"tcp:%s is not a loopback address (add --gdb-allow-remote to listen there)",
			hostport);
		freeaddrinfo(ai);
		return -EPERM;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1)) {
		e = errno;
		snprintf(err, len, "cannot listen on tcp:%s: %s", hostport,
			 strerror(e));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -e;
	}
	freeaddrinfo(ai);
	return fd;
}

int os_addr_is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	return 0;
}

int os_gdb_listen(const char *spec, int allow_remote, char *err, size_t len)
{
	if (!strncmp(spec, "tcp:", 4))
		return listen_tcp(spec + 4, allow_remote, err, len);
	if (!strncmp(spec, "unix:", 5))
		return listen_unix(spec + 5, err, len);
	snprintf(err, len, "'%s' is not tcp:HOST:PORT, tcp::PORT or unix:PATH",
		 spec);
	return -EINVAL;
}

/*
 * vkernel storm's own debugger: an abstract Unix socket, named by the
 * host (autobind), so no path is left behind and no other storm collides.
 */
int os_gdb_listen_private(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a.sun_family)) ||
	    listen(fd, 1)) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

/* The other end of the cable: a connection to the socket listen_fd listens on. */
int os_sock_connect_to(int listen_fd)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	int fd;

	if (getsockname(listen_fd, (struct sockaddr *)&a, &len))
		return -errno;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&a, len)) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

void os_gdb_unlisten(int fd)
{
	if (fd < 0)
		return;
	close(fd);
	if (unix_path[0])
		unlink(unix_path);
	unix_path[0] = 0;
}

/* A connection, or -EAGAIN when none came within timeout_ms. */
int os_sock_accept(int listen_fd, int timeout_ms)
{
	struct pollfd p = { .fd = listen_fd, .events = POLLIN };
	int fd, one = 1;

	if (poll(&p, 1, timeout_ms) <= 0)
		return -EAGAIN;
	fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* gdb's packets are small and answered one by one */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* 1: bytes or a hangup wait; 0: nothing within timeout_ms. */
__nmisafe int os_sock_poll_in(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	return n < 0 ? (errno == EINTR ? 0 : -errno) : n;
}

__nmisafe long os_sock_recv(int fd, void *buf, size_t len)
{
	long n;

	do
		n = recv(fd, buf, len, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

__nmisafe long os_sock_send(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = send(fd, (const char *)buf + done, len - done,
			      MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			os_sock_poll_out(fd, 100);
			continue;
		}
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		done += n;
	}
	return (long)done;
}

__nmisafe int os_sock_poll_out(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	return poll(&p, 1, timeout_ms);
}

__nmisafe void os_sock_shutdown(int fd)
{
	shutdown(fd, SHUT_RDWR);
}
