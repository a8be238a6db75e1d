// SPDX-License-Identifier: LGPL-2.1-or-later
/* Frames over stream sockets for the example programs (see wire.h). */
#define _GNU_SOURCE	/* accept4, SOCK_CLOEXEC, explicit_bzero */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "wire.h"

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = ECONNRESET;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int frame_send(int fd, const void *data, size_t len)
{
	uint32_t be = htonl((uint32_t)len);

	if (len > FRAME_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (write_all(fd, &be, sizeof(be)))
		return -1;
	return write_all(fd, data, len);
}

/* The body of a frame whose length word has been read. */
static int frame_body(int fd, uint32_t be, gss_buffer_t out)
{
	size_t len = ntohl(be);

	out->length = 0;
	out->value = NULL;
	if (len > FRAME_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	out->value = malloc(len ? len : 1);
	if (!out->value)
		return -1;
	if (read_all(fd, out->value, len)) {
		free(out->value);
		out->value = NULL;
		return -1;
	}
	out->length = len;
	return 0;
}

int frame_recv(int fd, gss_buffer_t out)
{
	uint32_t be;

	if (read_all(fd, &be, sizeof(be)))
		return -1;
	return frame_body(fd, be, out);
}

int frame_send_fd(int fd, const void *data, size_t len, int pass_fd)
{
	uint32_t be = htonl((uint32_t)len);
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &be, sizeof(be) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pass_fd, sizeof(int));
	/* the descriptor rides on the length word, the body follows */
	if (sendmsg(fd, &msg, 0) != sizeof(be))
		return -1;
	return write_all(fd, data, len);
}

int frame_recv_fd(int fd, gss_buffer_t out, int *got_fd)
{
	uint32_t be;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &be, sizeof(be) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;

	*got_fd = -1;
	if (recvmsg(fd, &msg, MSG_WAITALL | MSG_CMSG_CLOEXEC) != sizeof(be))
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(got_fd, CMSG_DATA(cm), sizeof(int));
	if (frame_body(fd, be, out)) {
		if (*got_fd >= 0)
			close(*got_fd);
		*got_fd = -1;
		return -1;
	}
	return 0;
}

static int unix_addr(const char *path, struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun->sun_path, path);
	return 0;
}

int unix_listen(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	if (unix_addr(path, &sun))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    chmod(path, 0666) || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

int unix_connect(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	if (unix_addr(path, &sun))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		close(fd);
		return -1;
	}
	return fd;
}
