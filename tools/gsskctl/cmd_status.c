// SPDX-License-Identifier: GPL-2.0
/*
 * gsskctl status [--json]: is gssk.ko loaded, and its version, limits,
 * live contexts, pending tokens, self-test and counters (GSSK_CMD_STATS).
 */
#include <stdlib.h>
#include <string.h>

#include "gsskctl.h"

static const char *selftest_text(uint32_t r)
{
	switch (r) {
	case GSSK_SELFTEST_PASSED:
		return "passed";
	case GSSK_SELFTEST_FAILED:
		return "failed";
	case GSSK_SELFTEST_NOT_RUN:
		return "not run";
	default:
		return "unknown";
	}
}

static uint64_t refusals_total(const struct gssk_stats *st)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < st->n_refusals; i++)
		n += st->refusals[i].count;
	return n;
}

static void print_text(const struct gssk_stats *st)
{
	size_t i;

	printf("module: loaded\n");
	printf("version: %s\n", st->version);
	printf("abi-version: %u\n", st->abi_version);
	printf("default-ttl: %u\n", st->default_ttl);
	printf("max-ttl: %u\n", st->max_ttl);
	printf("max-tokens-per-user: %u\n", st->max_tokens_per_user);
	printf("contexts: %llu\n", (unsigned long long)st->contexts);
	printf("pending-tokens: %llu\n", (unsigned long long)st->tokens);
	printf("self-test: %s (%u vectors)\n", selftest_text(st->selftest),
	       st->selftest_vectors);
	printf("loads: %llu\n", (unsigned long long)st->loads);
	printf("exports: %llu\n", (unsigned long long)st->exports);
	printf("imports: %llu\n", (unsigned long long)st->imports);
	printf("deletes: %llu\n", (unsigned long long)st->deletes);
	printf("refusals: %llu\n", (unsigned long long)refusals_total(st));
	for (i = 0; i < st->n_refusals; i++) {
		char *text = status_text(st->refusals[i].minor,
					 GSS_C_MECH_CODE);

		printf("refused 0x%08x: %llu (%s)\n", st->refusals[i].minor,
		       (unsigned long long)st->refusals[i].count,
		       text ? text : "?");
		free(text);
	}
}

static void print_json(const struct gssk_stats *st)
{
	size_t i;

	printf("{\"loaded\":true,\"version\":");
	json_string(stdout, st->version);
	printf(",\"abi_version\":%u,\"limits\":{\"default_ttl\":%u,"
	       "\"max_ttl\":%u,\"max_tokens_per_user\":%u},"
	       "\"contexts\":%llu,\"pending_tokens\":%llu,"
	       "\"selftest\":{\"result\":\"%s\",\"vectors\":%u},"
	       "\"counters\":{\"loads\":%llu,\"exports\":%llu,"
	       "\"imports\":%llu,\"deletes\":%llu,\"refusals\":%llu},"
	       "\"refusals\":[",
	       st->abi_version, st->default_ttl, st->max_ttl,
	       st->max_tokens_per_user, (unsigned long long)st->contexts,
	       (unsigned long long)st->tokens, selftest_text(st->selftest),
	       st->selftest_vectors, (unsigned long long)st->loads,
	       (unsigned long long)st->exports,
	       (unsigned long long)st->imports,
	       (unsigned long long)st->deletes,
	       (unsigned long long)refusals_total(st));
	for (i = 0; i < st->n_refusals; i++) {
		char *text = status_text(st->refusals[i].minor,
					 GSS_C_MECH_CODE);

		printf("%s{\"minor\":%u,\"count\":%llu,\"message\":",
		       i ? "," : "", st->refusals[i].minor,
		       (unsigned long long)st->refusals[i].count);
		json_string(stdout, text ? text : "");
		putchar('}');
		free(text);
	}
	printf("]}\n");
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		OPT_END,
	};
	OM_uint32 major, minor;
	struct gssk_stats st;
	bool json = false;

	while (next_opt(argc, argv, opts) != -1)
		json = true;
	if (argc != optind)
		usage_error("unexpected argument \"%s\" (to explain status "
			    "codes, use 'gsskctl explain')", argv[optind]);

	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	major = gssk_get_stats(&minor, &st);
	if (GSS_ERROR(major) && minor == GSSK_MINOR_MODULE_NOT_LOADED) {
		if (json)
			printf("{\"loaded\":false}\n");
		else
			printf("module: not loaded\n");
		return EXIT_NOT_LOADED;
	}
	if (GSS_ERROR(major))
		gss_failure(major, minor);
	if (json)
		print_json(&st);
	else
		print_text(&st);
	gssk_release_stats(&minor, &st);
	return EXIT_OK;
}

const struct gsskctl_cmd gsskctl_cmd_status = {
	.name = "status",
	.synopsis = "[--json]",
	.summary = "show whether gssk.ko is loaded, its limits and counters",
	.help =
"Prints \"module: not loaded\" and exits 3 when gssk.ko is not loaded.\n"
"Otherwise one \"field: value\" line each: module, version, abi-version,\n"
"default-ttl, max-ttl, max-tokens-per-user (the module parameters in\n"
"force), contexts (live contexts, in keys and in pending tokens),\n"
"pending-tokens, self-test (result and number of known-answer vectors),\n"
"loads, exports, imports, deletes, refusals (successful operations and\n"
"refusals since the module loaded, for every user), then one line\n"
"\"refused 0xMINOR: COUNT (explanation)\" for each gssk minor status that\n"
"has refused a request.\n"
"\n"
"  --json   one JSON object instead ({\"loaded\": false} without the\n"
"           module)\n",
	.run = run,
};
