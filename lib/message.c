// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-message calls: gssk_get_mic(), gssk_verify_mic(), gssk_wrap(),
 * gssk_unwrap() and gssk_wrap_size_limit(), with RFC 2744's parameters,
 * and the batch calls gssk_wrap_batch() and gssk_unwrap_batch().
 *
 * Each is one ioctl on the handle's context descriptor (opened on first
 * use, see context.c) with a struct gssk_op that names the caller's input
 * and an output buffer that libgssk allocates; the kernel copies from and
 * to them with ordinary (faulting) user copies. A batch is one
 * GSSK_IOC_BATCH per GSSK_BATCH_MAX messages.
 *
 * The kernel says what happened in the struct: 0 from the ioctl with the
 * results and the supplementary status bits (GSS_S_DUPLICATE_TOKEN,
 * OLD_TOKEN, UNSEQ_TOKEN, GAP_TOKEN) in major, returned with the output as
 * RFC 2744 does; or -1 with error, major and minor set (a refusal, mapped
 * like an extack cookie). An ioctl that fails without a status in the
 * struct is a descriptor problem: ENOTTY is a module too old for ABI 2.
 * There is no extack text on this path: gssk_last_error() gets the minor
 * code's gssk_display_status() text.
 *
 * Cost per call: one ioctl and, for GET_MIC, WRAP and UNWRAP, one malloc
 * for the output. Outputs are not zeroed first; an output that the kernel
 * may have written is zeroed before it is freed when the call fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#if defined(__has_include) && __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif

#include "handle.h"

/* Largest UNWRAP input the kernel takes. */
#define WRAP_TOKEN_MAX	((size_t)GSSK_MSG_MAX + GSSK_WRAP_OVERHEAD_MAX)

/* struct gssk_op entries of a batch kept on the stack (64 bytes each). */
#define BATCH_STACK_OPS	16

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

static OM_uint32 bad_result(OM_uint32 *minor, const char *what)
{
	*minor = GSSK_MINOR_BAD_REPLY;
	gsskp_set_error("the gssk module returned %s", what);
	return GSS_S_FAILURE;
}

/* ---- refusals ---- */

/* The text recorded for a minor code that the kernel or libgssk chose. */
static void record_minor(OM_uint32 minor)
{
	const char *text = gsskp_minor_text(minor);

	if (text)
		gsskp_set_error("%s", text);
	else
		gsskp_set_error("gssk minor status 0x%08x", minor);
}

/*
 * (major, minor) of a refused op: the status the kernel put in it; or,
 * when the ioctl failed without one, from its errno err.
 */
static OM_uint32 op_refused(OM_uint32 *minor, const struct gssk_op *op,
			    int err)
{
	OM_uint32 major;

	if (op->error < 0) {
		gsskp_map_status(-op->error, op->major, op->minor, &major,
				 minor);
		record_minor(*minor);
		return major;
	}
	if (err == ENOTTY) {
		*minor = GSSK_MINOR_UNSUPPORTED;
		gsskp_set_error("the gssk module does not know this ioctl on a "
				"context descriptor: it is too old");
		return GSS_S_FAILURE;
	}
	gsskp_map_errno(err, &major, minor);
	gsskp_set_error("ioctl on the context descriptor: %s", strerror(err));
	return major;
}

/*
 * The kernel wrote len bytes at p with an ordinary user copy. Tell
 * valgrind's memcheck, which cannot know what a gssk ioctl writes (the
 * addresses are inside its argument): without this every token and
 * message the kernel made would look uninitialised to a program under
 * valgrind. A no-op outside valgrind, and when built without its header.
 */
static inline void kernel_wrote(const void *p, size_t len)
{
#ifdef VALGRIND_MAKE_MEM_DEFINED
	if (p && len)
		(void)VALGRIND_MAKE_MEM_DEFINED(p, len);
#else
	(void)p;
	(void)len;
#endif
}

/* Run one op on the handle's descriptor; 0 or the refusal's major. */
static OM_uint32 run_op(OM_uint32 *minor, struct gss_ctx_id_struct *h,
			unsigned long req, struct gssk_op *op)
{
	OM_uint32 major;
	int fd;

	major = gsskp_ctx_fd(minor, h, &fd);
	if (major)
		return major;
	/* an interrupted op, like a refused one, used no sequence number */
	while (ioctl(fd, req, op) < 0) {
		if (errno != EINTR)
			return op_refused(minor, op, errno);
		op->error = 0;
		op->major = 0;
		op->minor = 0;
	}
	if (op->major & ~GSS_C_SUPPLEMENTARY_MASK)
		return bad_result(minor, "an invalid supplementary status");
	kernel_wrote((const void *)(uintptr_t)op->out_ptr, op->out_len);
	return GSS_S_COMPLETE;
}

static inline uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* ---- the calls ---- */

GSSK_EXPORT OM_uint32 gssk_get_mic(OM_uint32 *minor_status,
				   const gss_ctx_id_t context_handle,
				   gss_qop_t qop_req,
				   const gss_buffer_t message_buffer,
				   gss_buffer_t message_token)
{
	unsigned char mic[GSSK_MIC_MAX];
	struct gss_ctx_id_struct *h;
	struct gssk_op op;
	OM_uint32 major;

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

	op = (struct gssk_op){
		.op = GSSK_OP_GET_MIC,
		.in_ptr = ptr(message_buffer->value),
		.in_len = (uint32_t)message_buffer->length,
		.out_ptr = ptr(mic),
		.out_len = sizeof(mic),
		.qop = qop_req,
	};
	major = run_op(minor_status, h, GSSK_IOC_GET_MIC, &op);
	if (major)
		return major;
	if (op.out_len == 0 || op.out_len > sizeof(mic) || op.major)
		return bad_result(minor_status, "an invalid MIC token");
	/* one malloc of the exact length */
	if (gsskp_buffer_set(message_token, mic, op.out_len))
		return no_memory(minor_status);
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_verify_mic(OM_uint32 *minor_status,
				      const gss_ctx_id_t context_handle,
				      const gss_buffer_t message_buffer,
				      const gss_buffer_t token_buffer,
				      gss_qop_t *qop_state)
{
	struct gss_ctx_id_struct *h;
	struct gssk_op op;
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

	op = (struct gssk_op){
		.op = GSSK_OP_VERIFY_MIC,
		.in_ptr = ptr(message_buffer->value),
		.in_len = (uint32_t)message_buffer->length,
		.mic_ptr = ptr(token_buffer->value),
		.mic_len = (uint32_t)token_buffer->length,
	};
	major = run_op(minor_status, h, GSSK_IOC_VERIFY_MIC, &op);
	if (major)
		return major;
	return op.major;	/* 0 or supplementary bits */
}

/*
 * Finish a WRAP or UNWRAP whose result the kernel wrote into out (room
 * bytes, plus one for the NUL): hand out over to output, or wipe and free
 * it when the call failed (it may hold the message, or a token holding
 * it).
 */
static OM_uint32 finish_out(OM_uint32 *minor, OM_uint32 major,
			    const struct gssk_op *op, char *out, size_t room,
			    gss_buffer_t output, int *conf_state)
{
	if (!major && op->out_len > room)
		major = bad_result(minor, "an output longer than its buffer");
	if (major) {
		explicit_bzero(out, room);
		free(out);
		return major;
	}
	out[op->out_len] = '\0';
	output->value = out;
	output->length = op->out_len;
	if (conf_state)
		*conf_state = op->conf_state != 0;
	return op->major;
}

GSSK_EXPORT OM_uint32 gssk_wrap(OM_uint32 *minor_status,
				const gss_ctx_id_t context_handle,
				int conf_req_flag, gss_qop_t qop_req,
				const gss_buffer_t input_message_buffer,
				int *conf_state,
				gss_buffer_t output_message_buffer)
{
	struct gss_ctx_id_struct *h;
	struct gssk_op op;
	OM_uint32 major;
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
	op = (struct gssk_op){
		.op = GSSK_OP_WRAP,
		.flags = conf_req_flag ? GSSK_OP_CONF : 0,
		.in_ptr = ptr(input_message_buffer->value),
		.in_len = (uint32_t)input_message_buffer->length,
		.out_ptr = ptr(out),
		.out_len = (uint32_t)room,
		.qop = qop_req,
	};
	major = run_op(minor_status, h, GSSK_IOC_WRAP, &op);
	if (!major && op.major)
		major = bad_result(minor_status, "a status on a wrap");
	return finish_out(minor_status, major, &op, out, room,
			  output_message_buffer, conf_state);
}

GSSK_EXPORT OM_uint32 gssk_unwrap(OM_uint32 *minor_status,
				  const gss_ctx_id_t context_handle,
				  const gss_buffer_t input_message_buffer,
				  gss_buffer_t output_message_buffer,
				  int *conf_state, gss_qop_t *qop_state)
{
	struct gss_ctx_id_struct *h;
	struct gssk_op op;
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
	op = (struct gssk_op){
		.op = GSSK_OP_UNWRAP,
		.in_ptr = ptr(input_message_buffer->value),
		.in_len = (uint32_t)input_message_buffer->length,
		.out_ptr = ptr(out),
		.out_len = (uint32_t)room,
	};
	major = run_op(minor_status, h, GSSK_IOC_UNWRAP, &op);
	return finish_out(minor_status, major, &op, out, room,
			  output_message_buffer, conf_state);
}

GSSK_EXPORT OM_uint32 gssk_wrap_size_limit(OM_uint32 *minor_status,
					   const gss_ctx_id_t context_handle,
					   int conf_req_flag, gss_qop_t qop_req,
					   OM_uint32 req_output_size,
					   OM_uint32 *max_input_size)
{
	struct gss_ctx_id_struct *h;
	struct gssk_op op;
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

	op = (struct gssk_op){
		.op = GSSK_OP_WRAP_SIZE_LIMIT,
		.flags = conf_req_flag ? GSSK_OP_CONF : 0,
		.in_len = req_output_size,
		.qop = qop_req,
	};
	major = run_op(minor_status, h, GSSK_IOC_WRAP_SIZE_LIMIT, &op);
	if (major)
		return major;
	if (op.major || op.out_len > GSSK_MSG_MAX)
		return bad_result(minor_status, "an invalid size limit");
	*max_input_size = op.out_len;
	return GSS_S_COMPLETE;
}

/* ---- batches ---- */

/*
 * A batch entry in flight has major_status GSS_S_COMPLETE and its output
 * buffer (room + 1 bytes) in output.value; every failure sets a nonzero
 * major status, so the entries sent to the kernel are exactly those still
 * at GSS_S_COMPLETE, in array order.
 */
struct batch {
	bool wrap;
	uint32_t flags;		/* GSSK_OP_CONF */
	gss_qop_t qop;
};

/* An entry fails: set its status, drop its output. wipe: it may hold data. */
static void entry_fail(struct gssk_batch_msg *m, OM_uint32 major,
		       OM_uint32 minor, size_t room, bool wipe)
{
	if (m->output.value) {
		if (wipe)
			explicit_bzero(m->output.value, room);
		free(m->output.value);
	}
	gsskp_buffer_empty(&m->output);
	m->conf_state = 0;
	m->major_status = major;
	m->minor_status = minor;
}

static size_t entry_room(const struct batch *b, const struct gssk_batch_msg *m)
{
	return b->wrap ? m->input.length + GSSK_WRAP_OVERHEAD_MAX
		       : m->input.length;
}

/*
 * Check an entry and allocate its output. Returns true if it is to be
 * sent; otherwise its failure status is set.
 */
static bool entry_prepare(const struct batch *b, struct gssk_batch_msg *m)
{
	size_t max = b->wrap ? (size_t)GSSK_MSG_MAX : WRAP_TOKEN_MAX;

	gsskp_buffer_empty(&m->output);
	m->conf_state = 0;
	m->major_status = GSS_S_COMPLETE;
	m->minor_status = GSSK_MINOR_NONE;
	if (m->input.length && !m->input.value) {
		m->major_status = GSS_S_CALL_INACCESSIBLE_READ;
		return false;
	}
	if (m->input.length > max) {
		m->major_status = GSS_S_FAILURE;
		m->minor_status = GSSK_MINOR_MESSAGE_TOO_LONG;
		return false;
	}
	m->output.value = malloc(entry_room(b, m) + 1);
	if (!m->output.value) {
		m->major_status = GSS_S_FAILURE;
		m->minor_status = GSSK_MINOR_NO_MEMORY;
		return false;
	}
	return true;
}

static void op_of(const struct batch *b, const struct gssk_batch_msg *m,
		  struct gssk_op *op)
{
	*op = (struct gssk_op){
		.op = b->wrap ? GSSK_OP_WRAP : GSSK_OP_UNWRAP,
		.flags = b->flags,
		.in_ptr = ptr(m->input.value),
		.in_len = (uint32_t)m->input.length,
		.out_ptr = ptr(m->output.value),
		.out_len = (uint32_t)entry_room(b, m),
		.qop = b->qop,
	};
}

/* The kernel's result of one entry, into the entry. */
static void entry_result(const struct batch *b, struct gssk_batch_msg *m,
			 const struct gssk_op *op)
{
	size_t room = entry_room(b, m);
	OM_uint32 major, minor;

	if (op->error < 0) {
		gsskp_map_status(-op->error, op->major, op->minor, &major,
				 &minor);
		entry_fail(m, major, minor, room, true);
		return;
	}
	if (op->out_len > room ||
	    (op->major & ~GSS_C_SUPPLEMENTARY_MASK) ||
	    (b->wrap && op->major)) {
		entry_fail(m, GSS_S_FAILURE, GSSK_MINOR_BAD_REPLY, room, true);
		return;
	}
	kernel_wrote(m->output.value, op->out_len);
	((char *)m->output.value)[op->out_len] = '\0';
	m->output.length = op->out_len;
	m->conf_state = op->conf_state != 0;
	m->major_status = op->major;
	m->minor_status = GSSK_MINOR_NONE;
}

/* A failed GSSK_IOC_BATCH (no status in its entries): (major, minor). */
static void batch_refused(int err, OM_uint32 *major, OM_uint32 *minor)
{
	if (err == ENOTTY) {
		*major = GSS_S_FAILURE;
		*minor = GSSK_MINOR_UNSUPPORTED;
		return;
	}
	gsskp_map_errno(err, major, minor);
}

/*
 * Run the entries of msgs[0..count) that are in flight (major 0), at most
 * cap (<= GSSK_BATCH_MAX) per ioctl, in array order. An ioctl refused as
 * a whole (no entry ran) stops the batch: its entries and every later one
 * in flight fail with its status, and nothing more is sent.
 */
static void batch_run(const struct batch *b, int fd,
		      struct gssk_batch_msg *msgs, size_t count,
		      struct gssk_op *ops, size_t cap)
{
	size_t i = 0;

	while (i < count) {
		OM_uint32 emajor = GSS_S_FAILURE, eminor = GSSK_MINOR_BAD_REPLY;
		struct gssk_batch req;
		size_t start = i, n = 0, j, k;
		bool stop = false;
		int r;

		/* gather up to cap entries in flight */
		for (; i < count && n < cap; i++)
			if (msgs[i].major_status == GSS_S_COMPLETE)
				op_of(b, &msgs[i], &ops[n++]);
		if (!n)
			return;
		req = (struct gssk_batch){
			.ops_ptr = ptr(ops),
			.count = (uint32_t)n,
			.op_size = sizeof(struct gssk_op),
		};
		do {
			req.done = 0;
			r = ioctl(fd, GSSK_IOC_BATCH, &req);
		} while (r < 0 && errno == EINTR && req.done == 0);
		if (r < 0) {
			batch_refused(errno, &emajor, &eminor);
			stop = req.done == 0;
		}

		/*
		 * Hand the results back in the order they were gathered.
		 * Entries past done never ran: the kernel wrote nothing.
		 */
		for (j = start, k = 0; j < i; j++) {
			struct gssk_batch_msg *m = &msgs[j];

			if (m->major_status != GSS_S_COMPLETE)
				continue;
			if (k < req.done && k < n)
				entry_result(b, m, &ops[k]);
			else
				entry_fail(m, emajor, eminor,
					   entry_room(b, m), false);
			k++;
		}
		if (stop) {
			for (; i < count; i++)
				if (msgs[i].major_status == GSS_S_COMPLETE)
					entry_fail(&msgs[i], emajor, eminor,
						   entry_room(b, &msgs[i]),
						   false);
			return;
		}
	}
}

static OM_uint32 batch(OM_uint32 *minor_status, gss_ctx_id_t context_handle,
		       const struct batch *b, struct gssk_batch_msg *msgs,
		       size_t count)
{
	struct gssk_op stack_ops[BATCH_STACK_OPS], *ops = stack_ops;
	OM_uint32 major, open_major = GSS_S_COMPLETE, open_minor = 0;
	struct gss_ctx_id_struct *h;
	size_t i, cap, sent = 0;
	int fd;

	gsskp_clear_error();
	if (!minor_status)
		return GSS_S_CALL_INACCESSIBLE_WRITE;
	*minor_status = GSSK_MINOR_NONE;
	if (!msgs && count)
		return GSS_S_CALL_INACCESSIBLE_READ;
	h = gsskp_ctx_check(context_handle);
	if (!h)
		return bad_handle(minor_status, context_handle);
	if (!count)
		return GSS_S_COMPLETE;

	for (i = 0; i < count; i++)
		if (entry_prepare(b, &msgs[i]))
			sent++;

	if (sent) {
		major = gsskp_ctx_fd(minor_status, h, &fd);
		if (major) {
			/* OPEN refused: every entry has its status */
			open_major = major;
			open_minor = *minor_status;
			for (i = 0; i < count; i++)
				if (msgs[i].major_status == GSS_S_COMPLETE)
					entry_fail(&msgs[i], major,
						   *minor_status,
						   entry_room(b, &msgs[i]),
						   false);
			goto first_failure;
		}
		cap = sent < GSSK_BATCH_MAX ? sent : GSSK_BATCH_MAX;
		if (cap > BATCH_STACK_OPS) {
			ops = malloc(cap * sizeof(*ops));
			if (!ops) {
				for (i = 0; i < count; i++)
					if (msgs[i].major_status ==
					    GSS_S_COMPLETE)
						entry_fail(&msgs[i],
							GSS_S_FAILURE,
							GSSK_MINOR_NO_MEMORY,
							entry_room(b, &msgs[i]),
							false);
				goto first_failure;
			}
		}
		batch_run(b, fd, msgs, count, ops, cap);
		if (ops != stack_ops)
			free(ops);
	}

first_failure:
	for (i = 0; i < count; i++) {
		const struct gssk_batch_msg *m = &msgs[i];

		if (!GSS_ERROR(m->major_status))
			continue;
		*minor_status = m->minor_status;
		/* an OPEN refusal keeps the kernel's own message */
		if (!open_major || m->major_status != open_major ||
		    m->minor_status != open_minor) {
			const char *text = gsskp_minor_text(m->minor_status);

			if (m->minor_status == GSSK_MINOR_NONE &&
			    GSS_CALLING_ERROR(m->major_status))
				text = "its input buffer cannot be read";
			gsskp_set_error("message %zu of %zu: %s", i, count,
					text ? text : "refused");
		}
		return m->major_status;
	}
	return GSS_S_COMPLETE;
}

GSSK_EXPORT OM_uint32 gssk_wrap_batch(OM_uint32 *minor_status,
				      const gss_ctx_id_t context_handle,
				      int conf_req_flag, gss_qop_t qop_req,
				      struct gssk_batch_msg *msgs,
				      size_t count)
{
	const struct batch b = {
		.wrap = true,
		.flags = conf_req_flag ? GSSK_OP_CONF : 0,
		.qop = qop_req,
	};

	return batch(minor_status, context_handle, &b, msgs, count);
}

GSSK_EXPORT OM_uint32 gssk_unwrap_batch(OM_uint32 *minor_status,
					const gss_ctx_id_t context_handle,
					struct gssk_batch_msg *msgs,
					size_t count)
{
	const struct batch b = { .wrap = false };

	return batch(minor_status, context_handle, &b, msgs, count);
}
