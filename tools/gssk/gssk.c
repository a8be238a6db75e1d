// SPDX-License-Identifier: GPL-2.0
/*
 * gssk: command-line front end to libgssk.
 *
 *   gssk [-v] load --enctype N --key HEX --role ROLE --flags LIST [...]
 *   gssk [-v] random-key --enctype N
 *   gssk [-v] inquire SERIAL
 *   gssk [-v] export SERIAL [--uid UID] [--any-session] [--cgroup PATH]
 *                    [--own-cgroup] [--ttl SECONDS] [--out FILE]
 *   gssk [-v] import [--in FILE | HEX] [--keyring SERIAL]
 *   gssk [-v] delete SERIAL
 *   gssk [-v] status MAJOR [MINOR]
 *
 * Failures print "gssk: COMMAND: MAJOR; MINOR[: KERNEL MESSAGE]" on
 * stderr and exit 1; usage errors exit 2. See docs/gssk-cli.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gssk/gssk.h>

/* from <keyutils.h>; the CLI does not link libkeyutils itself */
#define KEY_SPEC_THREAD_KEYRING		-1
#define KEY_SPEC_PROCESS_KEYRING	-2
#define KEY_SPEC_SESSION_KEYRING	-3
#define KEY_SPEC_USER_KEYRING		-4
#define KEY_SPEC_USER_SESSION_KEYRING	-5

#define EXIT_USAGE 2

static const char *cmd;		/* the subcommand, for messages */
static bool verbose;

static const char usage_text[] =
"usage: gssk [-v] COMMAND [ARGS]\n"
"\n"
"  load --enctype N --key HEX|- --role initiator|acceptor --flags LIST\n"
"       [--subkey HEX|- --subkey-enctype N] [--send-seq N] [--recv-seq N]\n"
"       [--initiator NAME] [--acceptor NAME]\n"
"       [--lifetime SECONDS | --endtime UNIX] [--keyring SERIAL]\n"
"       [--description TEXT]                   load a context, print serial\n"
"  random-key --enctype N                     print a random key in hex\n"
"  inquire SERIAL                             print a context's fields\n"
"  export SERIAL [--uid UID] [--any-session] [--cgroup PATH]\n"
"       [--own-cgroup] [--ttl SECONDS] [--out FILE]\n"
"                                             export, print/write token\n"
"  import [--in FILE | HEX] [--keyring SERIAL] import a token, print serial\n"
"  delete SERIAL                              delete a context\n"
"  status MAJOR [MINOR]                       explain status codes\n"
"\n"
"  -v, --verbose   also print the numeric status codes of a failure\n"
"  -h, --help      this text\n"
"\n"
"Flags (comma list): deleg, mutual, replay, sequence, conf, integ, anon,\n"
"prot_ready, trans, or none. Enctypes: 17, 18, 19, 20 or their names.\n"
"Keyrings: a serial or @t, @p, @s, @u, @us.\n";

static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, cmd ? "gssk: %s: " : "gssk: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'gssk --help'.\n");
	exit(EXIT_USAGE);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gssk: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAILURE);
}

/* ---- status reporting ---- */

/* All messages of a status code, joined by ", ". Caller frees. */
static char *status_text(OM_uint32 code, int type)
{
	OM_uint32 minor, ctx = 0, major;
	size_t len = 0;
	char *out = NULL;

	do {
		gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
		char *p;

		major = gssk_display_status(&minor, code, type, GSS_C_NO_OID,
					    &ctx, &buf);
		if (GSS_ERROR(major))
			break;
		p = realloc(out, len + buf.length + 3);
		if (!p) {
			gssk_release_buffer(&minor, &buf);
			break;
		}
		out = p;
		if (len) {
			memcpy(out + len, ", ", 2);
			len += 2;
		}
		memcpy(out + len, buf.value, buf.length);
		len += buf.length;
		out[len] = '\0';
		gssk_release_buffer(&minor, &buf);
	} while (ctx != 0);

	if (!out) {
		out = malloc(48);
		if (out)
			snprintf(out, 48, "%s status 0x%08x",
				 type == GSS_C_GSS_CODE ? "unknown major"
							: "unknown minor",
				 code);
	}
	return out;
}

static void __attribute__((noreturn))
gss_failure(OM_uint32 major, OM_uint32 minor)
{
	char *mj = status_text(major, GSS_C_GSS_CODE);
	char *mn = status_text(minor, GSS_C_MECH_CODE);
	const char *kmsg = gssk_last_error();

	fprintf(stderr, "gssk: %s: %s; %s", cmd, mj ? mj : "?",
		mn ? mn : "?");
	if (kmsg && *kmsg)
		fprintf(stderr, ": %s", kmsg);
	fputc('\n', stderr);
	if (verbose)
		fprintf(stderr, "gssk: %s: major 0x%08x, minor 0x%08x\n", cmd,
			major, minor);
	free(mj);
	free(mn);
	exit(EXIT_FAILURE);
}

/* ---- argument parsing ---- */

static bool parse_u64(const char *s, int base, uint64_t max, uint64_t *out)
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

static uint64_t need_u64(const char *opt, const char *s, uint64_t max)
{
	uint64_t v;

	if (!parse_u64(s, 10, max, &v))
		usage_error("%s: \"%s\" is not a number from 0 to %llu", opt,
			    s, (unsigned long long)max);
	return v;
}

static int32_t need_serial(const char *s)
{
	uint64_t v;

	if (!parse_u64(s, 10, INT32_MAX, &v) || v == 0)
		usage_error("\"%s\" is not a key serial", s ? s : "");
	return (int32_t)v;
}

static int32_t need_keyring(const char *s)
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

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
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
};
#define N_ENCTYPES (sizeof(enctypes) / sizeof(enctypes[0]))

static const char *enctype_name(uint32_t e)
{
	size_t i;

	for (i = 0; i < N_ENCTYPES; i++)
		if (enctypes[i].enctype == e)
			return enctypes[i].name;
	return NULL;
}

/*
 * A known enctype by number or name; with any_number, any number passes
 * (the kernel decides which it supports).
 */
static uint32_t need_enctype(const char *opt, const char *s, bool any_number)
{
	uint64_t v;
	size_t i;

	for (i = 0; i < N_ENCTYPES; i++)
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
#define N_FLAGS (sizeof(flag_names) / sizeof(flag_names[0]))

static OM_uint32 need_flags(const char *list)
{
	OM_uint32 flags = 0;
	const char *p = list;

	if (strcmp(list, "none") == 0)
		return 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;
		bool found = false;

		for (i = 0; i < N_FLAGS; i++) {
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

static void print_flags(OM_uint32 flags)
{
	const char *sep = "";
	size_t i;

	if (!flags) {
		printf("none");
		return;
	}
	for (i = 0; i < N_FLAGS; i++) {
		if (flags & flag_names[i].bit) {
			printf("%s%s", sep, flag_names[i].name);
			sep = ",";
			flags &= ~flag_names[i].bit;
		}
	}
	if (flags)
		printf("%s0x%x", sep, flags);
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

/* Decode hex (spaces, tabs and newlines skipped). -1 if malformed. */
static long unhex(const char *s, unsigned char *out, size_t max)
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

static void print_hex(FILE *f, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
}

/* Read all of fd (at most max bytes). -1 on error or overflow. */
static long read_all(int fd, unsigned char *buf, size_t max)
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

/*
 * A key in hex from the argument, or from standard input for "-" (so it
 * stays out of the process's command line). The argument is wiped.
 */
static size_t read_key(const char *opt, char *arg, unsigned char *key,
		       size_t max, bool *stdin_used)
{
	char text[4 * GSSK_KEY_MAX + 2];
	long n;

	if (strcmp(arg, "-") == 0) {
		long got;

		if (*stdin_used)
			usage_error("%s: standard input is already used", opt);
		*stdin_used = true;
		got = read_all(STDIN_FILENO, (unsigned char *)text,
			       sizeof(text) - 1);
		if (got < 0)
			die("%s: cannot read the key from standard input",
			    opt);
		text[got] = '\0';
		n = unhex(text, key, max);
		explicit_bzero(text, sizeof(text));
	} else {
		n = unhex(arg, key, max);
		explicit_bzero(arg, strlen(arg));
	}
	if (n <= 0)
		usage_error("%s: expected 1 to %zu bytes in hex", opt, max);
	return (size_t)n;
}

/* Reset getopt and parse the subcommand's options. */
#define OPT_END { NULL, 0, NULL, 0 }

static int next_opt(int argc, char **argv, const struct option *opts)
{
	int c;

	opterr = 0;	/* our own messages */
	c = getopt_long(argc, argv, "", opts, NULL);
	if (c == '?' || c == ':')
		usage_error("unknown option or missing value: %s",
			    argv[optind - 1]);
	return c;
}

/* ---- commands ---- */

static int cmd_load(int argc, char **argv)
{
	enum { O_ENCTYPE = 256, O_KEY, O_SUBKEY, O_SUBKEY_ENCTYPE, O_ROLE,
	       O_FLAGS, O_SEND_SEQ, O_RECV_SEQ, O_INITIATOR, O_ACCEPTOR,
	       O_LIFETIME, O_ENDTIME, O_KEYRING, O_DESCRIPTION };
	static const struct option opts[] = {
		{ "enctype", required_argument, NULL, O_ENCTYPE },
		{ "key", required_argument, NULL, O_KEY },
		{ "subkey", required_argument, NULL, O_SUBKEY },
		{ "subkey-enctype", required_argument, NULL, O_SUBKEY_ENCTYPE },
		{ "role", required_argument, NULL, O_ROLE },
		{ "flags", required_argument, NULL, O_FLAGS },
		{ "send-seq", required_argument, NULL, O_SEND_SEQ },
		{ "recv-seq", required_argument, NULL, O_RECV_SEQ },
		{ "initiator", required_argument, NULL, O_INITIATOR },
		{ "acceptor", required_argument, NULL, O_ACCEPTOR },
		{ "lifetime", required_argument, NULL, O_LIFETIME },
		{ "endtime", required_argument, NULL, O_ENDTIME },
		{ "keyring", required_argument, NULL, O_KEYRING },
		{ "description", required_argument, NULL, O_DESCRIPTION },
		OPT_END,
	};
	unsigned char key[GSSK_KEY_MAX], subkey[GSSK_KEY_MAX];
	struct gssk_context_fields f;
	bool have_enctype = false, have_role = false, have_flags = false;
	bool stdin_used = false, have_lifetime = false, have_endtime = false;
	char *key_arg = NULL, *subkey_arg = NULL;
	const char *description = NULL;
	uint64_t lifetime = 0;
	int32_t keyring = 0;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor;
	int c;

	memset(&f, 0, sizeof(f));
	while ((c = next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case O_ENCTYPE:
			f.enctype = need_enctype("--enctype", optarg, true);
			have_enctype = true;
			break;
		case O_KEY:
			key_arg = optarg;
			break;
		case O_SUBKEY:
			subkey_arg = optarg;
			break;
		case O_SUBKEY_ENCTYPE:
			f.subkey_enctype = need_enctype("--subkey-enctype",
							optarg, true);
			break;
		case O_ROLE:
			if (strcmp(optarg, "initiator") == 0)
				f.initiate = 1;
			else if (strcmp(optarg, "acceptor") == 0)
				f.initiate = 0;
			else
				usage_error("--role: \"%s\" is neither "
					    "initiator nor acceptor", optarg);
			have_role = true;
			break;
		case O_FLAGS:
			f.flags = need_flags(optarg);
			have_flags = true;
			break;
		case O_SEND_SEQ:
			f.send_seq = need_u64("--send-seq", optarg, UINT64_MAX);
			break;
		case O_RECV_SEQ:
			f.recv_seq = need_u64("--recv-seq", optarg, UINT64_MAX);
			break;
		case O_INITIATOR:
			f.initiator_name = optarg;
			break;
		case O_ACCEPTOR:
			f.acceptor_name = optarg;
			break;
		case O_LIFETIME:
			lifetime = need_u64("--lifetime", optarg, UINT32_MAX);
			have_lifetime = true;
			break;
		case O_ENDTIME:
			f.endtime = need_u64("--endtime", optarg, INT64_MAX);
			have_endtime = true;
			break;
		case O_KEYRING:
			keyring = need_keyring(optarg);
			break;
		case O_DESCRIPTION:
			description = optarg;
			break;
		}
	}
	if (optind != argc)
		usage_error("unexpected argument \"%s\"", argv[optind]);
	if (!have_enctype || !key_arg || !have_role || !have_flags)
		usage_error("--enctype, --key, --role and --flags are "
			    "required");
	if (!subkey_arg != !f.subkey_enctype)
		usage_error("--subkey and --subkey-enctype go together");
	if (have_lifetime && have_endtime)
		usage_error("--lifetime and --endtime exclude each other");
	if (have_lifetime)
		f.endtime = lifetime ? (uint64_t)time(NULL) + lifetime : 0;

	f.key_len = read_key("--key", key_arg, key, sizeof(key), &stdin_used);
	f.key = key;
	if (subkey_arg) {
		f.subkey_len = read_key("--subkey", subkey_arg, subkey,
					sizeof(subkey), &stdin_used);
		f.subkey = subkey;
	}

	major = gssk_load_sec_context(&minor, &f, keyring, description, &h);
	explicit_bzero(key, sizeof(key));
	explicit_bzero(subkey, sizeof(subkey));
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	printf("%d\n", (int)gssk_context_serial(h));
	gssk_release_context_handle(&minor, &h);
	return 0;
}

static int cmd_random_key(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "enctype", required_argument, NULL, 'e' },
		OPT_END,
	};
	unsigned char key[GSSK_KEY_MAX];
	uint32_t enctype = 0;
	size_t len = 0, i;
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1)
		if (c == 'e')
			enctype = need_enctype("--enctype", optarg, false);
	if (optind != argc)
		usage_error("unexpected argument \"%s\"", argv[optind]);
	if (!enctype)
		usage_error("--enctype is required");
	for (i = 0; i < N_ENCTYPES; i++)
		if (enctypes[i].enctype == enctype)
			len = enctypes[i].key_len;
	if (getrandom(key, len, 0) != (ssize_t)len)
		die("cannot get random bytes: %s", strerror(errno));
	print_hex(stdout, key, len);
	explicit_bzero(key, sizeof(key));
	return 0;
}

/* The handle for a SERIAL argument; exits on failure. */
static gss_ctx_id_t handle_for(const char *arg)
{
	int32_t serial = need_serial(arg);
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor;

	major = gssk_context_from_serial(&minor, serial, &h);
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	return h;
}

static void print_oid(const gss_OID oid)
{
	const unsigned char *p = oid->elements;
	unsigned long v = 0;
	OM_uint32 i;

	if (!oid->length)
		return;
	printf("%u.%u", p[0] / 40 > 2 ? 2 : p[0] / 40,
	       p[0] / 40 > 2 ? p[0] - 80 : p[0] % 40);
	for (i = 1; i < oid->length; i++) {
		v = v << 7 | (p[i] & 0x7f);
		if (!(p[i] & 0x80)) {
			printf(".%lu", v);
			v = 0;
		}
	}
}

static void print_name(const char *field, gss_name_t name)
{
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	OM_uint32 minor;

	printf("%s: ", field);
	if (name != GSS_C_NO_NAME &&
	    gssk_display_name(&minor, name, &buf, NULL) == GSS_S_COMPLETE)
		printf("%.*s", (int)buf.length, (const char *)buf.value);
	putchar('\n');
	gssk_release_buffer(&minor, &buf);
}

static int cmd_inquire(int argc, char **argv)
{
	static const struct option opts[] = { OPT_END };
	struct gssk_context_info info;
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	OM_uint32 major, minor, lifetime, flags;
	gss_OID mech = GSS_C_NO_OID;
	int initiated, open;
	gss_ctx_id_t h;
	const char *ename;

	while (next_opt(argc, argv, opts) != -1)
		;
	if (argc - optind != 1)
		usage_error("expected one SERIAL");
	h = handle_for(argv[optind]);

	major = gssk_inquire_context(&minor, h, &src, &targ, &lifetime, &mech,
				     &flags, &initiated, &open);
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	major = gssk_inquire_context_info(&minor, h, &info);
	if (GSS_ERROR(major))
		gss_failure(major, minor);

	printf("serial: %d\n", (int)gssk_context_serial(h));
	print_name("initiator", src);
	print_name("acceptor", targ);
	ename = enctype_name(info.enctype);
	printf("enctype: %u%s%s%s\n", info.enctype, ename ? " (" : "",
	       ename ? ename : "", ename ? ")" : "");
	if (info.subkey_enctype) {
		ename = enctype_name(info.subkey_enctype);
		printf("subkey-enctype: %u%s%s%s\n", info.subkey_enctype,
		       ename ? " (" : "", ename ? ename : "", ename ? ")" : "");
	} else {
		printf("subkey-enctype: none\n");
	}
	printf("role: %s\n", initiated ? "initiator" : "acceptor");
	printf("flags: ");
	print_flags(flags);
	putchar('\n');
	if (lifetime == GSS_C_INDEFINITE)
		printf("lifetime: indefinite\n");
	else
		printf("lifetime: %u\n", lifetime);
	if (info.endtime)
		printf("endtime: %llu\n", (unsigned long long)info.endtime);
	else
		printf("endtime: none\n");
	printf("mech: ");
	if (mech)
		print_oid(mech);
	putchar('\n');
	printf("open: %s\n", open ? "yes" : "no");

	gssk_release_name(&minor, &src);
	gssk_release_name(&minor, &targ);
	gssk_release_context_handle(&minor, &h);
	return 0;
}

static int write_token(const char *path, const gss_buffer_t tok)
{
	const unsigned char *p = tok->value;
	size_t left = tok->length;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (left) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	return close(fd);
}

static int cmd_export(int argc, char **argv)
{
	enum { O_UID = 256, O_ANY_SESSION, O_CGROUP, O_OWN_CGROUP, O_TTL,
	       O_OUT };
	static const struct option opts[] = {
		{ "uid", required_argument, NULL, O_UID },
		{ "any-session", no_argument, NULL, O_ANY_SESSION },
		{ "cgroup", required_argument, NULL, O_CGROUP },
		{ "own-cgroup", no_argument, NULL, O_OWN_CGROUP },
		{ "ttl", required_argument, NULL, O_TTL },
		{ "out", required_argument, NULL, O_OUT },
		OPT_END,
	};
	struct gssk_export_policy pol = { .flags = 0, .cgroup_fd = -1 };
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	const char *cgroup = NULL, *out = NULL;
	OM_uint32 major, minor;
	gss_ctx_id_t h;
	int c, err;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		switch (c) {
		case O_UID:
			pol.uid = (uid_t)need_u64("--uid", optarg,
						  UINT32_MAX - 1);
			pol.flags |= GSSK_POLICY_UID;
			break;
		case O_ANY_SESSION:
			pol.flags |= GSSK_POLICY_ANY_SESSION;
			break;
		case O_CGROUP:
			cgroup = optarg;
			pol.flags |= GSSK_POLICY_CGROUP;
			break;
		case O_OWN_CGROUP:
			pol.flags |= GSSK_POLICY_OWN_CGROUP;
			break;
		case O_TTL:
			pol.ttl = (unsigned int)need_u64("--ttl", optarg,
							 UINT32_MAX);
			if (!pol.ttl)
				usage_error("--ttl: must be at least 1");
			break;
		case O_OUT:
			out = optarg;
			break;
		}
	}
	if (argc - optind != 1)
		usage_error("expected one SERIAL");
	if (cgroup) {
		pol.cgroup_fd = open(cgroup, O_RDONLY | O_DIRECTORY |
					     O_CLOEXEC);
		if (pol.cgroup_fd < 0)
			die("cannot open cgroup directory %s: %s", cgroup,
			    strerror(errno));
	}
	h = handle_for(argv[optind]);

	major = gssk_export_sec_context_policy(&minor, &h, &pol, &tok);
	if (pol.cgroup_fd >= 0)
		close(pol.cgroup_fd);
	if (GSS_ERROR(major))
		gss_failure(major, minor);

	/* the context now lives only in the token: never lose it silently */
	if (out) {
		if (write_token(out, &tok)) {
			err = errno;
			fprintf(stderr, "gssk: export: cannot write %s: %s; "
				"the token is:\n", out, strerror(err));
			print_hex(stderr, tok.value, tok.length);
			gssk_release_buffer(&minor, &tok);
			return EXIT_FAILURE;
		}
	} else {
		print_hex(stdout, tok.value, tok.length);
	}
	gssk_release_buffer(&minor, &tok);
	return 0;
}

static int cmd_import(int argc, char **argv)
{
	enum { O_IN = 256, O_KEYRING };
	static const struct option opts[] = {
		{ "in", required_argument, NULL, O_IN },
		{ "keyring", required_argument, NULL, O_KEYRING },
		OPT_END,
	};
	static unsigned char token[GSSK_TOKEN_MAX_LEN];
	static char text[2 * GSSK_TOKEN_MAX_LEN + 64];
	gss_buffer_desc tok;
	const char *in = NULL;
	int32_t keyring = 0;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor;
	long n;
	int c, fd;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c == O_IN)
			in = optarg;
		else if (c == O_KEYRING)
			keyring = need_keyring(optarg);
	}
	if (in && optind != argc)
		usage_error("give the token with --in FILE or as HEX, not both");
	if (argc - optind > 1)
		usage_error("unexpected argument \"%s\"", argv[optind + 1]);

	if (in) {
		fd = strcmp(in, "-") == 0 ? STDIN_FILENO
					  : open(in, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("cannot open %s: %s", in, strerror(errno));
		n = read_all(fd, token, sizeof(token));
		if (n < 0)
			die("cannot read %s (or it is over %d bytes)", in,
			    GSSK_TOKEN_MAX_LEN);
		if (fd != STDIN_FILENO)
			close(fd);
	} else {
		const char *hex = argv[optind];

		if (optind == argc) {	/* hex on standard input */
			n = read_all(STDIN_FILENO, (unsigned char *)text,
				     sizeof(text) - 1);
			if (n < 0)
				die("cannot read the token from standard "
				    "input");
			text[n] = '\0';
			hex = text;
		}
		n = unhex(hex, token, sizeof(token));
		if (n < 0)
			usage_error("the token is not hex of at most %d bytes",
				    GSSK_TOKEN_MAX_LEN);
	}
	if (n == 0)
		usage_error("the token is empty");

	tok.length = (size_t)n;
	tok.value = token;
	major = gssk_import_sec_context_keyring(&minor, &tok, keyring, &h);
	explicit_bzero(token, sizeof(token));
	explicit_bzero(text, sizeof(text));
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	printf("%d\n", (int)gssk_context_serial(h));
	gssk_release_context_handle(&minor, &h);
	return 0;
}

static int cmd_delete(int argc, char **argv)
{
	static const struct option opts[] = { OPT_END };
	OM_uint32 major, minor;
	gss_ctx_id_t h;

	while (next_opt(argc, argv, opts) != -1)
		;
	if (argc - optind != 1)
		usage_error("expected one SERIAL");
	h = handle_for(argv[optind]);
	major = gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	return 0;
}

/* Print each message of a status code as "LABEL 0xCODE: text". */
static bool print_status(const char *label, OM_uint32 code, int type)
{
	OM_uint32 minor, ctx = 0, major;

	do {
		gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;

		major = gssk_display_status(&minor, code, type, GSS_C_NO_OID,
					    &ctx, &buf);
		if (GSS_ERROR(major)) {
			fprintf(stderr, "gssk: status: %s 0x%08x: not a "
				"status code known to libgssk\n", label,
				code);
			return false;
		}
		printf("%s 0x%08x: %.*s\n", label, code, (int)buf.length,
		       (const char *)buf.value);
		gssk_release_buffer(&minor, &buf);
	} while (ctx != 0);
	return true;
}

/* A status code: decimal, or hex with 0x (a leading 0 is not octal). */
static OM_uint32 need_code(const char *s)
{
	int base = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
	uint64_t v;

	if (!parse_u64(s, base, UINT32_MAX, &v))
		usage_error("\"%s\" is not a 32-bit number", s);
	return (OM_uint32)v;
}

static int cmd_status(int argc, char **argv)
{
	static const struct option opts[] = { OPT_END };
	OM_uint32 major, minor = 0;
	bool good, have_minor;

	while (next_opt(argc, argv, opts) != -1)
		;
	if (argc - optind < 1 || argc - optind > 2)
		usage_error("expected MAJOR [MINOR]");
	/* both numbers are checked before anything is printed */
	have_minor = argc - optind == 2;
	major = need_code(argv[optind]);
	if (have_minor)
		minor = need_code(argv[optind + 1]);
	good = print_status("major", major, GSS_C_GSS_CODE);
	if (have_minor)
		good = print_status("minor", minor, GSS_C_MECH_CODE) && good;
	return good ? 0 : EXIT_FAILURE;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "load", cmd_load },
	{ "random-key", cmd_random_key },
	{ "inquire", cmd_inquire },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "delete", cmd_delete },
	{ "status", cmd_status },
};

int main(int argc, char **argv)
{
	int i = 1;
	size_t c;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			verbose = true;
		} else if (!strcmp(argv[i], "-h") ||
			   !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else {
			usage_error("unknown option \"%s\"", argv[i]);
		}
	}
	if (i == argc)
		usage_error("no command");
	if (!strcmp(argv[i], "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	for (c = 0; c < sizeof(commands) / sizeof(commands[0]); c++) {
		if (strcmp(argv[i], commands[c].name) == 0) {
			cmd = commands[c].name;
			/* getopt sees the subcommand as argv[0] */
			optind = 0;
			return commands[c].fn(argc - i, argv + i);
		}
	}
	usage_error("unknown command \"%s\"", argv[i]);
}
