// SPDX-License-Identifier: GPL-2.0
/*
 * A Kerberos GSS-API peer for the gssk_krb5 selftest: a plain MIT krb5 or
 * Heimdal context (the same source is built against each, as
 * krb5_peer_mit and krb5_peer_heimdal), driven by the test over the stream
 * socket on fd 3.
 *
 * Usage: krb5_peer ENCTYPE initiate SERVICE | krb5_peer ENCTYPE accept
 *
 * It establishes a context with the test (as initiator of SERVICE with the
 * default ccache, or as acceptor with the default keytab; Kerberos enctype
 * ENCTYPE only), then runs the
 * test's commands (wire.h) on it until 'Q' or EOF: each one is one GSS-API
 * call whose major and minor status, conf_state, qop and output go back
 * unchanged, so the test asserts on what this library really did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wire.h"

static int reply(int fd, OM_uint32 major, OM_uint32 minor, int conf_state,
		 gss_qop_t qop, const void *data, size_t len)
{
	unsigned char hdr[WIRE_REPLY_LEN];

	wire_put32(hdr, major);
	wire_put32(hdr + 4, minor);
	wire_put32(hdr + 8, conf_state);
	wire_put32(hdr + 12, qop);
	return wire_send2(fd, hdr, sizeof(hdr), data, len);
}

static int serve(int fd, gss_ctx_id_t ctx)
{
	for (;;) {
		gss_buffer_desc in, in2, out = GSS_C_EMPTY_BUFFER;
		OM_uint32 major, minor = 0, tmp;
		int conf_state = 0, rc;
		gss_qop_t qop = 0;
		unsigned char *buf;
		size_t len;

		if (wire_recv(fd, &buf, &len))
			return 0; /* EOF: the test is gone */
		if (!len) {
			free(buf);
			return 1;
		}
		in.value = buf + 1;
		in.length = len - 1;
		switch (buf[0]) {
		case 'W':
			if (!in.length) {
				free(buf);
				return 1;
			}
			in.value = buf + 2;
			in.length = len - 2;
			major = gss_wrap(&minor, ctx, buf[1], GSS_C_QOP_DEFAULT,
					 &in, &conf_state, &out);
			break;
		case 'U':
			major = gss_unwrap(&minor, ctx, &in, &out, &conf_state,
					   &qop);
			break;
		case 'M':
			major = gss_get_mic(&minor, ctx, GSS_C_QOP_DEFAULT, &in,
					    &out);
			break;
		case 'V': {
			size_t mlen;

			mlen = len < 5 ? 0 : wire_get32(buf + 1);
			if (len < 5 || mlen > len - 5) {
				free(buf);
				return 1;
			}
			in.value = buf + 5;
			in.length = mlen;
			in2.value = buf + 5 + mlen;
			in2.length = len - 5 - mlen;
			major = gss_verify_mic(&minor, ctx, &in, &in2, &qop);
			break;
		}
		case 'Q':
			free(buf);
			gss_delete_sec_context(&tmp, &ctx, GSS_C_NO_BUFFER);
			return 0;
		default:
			fprintf(stderr, "krb5_peer: unknown command %#x\n",
				buf[0]);
			free(buf);
			return 1;
		}
		rc = reply(fd, major, minor, conf_state, qop, out.value,
			   GSS_ERROR(major) ? 0 : out.length);
		if (out.value)
			gss_release_buffer(&tmp, &out);
		free(buf);
		if (rc)
			return 1;
	}
}

int main(int argc, char **argv)
{
	gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0, flags;
	const char *where = "";
	int initiate;

	if (argc == 4 && !strcmp(argv[2], "initiate")) {
		initiate = 1;
	} else if (argc == 3 && !strcmp(argv[2], "accept")) {
		initiate = 0;
	} else {
		fprintf(stderr,
			"usage: %s ENCTYPE initiate SERVICE | ENCTYPE accept\n",
			argv[0]);
		return 2;
	}
	major = wire_establish(WIRE_PEER_FD, initiate, argv[3],
			       atoi(argv[1]), &ctx, &minor, &flags, &where);
	if (major != GSS_S_COMPLETE) {
		fprintf(stderr, "%s: %s: major %#x minor %#x\n", argv[0],
			where, major, minor);
		return 1;
	}
	return serve(WIRE_PEER_FD, ctx);
}
