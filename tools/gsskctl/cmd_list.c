// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl list [--json]: the contexts the caller possesses, found by
 * walking its thread, process, session and user keyrings (@t @p @s @u)
 * and every keyring linked below them with libkeyutils'
 * recursive_key_scan(), each key once.
 */
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

struct walk {
	int32_t *found;		/* gssk keys, in walk order, each once */
	size_t n_found, cap_found;
};

/*
 * recursive_key_scan()'s callback, for every key below a root keyring
 * (keyrings it cannot read are not descended into; desc is NULL for a key
 * it cannot describe). A key linked from two keyrings is seen twice.
 */
static int found_key(key_serial_t parent, key_serial_t key, char *desc,
		     int desc_len, void *data)
{
	struct walk *w = data;
	size_t i;

	(void)parent;
	/* "type;uid;gid;perm;description" */
	if (!desc || desc_len < 5 || strncmp(desc, "gssk;", 5) != 0)
		return 0;
	for (i = 0; i < w->n_found; i++)
		if (w->found[i] == key)
			return 0;
	if (w->n_found == w->cap_found) {
		size_t c = w->cap_found ? w->cap_found * 2 : 32;
		int32_t *p = realloc(w->found, c * sizeof(*p));

		if (!p)
			die("out of memory");
		w->found = p;
		w->cap_found = c;
	}
	w->found[w->n_found++] = key;
	return 1;
}

static void print_row(const struct ctxinfo *ci)
{
	char life[24];
	const char *desc = ci->description ? ci->description : "";

	if (ci->major) {
		printf("%-10d %s: %s\n", (int)ci->serial, desc, ci->error);
		return;
	}
	if (ci->info.lifetime == GSS_C_INDEFINITE)
		snprintf(life, sizeof(life), "-");
	else
		snprintf(life, sizeof(life), "%u", ci->info.lifetime);
	printf("%-10d %-9s %-7u %-10s ", (int)ci->serial,
	       ci->info.initiate ? "initiator" : "acceptor", ci->info.enctype,
	       life);
	if (ci->have_seq)
		printf("%-10llu %-10llu ", (unsigned long long)ci->send_seq,
		       (unsigned long long)ci->recv_seq);
	else
		printf("%-10s %-10s ", "-", "-");
	printf("%s %s -> %s\n", desc, *ci->initiator ? ci->initiator : "-",
	       *ci->acceptor ? ci->acceptor : "-");
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		OPT_END,
	};
	static const key_serial_t roots[] = {
		KEY_SPEC_THREAD_KEYRING, KEY_SPEC_PROCESS_KEYRING,
		KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING,
	};
	struct walk w = { 0 };
	OM_uint32 major, minor;
	struct gssk_stats st;
	bool json = false;
	size_t i;

	while (next_opt(argc, argv, opts) != -1)
		json = true;
	if (argc != optind)
		usage_error("unexpected argument \"%s\"", argv[optind]);

	/* tell "no contexts" from "no module" */
	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	major = gssk_get_stats(&minor, &st);
	if (GSS_ERROR(major) && minor == GSSK_MINOR_MODULE_NOT_LOADED)
		gss_failure(major, minor);
	gssk_release_stats(&minor, &st);

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		/* without creating a keyring that does not exist yet */
		key_serial_t ring = keyctl_get_keyring_ID(roots[i], 0);

		if (ring > 0)
			recursive_key_scan(ring, found_key, &w);
	}

	if (json)
		fputs("{\"contexts\":[", stdout);
	else
		printf("%-10s %-9s %-7s %-10s %-10s %-10s %s\n", "SERIAL",
		       "ROLE", "ENCTYPE", "LIFETIME", "SEND-SEQ", "RECV-SEQ",
		       "DESCRIPTION INITIATOR -> ACCEPTOR");
	for (i = 0; i < w.n_found; i++) {
		struct ctxinfo ci;

		ctxinfo_get(w.found[i], &ci);
		if (json) {
			if (i)
				putchar(',');
			ctxinfo_print_json(stdout, &ci);
		} else {
			print_row(&ci);
		}
		ctxinfo_release(&ci);
	}
	if (json)
		fputs("]}\n", stdout);
	free(w.found);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_list = {
	.name = "list",
	.synopsis = "[--json]",
	.summary = "list the contexts the caller possesses",
	.help =
"Walks the caller's thread, process, session and user keyrings (@t @p @s\n"
"@u) and the keyrings linked below them, and prints one line per gssk key:\n"
"serial, role, enctype, lifetime (seconds left, \"-\" for none), send and\n"
"receive sequence numbers, key description, initiator -> acceptor. A key\n"
"that cannot be inquired (expired, no permission) is listed with the\n"
"reason. Keyrings the caller cannot read are skipped.\n"
"\n"
"  --json   {\"contexts\": [...]} with the objects of 'show --json'; a\n"
"           context that cannot be inquired has an \"error\" member\n",
	.run = run,
};
