/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Netlink messages (layer 1, nlmsg.c): a generic netlink request built in
 * one allocation, and attributes read against a table of rules. libgssk's
 * own small layer on the uapi headers, as wireguard-tools has one, not
 * libnl: a request is one buffer that gsskp_msg_free() zeroes whole (LOAD
 * carries key bytes, IMPORT a token), and nothing here keeps a copy.
 */
#ifndef GSSK_NLMSG_H
#define GSSK_NLMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

/* Bytes an attribute with a payload of len bytes takes in a message. */
static inline size_t gsskp_attr_size(size_t len)
{
	return NLA_ALIGN(NLA_HDRLEN + len);
}

/* ---- building a request ---- */

struct gsskp_msg {
	struct nlmsghdr *nlh;	/* nlh->nlmsg_len bytes are in use */
	size_t cap;		/* bytes allocated at nlh */
};

/*
 * A new generic netlink message of type type (a family id, or 0 to fill
 * in when it is sent) with flags, command cmd and version, with room for
 * exactly attrs bytes of attributes (a sum of gsskp_attr_size()). NULL:
 * out of memory.
 */
struct gsskp_msg *gsskp_genlmsg_new(uint16_t type, uint16_t flags,
				    uint8_t cmd, uint8_t version, size_t attrs);
/* Zero the whole message: header, attributes and unused room. */
void gsskp_msg_wipe(struct gsskp_msg *msg);
/* gsskp_msg_wipe(), then free the message. NULL is accepted. */
void gsskp_msg_free(struct gsskp_msg *msg);

/* Append an attribute: 0, or -EMSGSIZE when it does not fit. */
int gsskp_put(struct gsskp_msg *msg, uint16_t type, const void *data,
	      size_t len);

static inline int gsskp_put_u8(struct gsskp_msg *msg, uint16_t type,
			       uint8_t v)
{
	return gsskp_put(msg, type, &v, sizeof(v));
}

static inline int gsskp_put_u32(struct gsskp_msg *msg, uint16_t type,
				uint32_t v)
{
	return gsskp_put(msg, type, &v, sizeof(v));
}

static inline int gsskp_put_s32(struct gsskp_msg *msg, uint16_t type,
				int32_t v)
{
	return gsskp_put(msg, type, &v, sizeof(v));
}

static inline int gsskp_put_u64(struct gsskp_msg *msg, uint16_t type,
				uint64_t v)
{
	return gsskp_put(msg, type, &v, sizeof(v));
}

/* A NUL-terminated string, its NUL included. */
static inline int gsskp_put_string(struct gsskp_msg *msg, uint16_t type,
				   const char *s)
{
	return gsskp_put(msg, type, s, strlen(s) + 1);
}

/*
 * A nested attribute: start it (NULL when there is no room for its
 * header), put its attributes, then end it, which sets its length. Only
 * the unit tests build nests (a STATS reply); netlink's 16-bit length
 * limits a nest to 65531 bytes of attributes.
 */
struct nlattr *gsskp_nest_start(struct gsskp_msg *msg, uint16_t type);
void gsskp_nest_end(struct gsskp_msg *msg, struct nlattr *nest);

/* ---- reading attributes ---- */

/* What an attribute must look like to be accepted by gsskp_parse(). */
enum gsskp_attr_kind {
	GSSKP_ATTR_UNSPEC,	/* any payload up to maxlen (0: any) */
	GSSKP_ATTR_U8,		/* at least as long as its type */
	GSSKP_ATTR_U16,
	GSSKP_ATTR_U32,
	GSSKP_ATTR_U64,
	GSSKP_ATTR_STRING,	/* NUL-terminated, NUL included <= maxlen */
	GSSKP_ATTR_NESTED,	/* attributes, each of a valid length */
};

struct gsskp_attr_rule {
	uint8_t kind;		/* enum gsskp_attr_kind */
	uint16_t maxlen;	/* payload bytes, 0: no limit */
};

/*
 * Attributes one by one: a is each well-formed attribute of the len bytes
 * at data (an attribute whose length is wrong ends the walk); rem is an
 * int holding the bytes not yet walked.
 */
#define gsskp_for_each_attr(a, data, len, rem)				\
	for ((a) = (struct nlattr *)(data), (rem) = (int)(len);	\
	     gsskp_attr_ok((a), (rem));					\
	     (a) = gsskp_attr_next((a), &(rem)))

bool gsskp_attr_ok(const struct nlattr *a, int rem);
struct nlattr *gsskp_attr_next(const struct nlattr *a, int *rem);

/*
 * Index the attributes of the len bytes at data into tb[0..max] (NULL
 * where an attribute did not come; of two with the same type the last
 * wins; types above max are ignored) after checking each that has a rule
 * (rules[0..max], may be NULL for no checks). Returns 0, or -EINVAL when
 * an attribute breaks its rule or the attributes do not fill len.
 */
int gsskp_parse(struct nlattr **tb, int max, const void *data, size_t len,
		const struct gsskp_attr_rule *rules);
/* gsskp_parse() of the attributes of a generic netlink message. */
int gsskp_genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		     int max, const struct gsskp_attr_rule *rules);
/* gsskp_parse() of the attributes nested in attribute nest. */
int gsskp_parse_nested(struct nlattr **tb, int max, const struct nlattr *nest,
		       const struct gsskp_attr_rule *rules);

static inline int gsskp_attr_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static inline void *gsskp_attr_data(const struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static inline size_t gsskp_attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

/* The getters read as many bytes as their type has (gsskp_parse checked). */
uint8_t gsskp_get_u8(const struct nlattr *a);
uint16_t gsskp_get_u16(const struct nlattr *a);
uint32_t gsskp_get_u32(const struct nlattr *a);
int32_t gsskp_get_s32(const struct nlattr *a);
uint64_t gsskp_get_u64(const struct nlattr *a);

/* A GSSKP_ATTR_STRING attribute's text (the rule made it NUL-terminated). */
static inline const char *gsskp_get_string(const struct nlattr *a)
{
	return gsskp_attr_data(a);
}

#endif /* GSSK_NLMSG_H */
