// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl: the public facts of one context, as "show" and "list" print
 * them: serial, key description, names, enctypes, role, flags, time left,
 * mechanism and sequence counters. Never a key byte (the kernel has no way
 * to give one out).
 */
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

static char *dup_name(gss_name_t name)
{
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor;
	char *s = NULL;

	if (name != GSS_C_NO_NAME &&
	    gssk_display_name(&minor, name, &buf, NULL) == GSS_S_COMPLETE)
		s = strndup(buf.value, buf.length);
	gssk_release_buffer(&minor, &buf);
	return s ? s : strdup("");
}

static char *oid_text(const gss_OID oid)
{
	const unsigned char *p;
	char *out, *q;
	unsigned long v = 0;
	OM_uint32 i;

	if (!oid || !oid->length)
		return strdup("");
	out = malloc(oid->length * 4 + 8);
	if (!out)
		return NULL;
	p = oid->elements;
	q = out + sprintf(out, "%u.%u", p[0] / 40 > 2 ? 2 : p[0] / 40,
			  p[0] / 40 > 2 ? p[0] - 80 : p[0] % 40);
	for (i = 1; i < oid->length; i++) {
		v = v << 7 | (p[i] & 0x7f);
		if (!(p[i] & 0x80)) {
			q += sprintf(q, ".%lu", v);
			v = 0;
		}
	}
	return out;
}

/* The description field of "type;uid;gid;perm;description". */
static char *key_description(int32_t serial)
{
	char *desc = NULL, *p;
	int i;

	if (keyctl_describe_alloc(serial, &desc) < 0)
		return NULL;
	p = desc;
	for (i = 0; i < 4 && p; i++) {
		p = strchr(p, ';');
		if (p)
			p++;
	}
	if (p)
		memmove(desc, p, strlen(p) + 1);
	else
		desc[0] = '\0';
	return desc;
}

static void record_failure(struct ctxinfo *ci, OM_uint32 major,
			   OM_uint32 minor)
{
	char *mj = status_text(major, GSS_C_GSS_CODE);
	char *mn = status_text(minor, GSS_C_MECH_CODE);
	const char *k = gssk_last_error();
	size_t len;

	ci->major = major;
	ci->minor = minor;
	len = (mj ? strlen(mj) : 1) + (mn ? strlen(mn) : 1) +
	      (k ? strlen(k) : 0) + 8;
	ci->error = malloc(len);
	if (ci->error)
		snprintf(ci->error, len, "%s; %s%s%s", mj ? mj : "?",
			 mn ? mn : "?", k && *k ? ": " : "", k && *k ? k : "");
	free(mj);
	free(mn);
}

void ctxinfo_get(int32_t serial, struct ctxinfo *ci)
{
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	OM_uint32 major, minor, lifetime, flags;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	gss_OID mech = GSS_C_NO_OID;
	int initiated;

	memset(ci, 0, sizeof(*ci));
	ci->serial = serial;
	major = gssk_context_from_serial(&minor, serial, &h);
	if (!GSS_ERROR(major))
		major = gssk_inquire_context(&minor, h, &src, &targ, &lifetime,
					     &mech, &flags, &initiated,
					     &ci->open);
	if (!GSS_ERROR(major))
		major = gssk_inquire_context_info(&minor, h, &ci->info);
	if (GSS_ERROR(major)) {
		record_failure(ci, major, minor);
	} else {
		ci->initiator = dup_name(src);
		ci->acceptor = dup_name(targ);
		ci->mech = oid_text(mech);
		/* GSS_S_UNAVAILABLE: a module older than 1.1 */
		ci->have_seq = gssk_inquire_sequence(&minor, h, &ci->send_seq,
						     &ci->recv_seq) ==
			       GSS_S_COMPLETE;
	}
	/* after the inquiries, which would fail on a key that is not gssk */
	ci->description = key_description(serial);
	gssk_release_name(&minor, &src);
	gssk_release_name(&minor, &targ);
	gssk_release_context_handle(&minor, &h);
}

void ctxinfo_release(struct ctxinfo *ci)
{
	free(ci->description);
	free(ci->error);
	free(ci->initiator);
	free(ci->acceptor);
	free(ci->mech);
	memset(ci, 0, sizeof(*ci));
}

static void print_enctype(const char *field, uint32_t e)
{
	const char *name = enctype_name(e);

	if (!e)
		printf("%s: none\n", field);
	else if (name)
		printf("%s: %u (%s)\n", field, e, name);
	else
		printf("%s: %u\n", field, e);
}

void ctxinfo_print_text(const struct ctxinfo *ci)
{
	char *flags = flags_text(ci->info.flags);

	printf("serial: %d\n", (int)ci->serial);
	printf("description: %s\n", ci->description ? ci->description : "");
	printf("initiator: %s\n", ci->initiator);
	printf("acceptor: %s\n", ci->acceptor);
	print_enctype("enctype", ci->info.enctype);
	print_enctype("subkey-enctype", ci->info.subkey_enctype);
	printf("role: %s\n", ci->info.initiate ? "initiator" : "acceptor");
	printf("flags: %s\n", flags ? flags : "?");
	if (ci->info.lifetime == GSS_C_INDEFINITE)
		printf("lifetime: indefinite\n");
	else
		printf("lifetime: %u\n", ci->info.lifetime);
	if (ci->info.endtime)
		printf("endtime: %llu\n", (unsigned long long)ci->info.endtime);
	else
		printf("endtime: none\n");
	printf("mech: %s\n", ci->mech);
	printf("open: %s\n", ci->open ? "yes" : "no");
	if (ci->have_seq) {
		printf("send-seq: %llu\n", (unsigned long long)ci->send_seq);
		printf("recv-seq: %llu\n", (unsigned long long)ci->recv_seq);
	}
	free(flags);
}

static void json_flags(FILE *f, const char *list)
{
	const char *p = list;
	bool first = true;

	fputc('[', f);
	if (strcmp(list, "none") != 0) {
		while (*p) {
			size_t len = strcspn(p, ",");

			fprintf(f, "%s\"%.*s\"", first ? "" : ",", (int)len, p);
			first = false;
			p += len;
			if (*p == ',')
				p++;
		}
	}
	fputc(']', f);
}

void ctxinfo_print_json(FILE *f, const struct ctxinfo *ci)
{
	char *flags;

	fprintf(f, "{\"serial\":%d,\"description\":", (int)ci->serial);
	if (ci->description)
		json_string(f, ci->description);
	else
		fputs("null", f);
	if (ci->major) {
		fprintf(f, ",\"error\":{\"major\":%u,\"minor\":%u,"
			"\"message\":", ci->major, ci->minor);
		json_string(f, ci->error);
		fputs("}}", f);
		return;
	}
	flags = flags_text(ci->info.flags);
	fprintf(f, ",\"role\":\"%s\",\"mech\":",
		ci->info.initiate ? "initiator" : "acceptor");
	json_string(f, ci->mech);
	fprintf(f, ",\"enctype\":%u,\"subkey_enctype\":", ci->info.enctype);
	if (ci->info.subkey_enctype)
		fprintf(f, "%u", ci->info.subkey_enctype);
	else
		fputs("null", f);
	fputs(",\"initiator\":", f);
	json_string(f, ci->initiator);
	fputs(",\"acceptor\":", f);
	json_string(f, ci->acceptor);
	fputs(",\"flags\":", f);
	json_flags(f, flags ? flags : "none");
	fprintf(f, ",\"gss_flags\":%u,\"open\":%s,\"lifetime\":",
		ci->info.flags, ci->open ? "true" : "false");
	if (ci->info.lifetime == GSS_C_INDEFINITE)
		fputs("null", f);
	else
		fprintf(f, "%u", ci->info.lifetime);
	fputs(",\"endtime\":", f);
	if (ci->info.endtime)
		fprintf(f, "%llu", (unsigned long long)ci->info.endtime);
	else
		fputs("null", f);
	if (ci->have_seq)
		fprintf(f, ",\"send_seq\":%llu,\"recv_seq\":%llu",
			(unsigned long long)ci->send_seq,
			(unsigned long long)ci->recv_seq);
	fputc('}', f);
	free(flags);
}
