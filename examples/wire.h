/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The example programs' wire format, shared by gssk-client, gssk-acceptor
 * and gssk-worker: every GSS token or wrapped message travels as a frame,
 * a 4-byte big-endian length and that many bytes. An empty frame ends a
 * conversation. The acceptor hands a client's connection to the worker
 * together with the gssk token (the descriptor as SCM_RIGHTS).
 */
#ifndef GSSK_EXAMPLES_WIRE_H
#define GSSK_EXAMPLES_WIRE_H

#include <stddef.h>
#include <gssapi/gssapi.h>

#define FRAME_MAX (1u << 20)

/* Send one frame. 0, or -1 with errno set. */
int frame_send(int fd, const void *data, size_t len);
/* Receive one frame into a malloc()ed buffer (free with free()). */
int frame_recv(int fd, gss_buffer_t out);

/* Send a frame with descriptor pass_fd attached. */
int frame_send_fd(int fd, const void *data, size_t len, int pass_fd);
/* Receive a frame and the descriptor attached to it (*got_fd, or -1). */
int frame_recv_fd(int fd, gss_buffer_t out, int *got_fd);

/* A listening Unix socket at path (any old one is replaced), mode 0666. */
int unix_listen(const char *path);
int unix_connect(const char *path);

#endif
