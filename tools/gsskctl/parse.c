// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl: parsing of numbers, serials, keyrings, enctypes, flags and hex;
 * every malformed argument is a usage error (exit 2).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

int next_opt(int argc, char **argv, const struct option *opts)
{
	int c;

	opterr = 0;	/* our own messages */
	c = getopt_long(argc, argv, "", opts, NULL);
	if (c == '?' || c == ':')
		usage_error("unknown option or missing value: %s",
			    argv[optind - 1]);
	return c;
}

int no_options(int argc, char **argv)
{
	static const struct option opts[] = { OPT_END };

	while (next_opt(argc, argv, opts) != -1)
		;
	return optind;
}

bool parse_u64(const char *s, int base, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

uint64_t need_u64(const char *opt, const char *s, uint64_t max)
{
	uint64_t v;

	if (!parse_u64(s, 10, max, &v))
		usage_error("%s: \"%s\" is not a number from 0 to %llu", opt,
			    s, (unsigned long long)max);
	return v;
}

int32_t need_serial(const char *s)
{
	uint64_t v;

	if (!parse_u64(s, 10, INT32_MAX, &v) || v == 0)
		usage_error("\"%s\" is not a key serial", s ? s : "");
	return (int32_t)v;
}

int32_t need_keyring(const char *s)
{
	static const struct { const char *name; int32_t spec; } specs[] = {
		{ "@t", KEY_SPEC_THREAD_KEYRING },
		{ "@p", KEY_SPEC_PROCESS_KEYRING },
		{ "@s", KEY_SPEC_SESSION_KEYRING },
		{ "@u", KEY_SPEC_USER_KEYRING },
		{ "@us", KEY_SPEC_USER_SESSION_KEYRING },
	};
	char *end;
	long v;
	size_t i;

	for (i = 0; i < N_ELEMS(specs); i++)
		if (strcmp(s, specs[i].name) == 0)
			return specs[i].spec;
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < INT32_MIN || v > INT32_MAX || v == 0)
		usage_error("--keyring: \"%s\" is not a keyring serial or "
			    "@t, @p, @s, @u, @us", s);
	return (int32_t)v;
}

static const struct {
	uint32_t enctype;
	const char *name;
	size_t key_len;
} enctypes[] = {
	{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, "aes128-cts-hmac-sha1-96", 16 },
	{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, "aes256-cts-hmac-sha1-96", 32 },
	{ GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	  "aes128-cts-hmac-sha256-128", 16 },
	{ GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
	  "aes256-cts-hmac-sha384-192", 32 },
	/* RFC 6803: the kernel takes them where it has crypto/krb5 */
	{ 25, "camellia128-cts-cmac", 16 },
	{ 26, "camellia256-cts-cmac", 32 },
};

const char *enctype_name(uint32_t e)
{
	size_t i;

	for (i = 0; i < N_ELEMS(enctypes); i++)
		if (enctypes[i].enctype == e)
			return enctypes[i].name;
	return NULL;
}

size_t enctype_key_len(uint32_t e)
{
	size_t i;

	for (i = 0; i < N_ELEMS(enctypes); i++)
		if (enctypes[i].enctype == e)
			return enctypes[i].key_len;
	return 0;
}

/*
 * A known enctype by number or name; with any_number, any number passes
 * (the kernel decides which it supports).
 */
uint32_t need_enctype(const char *opt, const char *s, bool any_number)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < N_ELEMS(enctypes); i++)
		if (strcmp(s, enctypes[i].name) == 0)
			return enctypes[i].enctype;
	if (parse_u64(s, 10, UINT32_MAX, &v)) {
		if (any_number || enctype_name((uint32_t)v))
			return (uint32_t)v;
	}
	usage_error("%s: unknown enctype \"%s\" (17, 18, 19 or 20)", opt, s);
}

static const struct {
	const char *name;
	OM_uint32 bit;
} flag_names[] = {
	{ "deleg", GSS_C_DELEG_FLAG },
	{ "mutual", GSS_C_MUTUAL_FLAG },
	{ "replay", GSS_C_REPLAY_FLAG },
	{ "sequence", GSS_C_SEQUENCE_FLAG },
	{ "conf", GSS_C_CONF_FLAG },
	{ "integ", GSS_C_INTEG_FLAG },
	{ "anon", GSS_C_ANON_FLAG },
	{ "prot_ready", GSS_C_PROT_READY_FLAG },
	{ "trans", GSS_C_TRANS_FLAG },
};

OM_uint32 need_flags(const char *list)
{
	OM_uint32 flags = 0;
	const char *p = list;

	if (strcmp(list, "none") == 0)
		return 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;
		bool found = false;

		for (i = 0; i < N_ELEMS(flag_names); i++) {
			if (strlen(flag_names[i].name) == len &&
			    strncmp(p, flag_names[i].name, len) == 0) {
				flags |= flag_names[i].bit;
				found = true;
			}
		}
		if (!found)
			usage_error("--flags: unknown flag \"%.*s\"", (int)len,
				    p);
		p += len;
		if (*p == ',')
			p++;
	}
	return flags;
}

char *flags_text(OM_uint32 flags)
{
	char *out = malloc(160);
	size_t len = 0, i;

	if (!out)
		return NULL;
	out[0] = '\0';
	if (!flags) {
		strcpy(out, "none");
		return out;
	}
	for (i = 0; i < N_ELEMS(flag_names); i++) {
		if (flags & flag_names[i].bit) {
			len += (size_t)snprintf(out + len, 160 - len, "%s%s",
						len ? "," : "",
						flag_names[i].name);
			flags &= ~flag_names[i].bit;
		}
	}
	if (flags)
		snprintf(out + len, 160 - len, "%s0x%x", len ? "," : "", flags);
	return out;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		v = hexval((unsigned char)*s);
		if (v < 0)
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == max)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0)
		return -1;
	return (long)n;
}
