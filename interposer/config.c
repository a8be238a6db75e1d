// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The configuration file (config.h): read once per process, on the first
 * call that needs it, under pthread_once; read-only after that.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "config.h"

#define CONF_MAX_BYTES (64 * 1024)

static pthread_once_t conf_once = PTHREAD_ONCE_INIT;
static struct gssi_config conf;
static int conf_ok;
static char conf_err[512];

static void set_defaults(struct gssi_config *c)
{
	memset(c, 0, sizeof(*c));
	c->interpose = true;
	c->load_at = GSSI_LOAD_AT_EXPORT;
	c->cgroup = GSSI_CGROUP_ANY;
}

/* Two-word choices: 0 for the first, 1 for the second, -1 for neither. */
static int choose(const char *v, const char *first, const char *second)
{
	if (strcmp(v, first) == 0)
		return 0;
	if (strcmp(v, second) == 0)
		return 1;
	return -1;
}

static int parse_uid(const char *v, uid_t *uid)
{
	struct passwd pw, *res = NULL;
	char buf[1024], *end;
	unsigned long n;

	if (isdigit((unsigned char)v[0])) {
		errno = 0;
		n = strtoul(v, &end, 10);
		if (errno || *end || n >= (uid_t)-1)
			return -1;
		*uid = (uid_t)n;
		return 0;
	}
	if (getpwnam_r(v, &pw, buf, sizeof(buf), &res) != 0 || !res)
		return -1;
	*uid = res->pw_uid;
	return 0;
}

/* Apply "key = value" to c; a message in err on failure. */
static int apply(struct gssi_config *c, const char *key, const char *v,
		 const char **why)
{
	unsigned long n;
	char *end;
	int r;

	if (strcmp(key, "interpose") == 0) {
		r = choose(v, "yes", "no");
		c->interpose = r == 0;
	} else if (strcmp(key, "load") == 0) {
		r = choose(v, "export", "establish");
		c->load_at = r == 1 ? GSSI_LOAD_AT_ESTABLISH :
				      GSSI_LOAD_AT_EXPORT;
	} else if (strcmp(key, "fallback") == 0) {
		r = choose(v, "refuse", "forward");
		c->fallback_forward = r == 1;
	} else if (strcmp(key, "keyring") == 0) {
		r = choose(v, "process", "session");
		c->session_keyring = r == 1;
	} else if (strcmp(key, "importer_session") == 0) {
		r = choose(v, "same", "any");
		c->any_session = r == 1;
	} else if (strcmp(key, "importer_uid") == 0) {
		c->importer_uid_set = strcmp(v, "exporter") != 0;
		r = c->importer_uid_set ? parse_uid(v, &c->importer_uid) : 0;
		if (r < 0) {
			*why = "not a uid, a user name or \"exporter\"";
			return -1;
		}
	} else if (strcmp(key, "importer_cgroup") == 0) {
		r = 0;
		if (strcmp(v, "any") == 0) {
			c->cgroup = GSSI_CGROUP_ANY;
		} else if (strcmp(v, "own") == 0) {
			c->cgroup = GSSI_CGROUP_OWN;
		} else if (v[0] == '/' &&
			   strlen(v) < sizeof(c->cgroup_path)) {
			c->cgroup = GSSI_CGROUP_PATH;
			strcpy(c->cgroup_path, v);
		} else {
			*why = "not \"any\", \"own\" or an absolute path";
			return -1;
		}
	} else if (strcmp(key, "ttl") == 0) {
		errno = 0;
		n = strtoul(v, &end, 10);
		if (!isdigit((unsigned char)v[0]) || errno || *end ||
		    n > UINT_MAX) {
			*why = "not a number of seconds";
			return -1;
		}
		c->ttl = (unsigned int)n;
		r = 0;
	} else {
		*why = "unknown setting";
		return -1;
	}
	if (r < 0) {
		*why = "value not allowed for this setting";
		return -1;
	}
	return 0;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * One pass over the text. Pass 0 applies [default] to c, pass 1 the
 * section of exe; lines of other sections go to a scratch copy, so that
 * every line is checked in both passes.
 */
static int parse_pass(const char *text, const char *exe, int pass,
		      struct gssi_config *c, const char *path, char *err,
		      size_t err_len)
{
	struct gssi_config scratch;
	char line[1024], *l, *eq, *hash;
	const char *p = text, *nl, *why;
	int lineno = 0, in_scope = 0;
	size_t len;

	set_defaults(&scratch);
	while (*p) {
		lineno++;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof(line)) {
			why = "line too long";
			goto bad;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = nl ? nl + 1 : p + len;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		l = trim(line);
		if (!*l)
			continue;
		if (l[0] == '[') {
			len = strlen(l);
			if (l[len - 1] != ']') {
				why = "section header without ']'";
				goto bad;
			}
			l[len - 1] = '\0';
			l = trim(l + 1);
			if (strcmp(l, "default") == 0) {
				in_scope = pass == 0;
			} else if (strncmp(l, "program", 7) == 0 &&
				   isspace((unsigned char)l[7])) {
				l = trim(l + 7);
				if (l[0] != '/') {
					why = "program path is not absolute";
					goto bad;
				}
				in_scope = pass == 1 && strcmp(l, exe) == 0;
			} else {
				why = "unknown section (not [default] or [program PATH])";
				goto bad;
			}
			continue;
		}
		eq = strchr(l, '=');
		if (!eq) {
			why = "not a section header or a \"setting = value\" line";
			goto bad;
		}
		*eq = '\0';
		if (apply(in_scope ? c : &scratch, trim(l), trim(eq + 1),
			  &why) < 0)
			goto bad;
	}
	return 0;
bad:
	snprintf(err, err_len, "%s:%d: %s", path, lineno, why);
	return -1;
}

int gssi_config_parse(const char *path, const char *exe, bool env_file,
		      struct gssi_config *c, char *err, size_t err_len)
{
	char *text = NULL;
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd, ret = -1;

	set_defaults(c);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT && !env_file)
			return 0;	/* no file: the built-in defaults */
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, err_len, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_uid != 0 && !(env_file && st.st_uid == getuid())) {
		snprintf(err, err_len, "%s: not owned by root", path);
		goto out;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, err_len, "%s: writable by group or others",
			 path);
		goto out;
	}
	if (st.st_size > CONF_MAX_BYTES) {
		snprintf(err, err_len, "%s: larger than %d bytes", path,
			 CONF_MAX_BYTES);
		goto out;
	}
	text = malloc((size_t)st.st_size + 1);
	if (!text) {
		snprintf(err, err_len, "%s: out of memory", path);
		goto out;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, text + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	text[got] = '\0';
	if (strlen(text) != got) {
		snprintf(err, err_len, "%s: contains a NUL byte", path);
		goto out;
	}
	if (parse_pass(text, exe, 0, c, path, err, err_len) == 0 &&
	    parse_pass(text, exe, 1, c, path, err, err_len) == 0)
		ret = 0;
out:
	free(text);
	close(fd);
	if (ret < 0)
		set_defaults(c);
	return ret;
}

static void conf_load(void)
{
	const char *path = secure_getenv(GSSI_CONF_ENV);
	bool env_file = path && *path;
	char exe[PATH_MAX];
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	conf_ok = gssi_config_parse(env_file ? path : GSSI_CONF_PATH, exe,
				    env_file, &conf, conf_err,
				    sizeof(conf_err)) == 0;
	/*
	 * Said once per process, since MIT's gss_export_sec_context drops
	 * the minor status that would explain the refusal.
	 */
	if (!conf_ok)
		syslog(LOG_AUTHPRIV | LOG_ERR,
		       "gssk-interposer: %s: every export is refused",
		       conf_err);
}

const struct gssi_config *gssi_config(void)
{
	pthread_once(&conf_once, conf_load);
	return conf_ok ? &conf : NULL;
}

const char *gssi_config_error(void)
{
	pthread_once(&conf_once, conf_load);
	return conf_ok ? NULL : conf_err;
}
