// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl list [--json]: the contexts the caller possesses, found by
 * walking its thread, process, session and user keyrings (@t @p @s @u)
 * and every keyring linked below them, each key once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <keyutils.h>

#include "gsskctl.h"

struct walk {
	key_serial_t *seen;	/* keys and keyrings visited */
	size_t n_seen, cap_seen;
	int32_t *found;		/* gssk keys, in walk order */
	size_t n_found, cap_found;
};

static bool push(int32_t **arr, size_t *n, size_t *cap, int32_t v)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		int32_t *p = realloc(*arr, c * sizeof(**arr));

		if (!p)
			return false;
		*arr = p;
		*cap = c;
	}
	(*arr)[(*n)++] = v;
	return true;
}

static bool seen(struct walk *w, key_serial_t k)
{
	size_t i;

	for (i = 0; i < w->n_seen; i++)
		if (w->seen[i] == k)
			return true;
	if (!push(&w->seen, &w->n_seen, &w->cap_seen, k))
		die("out of memory");
	return false;
}

/* "type;uid;gid;perm;description": is it of type name? */
static bool key_is(key_serial_t k, const char *type)
{
	char *desc = NULL;
	size_t len = strlen(type);
	bool is;

	if (keyctl_describe_alloc(k, &desc) < 0)
		return false;	/* gone, or not viewable */
	is = strncmp(desc, type, len) == 0 && desc[len] == ';';
	free(desc);
	return is;
}

static void walk_ring(struct walk *w, key_serial_t ring, int depth)
{
	key_serial_t *keys = NULL;
	long n, i;

	if (depth > 16)		/* the kernel itself nests at most 6 */
		return;
	n = keyctl_read_alloc(ring, (void **)&keys);
	if (n < 0)
		return;		/* no read permission: not ours to list */
	n /= (long)sizeof(key_serial_t);
	for (i = 0; i < n; i++) {
		if (seen(w, keys[i]))
			continue;
		if (key_is(keys[i], "gssk")) {
			if (!push(&w->found, &w->n_found, &w->cap_found,
				  keys[i]))
				die("out of memory");
		} else if (key_is(keys[i], "keyring")) {
			walk_ring(w, keys[i], depth + 1);
		}
	}
	free(keys);
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
	if (GSS_ERROR(major) && minor == GSSKCTL_MINOR_NOT_LOADED)
		gss_failure(major, minor);
	gssk_release_stats(&minor, &st);

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		/* without creating a keyring that does not exist yet */
		key_serial_t ring = keyctl_get_keyring_ID(roots[i], 0);

		if (ring > 0 && !seen(&w, ring))
			walk_ring(&w, ring, 0);
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
	free(w.seen);
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
