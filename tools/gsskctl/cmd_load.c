// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl load: hand an established context's fields (keys included) to
 * the kernel and print the new key's serial. For tests and tools that
 * already hold a context; programs use gssk_load_sec_context().
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gsskctl.h"

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

static int run(int argc, char **argv)
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
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_load = {
	.name = "load",
	.synopsis =
	"--enctype N --key HEX|- --role initiator|acceptor --flags LIST\n"
	"       [--subkey HEX|- --subkey-enctype N] [--send-seq N] [--recv-seq N]\n"
	"       [--initiator NAME] [--acceptor NAME]\n"
	"       [--lifetime SECONDS | --endtime UNIX] [--keyring KEYRING]\n"
	"       [--description TEXT]",
	.summary = "load a context's fields into the kernel, print its serial",
	.help =
"A key given as \"-\" is read in hex from standard input, which keeps it\n"
"off the command line. Flags (comma list): deleg, mutual, replay,\n"
"sequence, conf, integ, anon, prot_ready, trans, or none. Enctypes: 17,\n"
"18, 19, 20 or their names. Keyrings: a serial or @t, @p, @s, @u, @us\n"
"(default @s). --lifetime 0 and --endtime 0 mean no end.\n",
	.run = run,
};
