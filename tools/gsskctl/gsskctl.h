/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gsskctl: definitions shared by the subcommands (one file each, cmd_*.c)
 * and the helpers (main.c, common.c, parse.c, token_io.c, json.c,
 * context.c).
 */
#ifndef GSSKCTL_H
#define GSSKCTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <keyutils.h>
#include <gssk/gssk.h>

/* Exit statuses (man/gsskctl.8). */
#define EXIT_OK			0
#define EXIT_FAIL		1	/* refused by gssk, or an I/O error */
#define EXIT_USAGE		2	/* bad command line */
#define EXIT_NOT_LOADED		3	/* gssk.ko is not loaded */


/* One subcommand. */
struct gsskctl_cmd {
	const char *name;
	const char *synopsis;	/* arguments, for the usage text */
	const char *summary;	/* one line, for the usage text */
	const char *help;	/* the rest of "gsskctl help NAME" */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

extern const struct gsskctl_cmd gsskctl_cmd_status, gsskctl_cmd_list,
	gsskctl_cmd_show, gsskctl_cmd_export, gsskctl_cmd_import,
	gsskctl_cmd_delete, gsskctl_cmd_load, gsskctl_cmd_random_key,
	gsskctl_cmd_explain, gsskctl_cmd_help;

/* The command table (main.c), NULL-terminated. */
extern const struct gsskctl_cmd *const gsskctl_cmds[];
const struct gsskctl_cmd *gsskctl_find(const char *name);
void gsskctl_print_usage(FILE *f);
void gsskctl_print_help(FILE *f, const struct gsskctl_cmd *c);

/* ---- messages and exits (common.c) ---- */

extern const char *gsskctl_cmdname;	/* the running subcommand */
extern bool gsskctl_verbose;		/* -v: numeric codes too */

void usage_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
void die(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
/* All messages of a status code joined by ", "; caller frees. */
char *status_text(OM_uint32 code, int type);
/*
 * Print the one-line refusal "gsskctl: CMD: MAJOR; MINOR[: KERNEL]" and
 * return the exit status it calls for (EXIT_NOT_LOADED or EXIT_FAIL).
 */
int gss_report(OM_uint32 major, OM_uint32 minor);
void gss_failure(OM_uint32 major, OM_uint32 minor) __attribute__((noreturn));

/* ---- argument parsing (parse.c) ---- */

#define OPT_END { NULL, 0, NULL, 0 }
/* Options of a subcommand: getopt_long with gsskctl's messages. */
int next_opt(int argc, char **argv, const struct option *opts);
/* For commands without options: parse (refusing any) and return optind. */
int no_options(int argc, char **argv);
bool parse_u64(const char *s, int base, uint64_t max, uint64_t *out);
uint64_t need_u64(const char *opt, const char *s, uint64_t max);
int32_t need_serial(const char *s);
int32_t need_keyring(const char *s);
uint32_t need_enctype(const char *opt, const char *s, bool any_number);
const char *enctype_name(uint32_t enctype);
size_t enctype_key_len(uint32_t enctype);
OM_uint32 need_flags(const char *list);
/* "mutual,integ" or "none"; unknown bits as 0x...; caller frees. */
char *flags_text(OM_uint32 flags);
/* Hex to bytes (whitespace skipped); -1 if malformed or over max. */
long unhex(const char *s, unsigned char *out, size_t max);

/* ---- token and file input/output (token_io.c) ---- */

/* Read all of fd, at most max bytes: -1 on error or if there is more. */
long read_all(int fd, unsigned char *buf, size_t max);
int write_all(int fd, const void *buf, size_t len);
/* Base64 (RFC 4648, with padding) of n bytes into out (4*ceil(n/3)+1). */
void base64_encode(const unsigned char *in, size_t n, char *out);
/*
 * Decode base64 text (whitespace skipped, padding optional); -1 if it is
 * not base64 or decodes to more than max bytes.
 */
long base64_decode(const char *in, size_t len, unsigned char *out,
		   size_t max);
/* True if every byte is in the base64 alphabet, '=' or whitespace. */
bool looks_base64(const unsigned char *p, size_t len);

/* ---- JSON output (json.c) ---- */

/* s as a JSON string (quoted, escaped; invalid UTF-8 as U+FFFD). */
void json_string(FILE *f, const char *s);

/* ---- one context's public facts (context.c) ---- */

struct ctxinfo {
	int32_t serial;
	char *description;	/* from keyctl describe; NULL if unreadable */
	OM_uint32 major, minor;	/* nonzero major: inquire failed */
	char *error;		/* the failure line's text, if it failed */
	char *initiator, *acceptor;
	struct gssk_context_info info;
	char *mech;		/* dotted OID */
	int open;
	bool have_seq;
	uint64_t send_seq, recv_seq;
};

/* Inquire a serial; failures are recorded in ci, not printed. */
void ctxinfo_get(int32_t serial, struct ctxinfo *ci);
void ctxinfo_release(struct ctxinfo *ci);
void ctxinfo_print_text(const struct ctxinfo *ci);
void ctxinfo_print_json(FILE *f, const struct ctxinfo *ci);

#endif /* GSSKCTL_H */
