// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-message calls: gssk_get_mic(), gssk_verify_mic(), gssk_wrap(),
 * gssk_unwrap() and gssk_wrap_size_limit(), with RFC 2744's parameters.
 *
 * Messages and wrap tokens are not copied into the netlink request: the
 * request carries the address and length of the caller's buffer
 * (GSSK_A_IN_PTR/IN_LEN) and of an output buffer that libgssk allocates
 * (GSSK_A_OUT_PTR/OUT_LEN); the kernel copies from and to them while it
 * handles the request in this thread. Only the small MIC token travels in
 * the message itself.
 *
 * Received tokens: the kernel's reply carries the supplementary status bits
 * (GSS_S_DUPLICATE_TOKEN, OLD_TOKEN, UNSEQ_TOKEN, GAP_TOKEN) in
 * GSSK_A_MAJOR; they are returned in the major status of a call that
 * succeeded, with its output, as RFC 2744 does.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "internal.h"

/* Largest UNWRAP input the kernel takes. */
#define WRAP_TOKEN_MAX	((size_t)GSSK_MSG_MAX + GSSK_WRAP_OVERHEAD_MAX)

/* ---- argument checks ---- */

static OM_uint32 bad_handle(OM_uint32 *minor, gss_ctx_id_t handle)
{
	if (handle == GSS_C_NO_CONTEXT)
		return GSS_S_CALL_INACCESSIBLE_READ | GSS_S_NO_CONTEXT;
	*minor = GSSK_MINOR_INVALID_HANDLE;
	gsskp_set_error("the context handle is not a live libgssk handle");
	return GSS_S_NO_CONTEXT;
}

/* An input buffer must exist and have a value unless it is empty. */
static bool readable(const gss_buffer_t buf)
{
	return buf != GSS_C_NO_BUFFER && (buf->length == 0 || buf->value);
}

static OM_uint32 too_long(OM_uint32 *minor, const char *what, size_t max)
{
	*minor = GSSK_MINOR_MESSAGE_TOO_LONG;
	gsskp_set_error("%s longer than %zu bytes", what, max);
	return GSS_S_FAILURE;
}

static OM_uint32 no_memory(OM_uint32 *minor)
{
	*minor = GSSK_MINOR_NO_MEMORY;
	gsskp_set_error("out of memory");
	return GSS_S_FAILURE;
}

static OM_uint32 bad_reply(OM_uint32 *minor, const char *what)
{
	*minor = GSSK_MINOR_BAD_REPLY;
	gsskp_set_error("the gssk module's reply lacks %s", what);
	return GSS_S_FAILURE;
}

/* ---- requests ---- */

static struct nl_msg *request(uint8_t cmd, int32_t serial)
{
	struct nl_msg *msg = gsskp_msg_new(cmd);

	if (msg && nla_put_s32(msg, GSSK_A_SERIAL, serial) < 0) {
		gsskp_msg_free(msg);
		return NULL;
	}
	return msg;
}

static int put_in(struct nl_msg *msg, const void *p, size_t len)
{
	if (nla_put_u64(msg, GSSK_A_IN_PTR, (uint64_t)(uintptr_t)p) < 0 ||
	    nla_put_u32(msg, GSSK_A_IN_LEN, (uint32_t)len) < 0)
		return -1;
	return 0;
}

static int put_out(struct nl_msg *msg, void *p, size_t room)
{
	if (nla_put_u64(msg, GSSK_A_OUT_PTR, (uint64_t)(uintptr_t)p) < 0 ||
	    nla_put_u32(msg, GSSK_A_OUT_LEN, (uint32_t)room) < 0)
		return -1;
	return 0;
}

/* The buffer named by the request's PTR and LEN attributes, if any. */
static bool request_buffer(struct nl_msg *msg, int ptr_type, int len_type,
			   volatile unsigned char **p, size_t *len)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *ptr = nlmsg_find_attr(nlh, GENL_HDRLEN, ptr_type);
	struct nlattr *n = nlmsg_find_attr(nlh, GENL_HDRLEN, len_type);

	if (!ptr || !n)
		return false;
	*p = (volatile unsigned char *)(uintptr_t)nla_get_u64(ptr);
	*len = nla_get_u32(n);
	return *len > 0;
}

/*
 * The kernel copies messages without taking page faults (a stalled fault
 * must not hold generic netlink's lock; see <linux/gssk.h>), so every page
 * of the buffers is brought in here first: read for the input, written for
 * the output (a buffer libgssk allocated).
 */
static void fault_in(struct nl_msg *msg)
{
	long page = sysconf(_SC_PAGESIZE);
	volatile unsigned char *p;
	size_t len, off;

	if (page <= 0)
		page = 4096;
	if (request_buffer(msg, GSSK_A_IN_PTR, GSSK_A_IN_LEN, &p, &len)) {
		for (off = 0; off < len; off += (size_t)page)
			(void)p[off];
		(void)p[len - 1];
	}
	if (request_buffer(msg, GSSK_A_OUT_PTR, GSSK_A_OUT_LEN, &p, &len)) {
		for (off = 0; off < len; off += (size_t)page)
			p[off] = 0;
		p[len - 1] = 0;
	}
}

/* Tries of a request whose pages were taken back before the kernel read. */
#define FAULT_IN_TRIES	3

static OM_uint32 send_request(OM_uint32 *minor, struct nl_msg *msg,
			      gsskp_reply_fn reply, void *arg)
{
	OM_uint32 major;
	int tries;

	if (!msg) {
		*minor = GSSK_MINOR_NO_MEMORY;
		gsskp_set_error("cannot build a netlink message");
		return GSS_S_FAILURE;
	}
	for (tries = 1; ; tries++) {
		fault_in(msg);
		major = gsskp_transact(minor, msg, reply, arg);
		if (major != GSS_S_FAILURE ||
		    *minor != GSSK_MINOR_BAD_ADDRESS || tries == FAULT_IN_TRIES)
			break;
	}
	gsskp_msg_free(msg);
	return major;
}

/* ---- replies ---- */

struct msg_reply {
	const void *token;	/* GET_MIC: into the reply, copied at once */
	gss_buffer_t token_out;
	uint32_t out_len;	/* WRAP, UNWRAP */
	uint32_t out_room;
	int conf_state;
	uint32_t supp;		/* VERIFY_MIC, UNWRAP: supplementary bits */
	uint32_t max_input;	/* WRAP_SIZE_LIMIT */
};

static bool u32_attr(struct nlattr *a, uint32_t *out)
{
	if (!a || nla_len(a) != sizeof(uint32_t))
		return false;
	*out = nla_get_u32(a);
	return true;
}

static OM_uint32 reply_mic(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	struct msg_reply *r = arg;
	struct nlattr *t = tb[GSSK_A_TOKEN];

	if (!t || nla_len(t) <= 0)
		return bad_reply(minor, "the MIC token");
	if (gsskp_buffer_set(r->token_out, nla_data(t), (size_t)nla_len(t)))
		return no_memory(minor);
	return GSS_S_COMPLETE;
}

/* The supplementary bits of a reply to a received token. */
static OM_uint32 reply_supp(OM_uint32 *minor, struct nlattr **tb,
			    struct msg_reply *r)
{
	if (!u32_attr(tb[GSSK_A_MAJOR], &r->supp))
		return bad_reply(minor, "the status");
	if (r->supp & ~GSS_C_SUPPLEMENTARY_MASK)
		return bad_reply(minor, "a valid supplementary status");
	return GSS_S_COMPLETE;
}

static OM_uint32 reply_verify(OM_uint32 *minor, struct nlattr **tb,
			      void *arg)
{
	return reply_supp(minor, tb, arg);
}

static OM_uint32 reply_out(OM_uint32 *minor, struct nlattr **tb,
			   struct msg_reply *r)
{
	struct nlattr *c = tb[GSSK_A_CONF_STATE];

	if (!u32_attr(tb[GSSK_A_OUT_LEN], &r->out_len) ||
	    r->out_len > r->out_room)
		return bad_reply(minor, "a valid output length");
	if (!c || nla_len(c) != sizeof(uint8_t))
		return bad_reply(minor, "the confidentiality state");
	r->conf_state = nla_get_u8(c) != 0;
	return GSS_S_COMPLETE;
}

static OM_uint32 reply_wrap(OM_uint32 *minor, struct nlattr **tb, void *arg)
{
	return reply_out(minor, tb, arg);
}

static OM_uint32 reply_unwrap(OM_uint32 *minor, struct nlattr **tb,
			      void *arg)
{
	OM_uint32 major = reply_out(minor, tb, arg);

	if (major)
		return major;
	return reply_supp(minor, tb, arg);
}

static OM_uint32 reply_limit(OM_uint32 *minor, struct nlattr **tb,
			     void *arg)
{
	struct msg_reply *r = arg;

	if (!u32_attr(tb[GSSK_A_MAX_INPUT], &r->max_input))
		return bad_reply(minor, "the size limit");
	return GSS_S_COMPLETE;
}

/* ---- the calls ---- */

/*
 * Send a WRAP or UNWRAP request whose result the kernel writes into out
 * (room bytes, allocated by the caller) and hand out over to output. On
 * failure out is wiped (it may hold the message, or a token holding it)
 * and freed.
 */
static OM_uint32 send_into(OM_uint32 *minor, struct nl_msg *msg,
			   gsskp_reply_fn reply, struct msg_reply *r,
			   char *out, size_t room, gss_buffer_t output,
			   int *conf_state)
{
	OM_uint32 major = send_request(minor, msg, reply, r);

	if (major) {
		explicit_bzero(out, room);
		free(out);
		return major;
	}
	out[r->out_len] = '\0';
	output->value = out;
	output->length = r->out_len;
	if (conf_state)
		*conf_state = r->conf_state;
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_get_mic(OM_uint32 *minor_status,
				   const gss_ctx_id_t context_handle,
				   gss_qop_t qop_req,
				   const gss_buffer_t message_buffer,
				   gss_buffer_t message_token)
{
	struct gss_ctx_id_struct *h;
	struct msg_reply r = { .token_out = message_token };
	struct nl_msg *msg;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (message_token == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	gsskp_buffer_empty(message_token);
	if (!readable(message_buffer))
		return GSS_S_CALL_INACCESSIBLE_READ;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);
	if (message_buffer->length > GSSK_MSG_MAX)
		return too_long(minor_status, "message", GSSK_MSG_MAX);

	msg = request(GSSK_CMD_GET_MIC, h->serial);
	if (msg && (nla_put_u32(msg, GSSK_A_QOP, qop_req) < 0 ||
		    put_in(msg, message_buffer->value,
			   message_buffer->length))) {
		gsskp_msg_free(msg);
		msg = NULL;
	}
	return send_request(minor_status, msg, reply_mic, &r);
}

GSSK_EXPORT OM_uint32 gssk_verify_mic(OM_uint32 *minor_status,
				      const gss_ctx_id_t context_handle,
				      const gss_buffer_t message_buffer,
				      const gss_buffer_t token_buffer,
				      gss_qop_t *qop_state)
{
	struct gss_ctx_id_struct *h;
	struct msg_reply r = { 0 };
	struct nl_msg *msg;
	OM_uint32 major;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (qop_state)
		*qop_state = GSS_C_QOP_DEFAULT;
	if (!readable(message_buffer) || !readable(token_buffer))
		return GSS_S_CALL_INACCESSIBLE_READ;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);
	if (message_buffer->length > GSSK_MSG_MAX)
		return too_long(minor_status, "message", GSSK_MSG_MAX);
	if (token_buffer->length > GSSK_TOKEN_MAX_LEN) {
		*minor_status = GSSK_MINOR_TOKEN_DEFECTIVE;
		gsskp_set_error("MIC token longer than %d bytes",
				GSSK_TOKEN_MAX_LEN);
		return GSS_S_DEFECTIVE_TOKEN;
	}

	msg = request(GSSK_CMD_VERIFY_MIC, h->serial);
	if (msg && (put_in(msg, message_buffer->value,
			   message_buffer->length) ||
		    nla_put(msg, GSSK_A_TOKEN, (int)token_buffer->length,
			    token_buffer->value) < 0)) {
		gsskp_msg_free(msg);
		msg = NULL;
	}
	major = send_request(minor_status, msg, reply_verify, &r);
	if (major)
		return major;
	return r.supp;
}

GSSK_EXPORT OM_uint32 gssk_wrap(OM_uint32 *minor_status,
				const gss_ctx_id_t context_handle,
				int conf_req_flag, gss_qop_t qop_req,
				const gss_buffer_t input_message_buffer,
				int *conf_state,
				gss_buffer_t output_message_buffer)
{
	struct gss_ctx_id_struct *h;
	struct msg_reply r = { 0 };
	struct nl_msg *msg;
	size_t room;
	char *out;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (conf_state)
		*conf_state = 0;
	if (output_message_buffer == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	gsskp_buffer_empty(output_message_buffer);
	if (!readable(input_message_buffer))
		return GSS_S_CALL_INACCESSIBLE_READ;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);
	if (input_message_buffer->length > GSSK_MSG_MAX)
		return too_long(minor_status, "message", GSSK_MSG_MAX);

	room = input_message_buffer->length + GSSK_WRAP_OVERHEAD_MAX;
	out = malloc(room + 1);
	if (!out)
		return no_memory(minor_status);
	r.out_room = (uint32_t)room;

	msg = request(GSSK_CMD_WRAP, h->serial);
	if (msg && (nla_put_u32(msg, GSSK_A_QOP, qop_req) < 0 ||
		    nla_put_u8(msg, GSSK_A_CONF_REQ, !!conf_req_flag) < 0 ||
		    put_in(msg, input_message_buffer->value,
			   input_message_buffer->length) ||
		    put_out(msg, out, room))) {
		gsskp_msg_free(msg);
		msg = NULL;
	}
	return send_into(minor_status, msg, reply_wrap, &r, out, room,
			 output_message_buffer, conf_state);
}

GSSK_EXPORT OM_uint32 gssk_unwrap(OM_uint32 *minor_status,
				  const gss_ctx_id_t context_handle,
				  const gss_buffer_t input_message_buffer,
				  gss_buffer_t output_message_buffer,
				  int *conf_state, gss_qop_t *qop_state)
{
	struct gss_ctx_id_struct *h;
	struct msg_reply r = { 0 };
	struct nl_msg *msg;
	OM_uint32 major;
	size_t room;
	char *out;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (conf_state)
		*conf_state = 0;
	if (qop_state)
		*qop_state = GSS_C_QOP_DEFAULT;
	if (output_message_buffer == GSS_C_NO_BUFFER)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	gsskp_buffer_empty(output_message_buffer);
	if (!readable(input_message_buffer))
		return GSS_S_CALL_INACCESSIBLE_READ;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);
	if (input_message_buffer->length > WRAP_TOKEN_MAX)
		return too_long(minor_status, "wrap token", WRAP_TOKEN_MAX);

	/* the message is never longer than its token */
	room = input_message_buffer->length;
	out = malloc(room + 1);
	if (!out)
		return no_memory(minor_status);
	r.out_room = (uint32_t)room;

	msg = request(GSSK_CMD_UNWRAP, h->serial);
	if (msg && (put_in(msg, input_message_buffer->value,
			   input_message_buffer->length) ||
		    put_out(msg, out, room))) {
		gsskp_msg_free(msg);
		msg = NULL;
	}
	major = send_into(minor_status, msg, reply_unwrap, &r, out, room,
			  output_message_buffer, conf_state);
	if (major)
		return major;
	return r.supp;
}

GSSK_EXPORT OM_uint32 gssk_wrap_size_limit(OM_uint32 *minor_status,
					   const gss_ctx_id_t context_handle,
					   int conf_req_flag, gss_qop_t qop_req,
					   OM_uint32 req_output_size,
					   OM_uint32 *max_input_size)
{
	struct gss_ctx_id_struct *h;
	struct msg_reply r = { 0 };
	struct nl_msg *msg;
	OM_uint32 major;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!max_input_size)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*max_input_size = 0;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);

	msg = request(GSSK_CMD_WRAP_SIZE_LIMIT, h->serial);
	if (msg && (nla_put_u32(msg, GSSK_A_QOP, qop_req) < 0 ||
		    nla_put_u8(msg, GSSK_A_CONF_REQ, !!conf_req_flag) < 0 ||
		    nla_put_u32(msg, GSSK_A_MAX_INPUT, req_output_size) < 0)) {
		gsskp_msg_free(msg);
		msg = NULL;
	}
	major = send_request(minor_status, msg, reply_limit, &r);
	if (major)
		return major;
	*max_input_size = r.max_input;
	return GSS_S_COMPLETE;
}
