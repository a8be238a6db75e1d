// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host unit test of the interposer's configuration parser (config.c):
 * defaults, sections, every setting, and each way a file is refused.
 * TAP output; exit status 1 if a case failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../config.h"

static int n, failed;
static char dir[] = "/tmp/gssi-config.XXXXXX";

static void ok(int cond, const char *what)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	if (!cond)
		failed++;
}

/* Write text to a file in the test directory, with mode; its path. */
static const char *file(const char *name, const char *text, mode_t mode)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		exit(2);
	if (chmod(path, mode) < 0)
		exit(2);
	return path;
}

static int parse(const char *path, const char *exe, bool env,
		 struct gssi_config *c, char *err)
{
	err[0] = '\0';
	return gssi_config_parse(path, exe, env, c, err, 256);
}

int main(void)
{
	struct gssi_config c;
	const char *p;
	char err[256], path[300];

	if (!mkdtemp(dir))
		return 2;
	printf("TAP version 13\n");

	snprintf(path, sizeof(path), "%s/absent", dir);
	ok(parse(path, "/bin/x", false, &c, err) == 0 && c.interpose &&
	   c.load_at == GSSI_LOAD_AT_EXPORT && !c.fallback_forward &&
	   !c.session_keyring && !c.importer_uid_set && !c.any_session &&
	   c.cgroup == GSSI_CGROUP_ANY && c.ttl == 0,
	   "no /etc file: the built-in defaults (interpose at export, same euid and session)");
	ok(parse(path, "/bin/x", true, &c, err) < 0 &&
	   strstr(err, "absent") != NULL,
	   "a missing file named by GSSK_INTERPOSER_CONF is an error");

	p = file("full.conf",
		 "# comment\n[default]\nload = establish   # trailing\n"
		 "importer_uid = root\nimporter_session = any\nttl = 30\n"
		 "keyring = session\n\n"
		 "[program /usr/bin/server]\ninterpose = no\n"
		 "importer_uid = 4242\nimporter_cgroup = own\n"
		 "fallback = forward\n"
		 "[program /usr/bin/other]\nimporter_cgroup = /sys/fs/cgroup/w\n",
		 0644);
	ok(parse(p, "/usr/bin/elsewhere", true, &c, err) == 0 &&
	   c.interpose && c.load_at == GSSI_LOAD_AT_ESTABLISH &&
	   c.importer_uid_set && c.importer_uid == 0 && c.any_session &&
	   c.ttl == 30 && c.session_keyring && !c.fallback_forward &&
	   c.cgroup == GSSI_CGROUP_ANY,
	   "[default] applies to a program without a section");
	ok(parse(p, "/usr/bin/server", true, &c, err) == 0 && !c.interpose &&
	   c.load_at == GSSI_LOAD_AT_ESTABLISH && c.importer_uid == 4242 &&
	   c.cgroup == GSSI_CGROUP_OWN && c.fallback_forward && c.ttl == 30,
	   "[program PATH] overrides [default] for that executable only");
	ok(parse(p, "/usr/bin/other", true, &c, err) == 0 &&
	   c.cgroup == GSSI_CGROUP_PATH &&
	   strcmp(c.cgroup_path, "/sys/fs/cgroup/w") == 0,
	   "importer_cgroup takes an absolute cgroup path");

	p = file("order.conf", "[program /a]\nttl = 5\n[default]\nttl = 9\n",
		 0644);
	ok(parse(p, "/a", true, &c, err) == 0 && c.ttl == 5,
	   "a program section wins even when [default] comes after it");

	p = file("typo.conf", "[default]\nload = export\nlod = export\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, "typo.conf:3: unknown setting") != NULL && c.interpose &&
	   c.load_at == GSSI_LOAD_AT_EXPORT,
	   "an unknown setting is refused with file:line, and *conf is the defaults");
	p = file("other.conf", "[program /b]\nttl = soon\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, ":2: not a number of seconds") != NULL,
	   "a bad value in another program's section is refused too");
	p = file("value.conf", "[default]\nload = later\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, "value not allowed") != NULL,
	   "a value outside a setting's choices is refused");
	p = file("uid.conf", "[default]\nimporter_uid = no-such-user-gssk\n",
		 0644);
	ok(parse(p, "/a", true, &c, err) < 0 && strstr(err, ":2:") != NULL,
	   "an unknown user name is refused");
	p = file("section.conf", "[programs /a]\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, "unknown section") != NULL,
	   "an unknown section is refused");
	p = file("relative.conf", "[program bin/a]\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, "not absolute") != NULL,
	   "a relative program path is refused");
	p = file("bare.conf", "[default]\njust words\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0, "a line without '=' is refused");
	p = file("cgroup.conf", "[default]\nimporter_cgroup = w\n", 0644);
	ok(parse(p, "/a", true, &c, err) < 0,
	   "a relative cgroup path is refused");

	p = file("writable.conf", "[default]\n", 0664);
	ok(parse(p, "/a", true, &c, err) < 0 &&
	   strstr(err, "writable by group or others") != NULL,
	   "a group-writable file is refused");
	p = file("mine.conf", "[default]\n", 0644);
	if (getuid() == 0) {
		ok(chown(p, 65534, 65534) == 0 &&
		   parse(p, "/a", true, &c, err) < 0 &&
		   strstr(err, "not owned by root") != NULL,
		   "a file owned by another user is refused");
	} else {
		ok(parse(p, "/a", false, &c, err) < 0 &&
		   strstr(err, "not owned by root") != NULL,
		   "the /etc file must be root's even for its owner");
	}
	ok(parse(dir, "/a", true, &c, err) < 0 &&
	   strstr(err, "not a regular file") != NULL,
	   "a directory is refused");

	printf("1..%d\n", n);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		return 2;
	return failed ? 1 : 0;
}
