/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the per-message selftests (gssk_message, gssk_sequence):
 * an initiator and an acceptor context loaded with the same keys, RFC 4121
 * token facts, and raw requests that name buffers by address.
 */
#ifndef GSSK_SELFTEST_MSG_UTIL_H
#define GSSK_SELFTEST_MSG_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "util.h"

/* The two ends of one context, loaded with the same key bytes. */
struct ctx_pair {
	struct test_ctx ti, ta;
	gss_ctx_id_t init, acc;
};

/*
 * Fill p: random keys (and acceptor subkey) for enctype, both ends with
 * flags; the initiator sends from i2a and expects a2i, the acceptor the
 * other way round.
 */
static inline void pair_init(struct ctx_pair *p, uint32_t enctype,
			     OM_uint32 flags, bool subkey, uint64_t endtime,
			     uint64_t i2a, uint64_t a2i)
{
	memset(p, 0, sizeof(*p));
	test_ctx_init(&p->ti, enctype, 1, flags, endtime, subkey);
	p->ti.f.send_seq = i2a;
	p->ti.f.recv_seq = a2i;
	p->ta = p->ti;
	p->ta.f.initiate = 0;
	p->ta.f.key = p->ta.key;
	p->ta.f.subkey = subkey ? p->ta.subkey : NULL;
	p->ta.f.send_seq = a2i;
	p->ta.f.recv_seq = i2a;
}

static inline OM_uint32 pair_load(struct ctx_pair *p, OM_uint32 *minor)
{
	OM_uint32 major = test_ctx_load(&p->ti, minor, &p->init);

	if (major)
		return major;
	return test_ctx_load(&p->ta, minor, &p->acc);
}

static inline void pair_free(struct ctx_pair *p)
{
	OM_uint32 minor;

	if (p->init != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &p->init, GSS_C_NO_BUFFER);
	if (p->acc != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &p->acc, GSS_C_NO_BUFFER);
}

/*
 * Checksum length of an enctype (RFC 3962: 12, RFC 8009: 16 and 24), from
 * libgssk's enctype table.
 */
static inline size_t enctype_mac_len(uint32_t enctype)
{
	const struct gssk_enctype_info *e = gssk_enctype_info(enctype);

	return e ? e->checksum_length : 12;
}

/* RFC 4121 token sizes (header 16, confounder 16, encrypted header 16). */
static inline size_t mic_len(uint32_t enctype)
{
	return 16 + enctype_mac_len(enctype);
}

static inline size_t wrap_len(uint32_t enctype, int conf, size_t len)
{
	if (conf)
		return 16 + 16 + len + 16 + enctype_mac_len(enctype);
	return 16 + len + enctype_mac_len(enctype);
}

/* SND_SEQ of an RFC 4121 token: bytes 8..15, big-endian. */
static inline uint64_t tok_seq(const void *tok, size_t len)
{
	const unsigned char *t = tok;
	uint64_t s = 0;
	int i;

	if (len < 16)
		return UINT64_MAX;
	for (i = 8; i < 16; i++)
		s = s << 8 | t[i];
	return s;
}

static inline gss_buffer_desc buf_of(const void *p, size_t len)
{
	gss_buffer_desc b = { .length = len, .value = (void *)p };

	return b;
}

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

/* ---- raw requests (the ABI below libgssk) ---- */

static inline struct gnl_msg *gnl_ctx_msg(uint8_t cmd, gss_ctx_id_t h)
{
	struct gnl_msg *m = xmalloc(sizeof(*m));
	int32_t serial = gssk_context_serial(h);

	gnl_init(m, cmd);
	gnl_put(m, GSSK_A_SERIAL, &serial, sizeof(serial));
	return m;
}

/*
 * OPEN a descriptor for the context key serial: the descriptor, or the
 * refusal's -errno (r holds the reply either way).
 */
static inline int raw_open_serial(int32_t serial, struct gnl_reply *r)
{
	uint32_t fd;
	int err = gnl_serial_cmd(GSSK_CMD_OPEN, serial, r);

	if (err)
		return err;
	if (gnl_get_u32(r, GSSK_A_FD, &fd))
		return -EBADMSG;
	return (int)fd;
}

/* Whether OPEN of serial works: 0 (and the descriptor closed) or -errno. */
static inline int raw_open_serial_quiet(int32_t serial)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	int fd = raw_open_serial(serial, r);

	free(r);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* OPEN a descriptor for a libgssk handle's context, or -errno. */
static inline int raw_open(gss_ctx_id_t h)
{
	struct gnl_reply *r = xmalloc(sizeof(*r));
	int fd = raw_open_serial(gssk_context_serial(h), r);

	free(r);
	return fd;
}

/* An operation on in (len bytes) with out (room bytes) for the result. */
static inline struct gssk_op raw_op(uint32_t code, const void *in,
				    size_t len, void *out, size_t room)
{
	struct gssk_op op = {
		.op = code,
		.in_ptr = (uint64_t)(uintptr_t)in,
		.in_len = (uint32_t)len,
		.out_ptr = (uint64_t)(uintptr_t)out,
		.out_len = (uint32_t)room,
	};

	return op;
}

/* The ioctl of an operation code. */
static inline unsigned long raw_ioc_of(uint32_t code)
{
	switch (code) {
	case GSSK_OP_GET_MIC:		return GSSK_IOC_GET_MIC;
	case GSSK_OP_VERIFY_MIC:	return GSSK_IOC_VERIFY_MIC;
	case GSSK_OP_WRAP:		return GSSK_IOC_WRAP;
	case GSSK_OP_UNWRAP:		return GSSK_IOC_UNWRAP;
	default:			return GSSK_IOC_WRAP_SIZE_LIMIT;
	}
}

/* Run op with its own ioctl: 0, or the refusal's -errno. */
static inline int raw_call(int fd, struct gssk_op *op)
{
	return ioctl(fd, raw_ioc_of(op->op), op) ? -errno : 0;
}

/* Run n operations in one GSSK_IOC_BATCH: 0 or -errno; done in *done. */
static inline int raw_batch(int fd, struct gssk_op *ops, uint32_t n,
			    uint32_t *done)
{
	struct gssk_batch b = {
		.ops_ptr = (uint64_t)(uintptr_t)ops,
		.count = n,
		.op_size = sizeof(*ops),
	};
	int err = ioctl(fd, GSSK_IOC_BATCH, &b) ? -errno : 0;

	if (done)
		*done = b.done;
	return err;
}

#endif
