/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wire between the gssk_krb5 selftest and its Kerberos peers
 * (krb5_peer_mit, krb5_peer_heimdal): length-prefixed frames on a stream
 * socket, the GSS-API context establishment loop, and the peer's
 * commands. Plain RFC 2744 calls only, so the same source builds against
 * MIT's and Heimdal's <gssapi/gssapi.h>.
 */
#ifndef GSSK_SELFTEST_KRB5_WIRE_H
#define GSSK_SELFTEST_KRB5_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <gssapi/gssapi.h>

/* The peer's end of the socket, in the peer process. */
#define WIRE_PEER_FD	3

/* Largest frame: a 1 MiB message plus its token, with room to spare. */
#define WIRE_MAX	(8u << 20)

/* Flags both sides ask for. */
#define WIRE_FLAGS	(GSS_C_MUTUAL_FLAG | GSS_C_REPLAY_FLAG | \
			 GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | \
			 GSS_C_INTEG_FLAG)

/*
 * Commands (first byte of a request) and their payloads. Every reply
 * starts with struct wire_reply (big-endian fields), then the data.
 *   'W' conf(1) message   gss_wrap        -> token
 *   'U' token             gss_unwrap      -> message
 *   'M' message           gss_get_mic     -> token
 *   'V' len(4) msg token  gss_verify_mic  -> nothing
 *   'Q'                   delete the context and exit 0 (no reply)
 */
struct wire_reply {
	uint32_t major, minor, conf_state, qop;
};
#define WIRE_REPLY_LEN	16

/* Send one frame (len bytes); 0 or -1. */
int wire_send(int fd, const void *buf, size_t len);
/* Send header + data as one frame. */
int wire_send2(int fd, const void *a, size_t alen, const void *b, size_t blen);
/* Receive one frame into a malloc'ed buffer (*buf, *len); 0 or -1. */
int wire_recv(int fd, unsigned char **buf, size_t *len);

void wire_put32(unsigned char *p, uint32_t v);
uint32_t wire_get32(const unsigned char *p);

/*
 * Establish a context over fd: the initiator (initiate != 0) targets
 * service, a Kerberos principal name such as "gssk-e18/localhost@GSSK.TEST",
 * with the default credentials; the acceptor uses the default keytab.
 * Both sides allow only the Kerberos enctype given.
 * Returns GSS_S_COMPLETE or the failing major status (*where names the
 * call); *ret_flags gets the context flags.
 */
OM_uint32 wire_establish(int fd, int initiate, const char *service,
			 int32_t enctype, gss_ctx_id_t *ctx, OM_uint32 *minor,
			 OM_uint32 *ret_flags, const char **where);

#endif
