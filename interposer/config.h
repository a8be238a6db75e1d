/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The interposer's configuration: a root-owned file,
 * /etc/gssk/interposer.conf (gssk-interposer(8) describes it), read once
 * per process on first use. GSSK_INTERPOSER_CONF names another file; it
 * is read with secure_getenv(), so a setuid or setgid program ignores it.
 *
 * The file has a [default] section and [program PATH] sections; the
 * settings of the section whose PATH is this process's executable
 * (/proc/self/exe) override those of [default], which override the
 * built-in defaults below.
 */
#ifndef GSSI_CONFIG_H
#define GSSI_CONFIG_H

#include <stdbool.h>
#include <sys/types.h>

#define GSSI_CONF_PATH "/etc/gssk/interposer.conf"
#define GSSI_CONF_ENV "GSSK_INTERPOSER_CONF"

enum gssi_load_at {
	GSSI_LOAD_AT_EXPORT,		/* default */
	GSSI_LOAD_AT_ESTABLISH,
};

enum gssi_cgroup_rule {
	GSSI_CGROUP_ANY,		/* default */
	GSSI_CGROUP_OWN,		/* the exporter's own cgroup, or below */
	GSSI_CGROUP_PATH,		/* cgroup_path, or below */
};

struct gssi_config {
	bool interpose;			/* default true */
	enum gssi_load_at load_at;
	bool fallback_forward;		/* default false: refuse the export */
	bool session_keyring;		/* default false: the process keyring */
	bool importer_uid_set;		/* default false: the exporter's euid */
	uid_t importer_uid;
	bool any_session;		/* default false: the same session */
	enum gssi_cgroup_rule cgroup;
	char cgroup_path[256];
	unsigned int ttl;		/* seconds; 0: the module's default */
};

/*
 * This process's settings, or NULL if the file could not be used (it
 * exists but is not a regular file owned by root - or, for the file that
 * GSSK_INTERPOSER_CONF names, by the real user - or is writable by group
 * or others, or has a line it does not understand). Then
 * gssi_config_error() says why; the interposer forwards what the real
 * mechanism holds and refuses every export, so a broken file never
 * weakens a policy. The result is read-only and lives as long as the
 * process.
 */
const struct gssi_config *gssi_config(void);

/* Why gssi_config() returned NULL ("file:line: text"), or NULL. */
const char *gssi_config_error(void);

/* Parse a file into *conf for exe (exposed for the host unit test). */
int gssi_config_parse(const char *path, const char *exe, bool env_file,
		      struct gssi_config *conf, char *err, size_t err_len);

#endif /* GSSI_CONFIG_H */
