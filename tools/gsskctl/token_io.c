// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl: reading and writing files, and the base64 form (RFC 4648) in
 * which tokens are shown by default.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "gsskctl.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

long read_all(int fd, unsigned char *buf, size_t max)
{
	size_t n = 0;

	for (;;) {
		ssize_t r;

		if (n == max) {
			char c;

			r = read(fd, &c, 1);
			if (r < 0 && errno == EINTR)
				continue;
			return r == 0 ? (long)n : -1;
		}
		r = read(fd, buf + n, max - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return (long)n;
		n += (size_t)r;
	}
}

int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

void base64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		*out++ = b64[in[i] >> 2];
		*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
		*out++ = b64[(in[i + 1] & 15) << 2 | in[i + 2] >> 6];
		*out++ = b64[in[i + 2] & 63];
	}
	if (i < n) {
		*out++ = b64[in[i] >> 2];
		if (i + 1 < n) {
			*out++ = b64[(in[i] & 3) << 4 | in[i + 1] >> 4];
			*out++ = b64[(in[i + 1] & 15) << 2];
		} else {
			*out++ = b64[(in[i] & 3) << 4];
			*out++ = '=';
		}
		*out++ = '=';
	}
	*out = '\0';
}

static int b64val(unsigned char c)
{
	const char *p = c ? strchr(b64, c) : NULL;

	return p ? (int)(p - b64) : -1;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool looks_base64(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (b64val(p[i]) < 0 && p[i] != '=' && !is_space(p[i]))
			return false;
	return true;
}

long base64_decode(const char *in, size_t len, unsigned char *out,
		   size_t max)
{
	unsigned int acc = 0, bits = 0, pad = 0, digits = 0;
	size_t n = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		int v;

		if (is_space(c))
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		v = b64val(c);
		if (v < 0 || pad)	/* no digit after padding */
			return -1;
		digits++;
		acc = (acc << 6 | (unsigned int)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n == max)
				return -1;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	/* a lone digit, extra padding, or padding that does not fit */
	if (digits % 4 == 1 || pad > 2 || (pad && (digits + pad) % 4))
		return -1;
	/* leftover bits must be zero (canonical encoding) */
	if (bits && (acc & ((1u << bits) - 1)))
		return -1;
	return (long)n;
}
