// SPDX-License-Identifier: GPL-2.0
/*
 * Frames and context establishment for the gssk_krb5 selftest and its
 * peers (see wire.h). Built once against MIT krb5 and once against
 * Heimdal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gssapi/gssapi_krb5.h>
#include "wire.h"

void wire_put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

uint32_t wire_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

int wire_send2(int fd, const void *a, size_t alen, const void *b, size_t blen)
{
	unsigned char hdr[4];

	if (alen + blen > WIRE_MAX)
		return -1;
	wire_put32(hdr, alen + blen);
	if (write_all(fd, hdr, 4) || write_all(fd, a, alen) ||
	    write_all(fd, b, blen))
		return -1;
	return 0;
}

int wire_send(int fd, const void *buf, size_t len)
{
	return wire_send2(fd, buf, len, NULL, 0);
}

int wire_recv(int fd, unsigned char **buf, size_t *len)
{
	unsigned char hdr[4];
	uint32_t n;

	*buf = NULL;
	*len = 0;
	if (read_all(fd, hdr, 4))
		return -1;
	n = wire_get32(hdr);
	if (n > WIRE_MAX)
		return -1;
	*buf = malloc(n ? n : 1);
	if (!*buf)
		return -1;
	if (read_all(fd, *buf, n)) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	*len = n;
	return 0;
}

/*
 * GSS_KRB5_NT_PRINCIPAL_NAME, 1.2.840.113554.1.2.2.1, spelt out so that
 * the same source builds with MIT's and Heimdal's headers.
 */
static gss_OID_desc krb5_nt_principal = {
	10, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02\x01"
};

/* The krb5 mechanism, 1.2.840.113554.1.2.2. */
static gss_OID_desc krb5_mech = {
	9, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02"
};
static gss_OID_set_desc krb5_mechs = { 1, &krb5_mech };

OM_uint32 wire_establish(int fd, int initiate, const char *service,
			 int32_t enctype, gss_ctx_id_t *ctx, OM_uint32 *minor,
			 OM_uint32 *ret_flags, const char **where)
{
	gss_buffer_desc in = GSS_C_EMPTY_BUFFER, out = GSS_C_EMPTY_BUFFER;
	gss_cred_id_t cred = GSS_C_NO_CREDENTIAL;
	gss_name_t target = GSS_C_NO_NAME;
	OM_uint32 major, tmp;
	unsigned char *buf = NULL;
	size_t len;

	*ctx = GSS_C_NO_CONTEXT;
	*ret_flags = 0;
	/*
	 * Only enctype: for the service ticket's session key (initiator)
	 * and for the acceptor subkey, which RFC 4537 negotiation would
	 * otherwise make the strongest enctype both sides know.
	 */
	*where = "gss_acquire_cred";
	major = gss_acquire_cred(minor, GSS_C_NO_NAME, GSS_C_INDEFINITE,
				 &krb5_mechs,
				 initiate ? GSS_C_INITIATE : GSS_C_ACCEPT,
				 &cred, NULL, NULL);
	if (GSS_ERROR(major))
		return major;
	*where = "gss_krb5_set_allowable_enctypes";
	major = gss_krb5_set_allowable_enctypes(minor, cred, 1, &enctype);
	if (GSS_ERROR(major))
		goto out;
	if (initiate) {
		gss_buffer_desc nb;

		nb.value = (void *)service;
		nb.length = strlen(service);
		*where = "gss_import_name";
		major = gss_import_name(minor, &nb, &krb5_nt_principal,
					&target);
		if (GSS_ERROR(major))
			goto out;
	}
	for (;;) {
		if (initiate) {
			*where = "gss_init_sec_context";
			major = gss_init_sec_context(minor, cred, ctx,
						     target, &krb5_mech,
						     WIRE_FLAGS, 0,
						     GSS_C_NO_CHANNEL_BINDINGS,
						     &in, NULL, &out,
						     ret_flags, NULL);
		} else {
			*where = "wire_recv";
			if (wire_recv(fd, &buf, &len)) {
				major = GSS_S_FAILURE;
				break;
			}
			in.value = buf;
			in.length = len;
			*where = "gss_accept_sec_context";
			major = gss_accept_sec_context(minor, ctx, cred,
						       &in,
						       GSS_C_NO_CHANNEL_BINDINGS,
						       NULL, NULL, &out,
						       ret_flags, NULL, NULL);
		}
		free(buf);
		buf = NULL;
		in.value = NULL;
		in.length = 0;
		if (out.length) {
			if (wire_send(fd, out.value, out.length)) {
				gss_release_buffer(&tmp, &out);
				*where = "wire_send";
				major = GSS_S_FAILURE;
				break;
			}
			gss_release_buffer(&tmp, &out);
		}
		if (GSS_ERROR(major) || major == GSS_S_COMPLETE)
			break;
		/*
		 * CONTINUE_NEEDED: the initiator reads the next token here,
		 * the acceptor at the top of the loop.
		 */
		if (initiate) {
			*where = "wire_recv";
			if (wire_recv(fd, &buf, &len)) {
				major = GSS_S_FAILURE;
				break;
			}
			in.value = buf;
			in.length = len;
		}
	}
out:
	if (target != GSS_C_NO_NAME)
		gss_release_name(&tmp, &target);
	gss_release_cred(&tmp, &cred);
	if (GSS_ERROR(major) && *ctx != GSS_C_NO_CONTEXT)
		gss_delete_sec_context(&tmp, ctx, GSS_C_NO_BUFFER);
	return major;
}
