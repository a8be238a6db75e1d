// SPDX-License-Identifier: GPL-2.0
/*
 * Context descriptors (GSSK_CMD_OPEN and the per-message ioctls), below
 * libgssk: what the descriptor is, every operation single and batched over
 * every enctype, what stops a descriptor (export, delete, revoke,
 * invalidate, expiry, also in the middle of a batch), the descriptor as a
 * capability passed to another uid, bad arguments, and sequence numbers
 * under many threads and descriptors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "harness.h"
#include "checks.h"
#include "msg_util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const uint32_t enctypes[] = {
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
	GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
	GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
};

static const size_t sizes[] = { 0, 1, 15, 16, 17, 1000, 65536, 1048576 };
#define BIG	1048576

FIXTURE(fd) {
	struct ctx_pair p;
	int fi, fa;		/* descriptors of p.init and p.acc */
};

FIXTURE_SETUP(fd)
{
	self->fi = self->fa = -1;
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
}

static void close_fds(FIXTURE_DATA(fd) *self)
{
	if (self->fi >= 0)
		close(self->fi);
	if (self->fa >= 0)
		close(self->fa);
	self->fi = self->fa = -1;
}

FIXTURE_TEARDOWN(fd)
{
	close_fds(self);
	pair_free(&self->p);
}

/* Load a pair and open a descriptor for each end. */
static void open_pair(struct __test_metadata *_metadata,
		      FIXTURE_DATA(fd) *self, uint32_t enctype, bool subkey,
		      uint64_t endtime)
{
	OM_uint32 major, minor = 0;

	close_fds(self);
	pair_free(&self->p);
	pair_init(&self->p, enctype, TEST_FLAGS, subkey, endtime, 0, 0);
	major = pair_load(&self->p, &minor);
	ASSERT_COMPLETE(major, minor);
	self->fi = raw_open(self->p.init);
	self->fa = raw_open(self->p.acc);
	ASSERT_LE(0, self->fi) TH_LOG("OPEN: %s", strerror(-self->fi));
	ASSERT_LE(0, self->fa) TH_LOG("OPEN: %s", strerror(-self->fa));
}

/* A GET_MIC of a fixed message: 0 or -errno, the token's number in *seq. */
static int sign(int fd, uint64_t *seq, struct gssk_op *opp)
{
	static const char text[] = "a message to sign";
	unsigned char mic[GSSK_MIC_MAX];
	struct gssk_op op;
	int err;

	op = raw_op(GSSK_OP_GET_MIC, text, sizeof(text), mic, sizeof(mic));
	err = raw_call(fd, &op);
	if (seq)
		*seq = err ? UINT64_MAX : tok_seq(mic, op.out_len);
	if (opp)
		*opp = op;
	return err;
}

TEST_F(fd, open_gives_a_cloexec_descriptor_that_names_only_its_context)
{
	char path[64], link[64], info[512];
	ssize_t n;
	int fd;

	open_pair(_metadata, self, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
		  true, 0);
	ASSERT_EQ(FD_CLOEXEC, fcntl(self->fi, F_GETFD) & FD_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", self->fi);
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_LT(0, n);
	link[n] = '\0';
	ASSERT_STREQ("anon_inode:[gssk]", link);

	/* fdinfo names the key, and holds nothing of the secrets */
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", self->fi);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, info, sizeof(info) - 1);
	close(fd);
	ASSERT_LT(0, n);
	info[n] = '\0';
	snprintf(link, sizeof(link), "gssk-serial:\t%d\n",
		 gssk_context_serial(self->p.init));
	ASSERT_NE(NULL, strstr(info, link)) TH_LOG("%s", info);
	ASSERT_FALSE(leaks_key(info, (size_t)n, self->p.ti.key,
			       self->p.ti.f.key_len));
	ASSERT_FALSE(leaks_key(info, (size_t)n, self->p.ti.subkey,
			       self->p.ti.f.subkey_len));

	/* nothing but the ioctls: no read, write or mmap */
	ASSERT_GT(0, read(self->fi, info, sizeof(info)));
	ASSERT_GT(0, write(self->fi, "x", 1));
	ASSERT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ, MAP_SHARED,
				   self->fi, 0));
}

/* Wrap on fi (single or batched), unwrap on fa, for every size. */
static void round_trip_all_sizes(struct __test_metadata *_metadata,
				 FIXTURE_DATA(fd) *self, uint32_t et,
				 bool subkey, int conf, bool batch,
				 unsigned char *msg, uint64_t *seq)
{
	struct gssk_op w[NELEM(sizes)], u[NELEM(sizes)];
	unsigned char *tok[NELEM(sizes)], *back[NELEM(sizes)];
	uint32_t done = 0;
	size_t i;

	for (i = 0; i < NELEM(sizes); i++) {
		tok[i] = xmalloc(sizes[i] + GSSK_WRAP_OVERHEAD_MAX);
		back[i] = xmalloc(sizes[i] + GSSK_WRAP_OVERHEAD_MAX);
		w[i] = raw_op(GSSK_OP_WRAP, msg, sizes[i], tok[i],
			      sizes[i] + GSSK_WRAP_OVERHEAD_MAX);
		w[i].flags = conf ? GSSK_OP_CONF : 0;
		if (!batch)
			ASSERT_EQ(0, raw_call(self->fi, &w[i]));
	}
	if (batch) {
		ASSERT_EQ(0, raw_batch(self->fi, w, NELEM(sizes), &done));
		ASSERT_EQ(NELEM(sizes), done);
	}
	for (i = 0; i < NELEM(sizes); i++) {
		ASSERT_EQ(0, w[i].error) TH_LOG("size %zu: minor 0x%x",
						 sizes[i], w[i].minor);
		ASSERT_EQ(wrap_len(et, conf, sizes[i]), w[i].out_len);
		ASSERT_EQ((uint32_t)conf, w[i].conf_state);
		/* numbers in array order */
		ASSERT_EQ(*seq + i, tok_seq(tok[i], w[i].out_len));
		ASSERT_EQ(subkey ? 0x04u : 0u, tok[i][2] & 0x04u);
		u[i] = raw_op(GSSK_OP_UNWRAP, tok[i], w[i].out_len, back[i],
			      sizes[i] + GSSK_WRAP_OVERHEAD_MAX);
		if (!batch)
			ASSERT_EQ(0, raw_call(self->fa, &u[i]));
	}
	if (batch)
		ASSERT_EQ(0, raw_batch(self->fa, u, NELEM(sizes), &done));
	for (i = 0; i < NELEM(sizes); i++) {
		ASSERT_EQ(0, u[i].error) TH_LOG("size %zu: minor 0x%x",
						 sizes[i], u[i].minor);
		ASSERT_EQ(0u, u[i].major);
		ASSERT_EQ(sizes[i], u[i].out_len);
		ASSERT_EQ((uint32_t)conf, u[i].conf_state);
		ASSERT_EQ(0, memcmp(msg, back[i], sizes[i]));
		free(tok[i]);
		free(back[i]);
	}
	*seq += NELEM(sizes);
}

/* MICs of every size on fi, verified on fa, single or batched. */
static void mic_all_sizes(struct __test_metadata *_metadata,
			  FIXTURE_DATA(fd) *self, uint32_t et, bool batch,
			  unsigned char *msg, uint64_t *seq)
{
	unsigned char mic[NELEM(sizes)][GSSK_MIC_MAX];
	struct gssk_op g[NELEM(sizes)], v[NELEM(sizes)];
	uint32_t done = 0;
	size_t i;

	for (i = 0; i < NELEM(sizes); i++) {
		g[i] = raw_op(GSSK_OP_GET_MIC, msg, sizes[i], mic[i],
			      GSSK_MIC_MAX);
		if (!batch)
			ASSERT_EQ(0, raw_call(self->fi, &g[i]));
	}
	if (batch)
		ASSERT_EQ(0, raw_batch(self->fi, g, NELEM(sizes), &done));
	for (i = 0; i < NELEM(sizes); i++) {
		ASSERT_EQ(0, g[i].error);
		ASSERT_EQ(mic_len(et), g[i].out_len);
		ASSERT_EQ(*seq + i, tok_seq(mic[i], g[i].out_len));
		v[i] = raw_op(GSSK_OP_VERIFY_MIC, msg, sizes[i], NULL, 0);
		v[i].mic_ptr = (uint64_t)(uintptr_t)mic[i];
		v[i].mic_len = g[i].out_len;
		if (!batch)
			ASSERT_EQ(0, raw_call(self->fa, &v[i]));
	}
	if (batch)
		ASSERT_EQ(0, raw_batch(self->fa, v, NELEM(sizes), &done));
	for (i = 0; i < NELEM(sizes); i++) {
		ASSERT_EQ(0, v[i].error) TH_LOG("size %zu: minor 0x%x",
						 sizes[i], v[i].minor);
		ASSERT_EQ(0u, v[i].major);
	}
	/* a changed message no longer verifies */
	msg[0] ^= 1;
	v[0] = raw_op(GSSK_OP_VERIFY_MIC, msg, 1, NULL, 0);
	v[0].mic_ptr = (uint64_t)(uintptr_t)mic[1];
	v[0].mic_len = g[1].out_len;
	ASSERT_EQ(-EBADMSG, raw_call(self->fa, &v[0]));
	ASSERT_EQ((uint32_t)GSS_S_BAD_SIG, v[0].major);
	msg[0] ^= 1;
	*seq += NELEM(sizes);
}

/*
 * Every enctype, with and without acceptor subkey, sealed and not, every
 * size from 0 to 1 MiB: single ioctls, then the same in batches.
 */
TEST_F_TIMEOUT(fd, every_operation_single_and_batched, 900)
{
	unsigned char *msg = xmalloc(BIG);
	uint64_t seq;
	size_t e;
	int s, conf, batch;

	random_bytes(msg, BIG);
	for (e = 0; e < NELEM(enctypes); e++) {
		for (s = 0; s <= 1; s++) {
			open_pair(_metadata, self, enctypes[e], s, 0);
			seq = 0;
			for (batch = 0; batch <= 1; batch++) {
				for (conf = 0; conf <= 1; conf++)
					round_trip_all_sizes(_metadata, self,
							     enctypes[e], s,
							     conf, batch, msg,
							     &seq);
				mic_all_sizes(_metadata, self, enctypes[e],
					      batch, msg, &seq);
			}
			TH_LOG("enctype %u subkey %d: %llu tokens", enctypes[e],
			       s, (unsigned long long)seq);
		}
	}
	free(msg);
}

TEST_F(fd, wrap_size_limit_through_the_descriptor)
{
	struct gssk_op op;

	open_pair(_metadata, self, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
		  false, 0);
	op = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, NULL, 1000, NULL, 0);
	op.flags = GSSK_OP_CONF;
	ASSERT_EQ(0, raw_call(self->fi, &op));
	/* 16 header + 16 confounder + 16 encrypted header + 24 MAC */
	ASSERT_EQ(1000u - 72u, op.out_len);
	ASSERT_EQ(1u, op.conf_state);
	op = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, NULL, 1000, NULL, 0);
	ASSERT_EQ(0, raw_call(self->fi, &op));
	ASSERT_EQ(1000u - 16u - 24u, op.out_len);
	op = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, NULL, UINT32_MAX, NULL, 0);
	ASSERT_EQ(0, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MSG_MAX, op.out_len);
}

/* An operation on fd refused with (err, major, minor), single and batched. */
static void assert_stopped(struct __test_metadata *_metadata, int fd,
			   int err, uint32_t major, uint32_t minor)
{
	struct gssk_op op, ops[3];
	uint32_t done = 0;
	unsigned int i;

	ASSERT_EQ(err, sign(fd, NULL, &op));
	ASSERT_EQ(err, op.error);
	ASSERT_EQ(major, op.major);
	ASSERT_EQ(minor, op.minor) TH_LOG("minor 0x%x", op.minor);
	ASSERT_EQ(0u, op.out_len);
	for (i = 0; i < NELEM(ops); i++)
		ops[i] = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, NULL, 100, NULL, 0);
	ASSERT_EQ(0, raw_batch(fd, ops, NELEM(ops), &done));
	ASSERT_EQ(NELEM(ops), done);
	for (i = 0; i < NELEM(ops); i++) {
		ASSERT_EQ(err, ops[i].error);
		ASSERT_EQ(minor, ops[i].minor);
	}
}

/*
 * Once the context leaves its key (EXPORT, DELETE, keyctl invalidate) or
 * the key is revoked, every descriptor is refused, and a second descriptor
 * cannot be opened either. An exported context works again where it is
 * imported.
 */
TEST_F(fd, export_delete_revoke_invalidate_stop_every_descriptor)
{
	gss_buffer_desc tok = GSS_C_EMPTY_BUFFER;
	gss_ctx_id_t h = GSS_C_NO_CONTEXT;
	OM_uint32 major, minor = 0;
	int32_t serial;
	uint64_t seq;
	int other, way;

	for (way = 0; way < 4; way++) {
		open_pair(_metadata, self,
			  GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128, false, 0);
		serial = gssk_context_serial(self->p.init);
		other = raw_open(self->p.init);
		ASSERT_LE(0, other);
		ASSERT_EQ(0, sign(self->fi, &seq, NULL));
		ASSERT_EQ(0u, seq);
		switch (way) {
		case 0:
			major = gssk_export_sec_context(&minor, &self->p.init,
							&tok);
			ASSERT_COMPLETE(major, minor);
			break;
		case 1:
			major = gssk_delete_sec_context(&minor, &self->p.init,
							GSS_C_NO_BUFFER);
			ASSERT_COMPLETE(major, minor);
			break;
		case 2:
			ASSERT_EQ(0, keyctl_revoke(serial));
			break;
		case 3:
			ASSERT_EQ(0, keyctl_invalidate(serial));
			break;
		}
		if (way == 2) {
			assert_stopped(_metadata, self->fi, -EKEYREVOKED,
				       GSS_S_NO_CONTEXT,
				       GSSK_MINOR_CONTEXT_REVOKED);
			assert_stopped(_metadata, other, -EKEYREVOKED,
				       GSS_S_NO_CONTEXT,
				       GSSK_MINOR_CONTEXT_REVOKED);
		} else {
			assert_stopped(_metadata, self->fi, -ENOKEY,
				       GSS_S_NO_CONTEXT,
				       GSSK_MINOR_CONTEXT_CLOSED);
			assert_stopped(_metadata, other, -ENOKEY,
				       GSS_S_NO_CONTEXT,
				       GSSK_MINOR_CONTEXT_CLOSED);
		}
		ASSERT_GT(0, raw_open_serial_quiet(serial));
		close(other);
		TH_LOG("way %d: both descriptors stopped", way);
	}

	/* the exported context works again once imported: number 1 next */
	major = gssk_import_sec_context(&minor, &tok, &h);
	ASSERT_COMPLETE(major, minor);
	other = raw_open(h);
	ASSERT_LE(0, other);
	ASSERT_EQ(0, sign(other, &seq, NULL));
	ASSERT_EQ(1u, seq);
	close(other);
	gssk_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
	gssk_release_buffer(&minor, &tok);
}

TEST_F_TIMEOUT(fd, expiry_stops_the_descriptor, 60)
{
	time_t end = time(NULL) + 8;

	/* 5 s of margin for the load under an emulator */
	open_pair(_metadata, self, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  false, (uint64_t)end);
	ASSERT_EQ(0, sign(self->fi, NULL, NULL));
	while (time(NULL) <= end + 1)
		sleep_ms(200);
	assert_stopped(_metadata, self->fi, -EKEYEXPIRED,
		       GSS_S_CONTEXT_EXPIRED, GSSK_MINOR_CONTEXT_EXPIRED);
}

/* ---- a delete racing batches ---- */

#define RACE_BATCH	64
#define RACE_MSG	4096

struct batch_racer {
	int fd;
	volatile bool stop;
	unsigned int batches, ok, refused, bad_order, bad_status;
	uint64_t next_seq;	/* numbers must run 0, 1, 2... */
	bool bad_seq;
};

/*
 * Batches of MICs until stop: in each batch the entries that worked come
 * first, then only refusals with CONTEXT_CLOSED; numbers never repeat or
 * skip.
 */
static void *batch_race_loop(void *arg)
{
	struct batch_racer *br = arg;
	struct gssk_op ops[RACE_BATCH];
	unsigned char (*mic)[GSSK_MIC_MAX] = xmalloc(RACE_BATCH * GSSK_MIC_MAX);
	unsigned char *msg = xmalloc(RACE_MSG);
	bool refused = false;
	uint32_t done;
	unsigned int i;

	memset(msg, 'r', RACE_MSG);
	while (!br->stop && !refused) {
		for (i = 0; i < RACE_BATCH; i++)
			ops[i] = raw_op(GSSK_OP_GET_MIC, msg, RACE_MSG, mic[i],
					GSSK_MIC_MAX);
		if (raw_batch(br->fd, ops, RACE_BATCH, &done) ||
		    done != RACE_BATCH) {
			br->bad_status++;
			break;
		}
		br->batches++;
		for (i = 0; i < RACE_BATCH; i++) {
			if (!ops[i].error) {
				if (refused)
					br->bad_order++;
				if (tok_seq(mic[i], ops[i].out_len) !=
				    br->next_seq)
					br->bad_seq = true;
				br->next_seq++;
				br->ok++;
				continue;
			}
			refused = true;
			br->refused++;
			if (ops[i].error != -ENOKEY ||
			    ops[i].major != GSS_S_NO_CONTEXT ||
			    ops[i].minor != GSSK_MINOR_CONTEXT_CLOSED)
				br->bad_status++;
		}
	}
	free(mic);
	free(msg);
	return NULL;
}

TEST_F_TIMEOUT(fd, delete_during_a_batch_stops_it_cleanly, 300)
{
	struct batch_racer br = { 0 };
	OM_uint32 major, minor = 0;
	pthread_t t;
	int round;

	for (round = 0; round < 5; round++) {
		open_pair(_metadata, self, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96,
			  false, 0);
		memset(&br, 0, sizeof(br));
		br.fd = self->fi;
		ASSERT_EQ(0, pthread_create(&t, NULL, batch_race_loop, &br));
		sleep_ms(50 + 40 * round);
		major = gssk_delete_sec_context(&minor, &self->p.init,
						GSS_C_NO_BUFFER);
		ASSERT_COMPLETE(major, minor);
		ASSERT_EQ(0, pthread_join(t, NULL));
		TH_LOG("round %d: %u batches, %u MICs, then %u refused",
		       round, br.batches, br.ok, br.refused);
		ASSERT_EQ(0u, br.bad_order);
		ASSERT_EQ(0u, br.bad_status);
		ASSERT_FALSE(br.bad_seq);
		ASSERT_LT(0u, br.refused);
	}
}

/* ---- the descriptor as a capability ---- */

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { .iov_base = "F", .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -errno;
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, b;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &mh, 0) != 1)
		return -errno;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -EBADMSG;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

struct passed_arg {
	int sock;
	int32_t serial;
};

/*
 * OTHER_UID, in its own session: take the descriptor from the socket and
 * sign with it (v[0], the MIC in token); then try to open the context by
 * its serial (v[1]: refused, the key grants this uid nothing).
 */
static void child_use_passed_fd(struct child_res *res, void *arg)
{
	const struct passed_arg *a = arg;
	struct gssk_op op;
	uint64_t seq;
	int fd;

	fd = recv_fd(a->sock);
	if (fd < 0) {
		res->setup_err = -fd;
		snprintf(res->setup_step, sizeof(res->setup_step), "recv_fd");
		return;
	}
	res->v[0] = sign(fd, &seq, &op);
	res->v[2] = (int32_t)seq;
	res->v[1] = raw_open_serial_quiet(a->serial);
	close(fd);
}

TEST_F(fd, descriptor_passed_to_another_uid_is_a_capability)
{
	struct child_opts o = {
		.set_uid = true, .uid = OTHER_UID, .gid = OTHER_UID,
		.new_session = true,
	};
	struct passed_arg a;
	struct child_res res;
	int sv[2], res_fd;
	uint64_t seq;
	pid_t pid;

	pair_init(&self->p, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA1_96, TEST_FLAGS,
		  false, 0, 0, 0);
	{
		OM_uint32 minor = 0, major = pair_load(&self->p, &minor);

		ASSERT_COMPLETE(major, minor);
	}
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
				sv));
	a.sock = sv[1];
	a.serial = gssk_context_serial(self->p.init);
	/* the child starts before the descriptor exists: it cannot inherit it */
	pid = child_start(&o, child_use_passed_fd, &a, &res_fd);
	ASSERT_LT(0, pid);
	self->fi = raw_open(self->p.init);
	ASSERT_LE(0, self->fi);
	ASSERT_EQ(0, send_fd(sv[0], self->fi));
	ASSERT_EQ(0, child_finish(pid, res_fd, &res));
	close(sv[0]);
	close(sv[1]);
	ASSERT_EQ(0, res.setup_err) TH_LOG("%s", res.setup_step);
	ASSERT_EQ(0, res.v[0]) TH_LOG("the passed descriptor was refused");
	ASSERT_EQ(0, res.v[2]);
	ASSERT_EQ(-EACCES, res.v[1]);
	/* the other uid's MIC used number 0 of the owner's context */
	ASSERT_EQ(0, sign(self->fi, &seq, NULL));
	ASSERT_EQ(1u, seq);
}

/* ---- bad arguments ---- */

TEST_F(fd, bad_arguments_are_refused_and_change_nothing)
{
	unsigned char buf[256], mic[GSSK_MIC_MAX], *ro;
	struct gssk_op op, ops[4];
	struct gssk_batch b;
	uint32_t done;
	uint64_t seq;
	char small[32];

	open_pair(_metadata, self, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96,
		  false, 0);
	memset(buf, 'b', sizeof(buf));

	/* unknown ioctls, and a known one with another struct size */
	ASSERT_EQ(-1, ioctl(self->fi, _IO(GSSK_IOC_MAGIC, 99)));
	ASSERT_EQ(ENOTTY, errno);
	ASSERT_EQ(-1, ioctl(self->fi, _IOWR(GSSK_IOC_MAGIC, 1, char[32]),
			    small));
	ASSERT_EQ(ENOTTY, errno);
	ASSERT_EQ(-1, ioctl(self->fi, _IOW(GSSK_IOC_MAGIC, 1,
					   struct gssk_op), &op));
	ASSERT_EQ(ENOTTY, errno);
	/* no struct at all */
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_WRAP, NULL));
	ASSERT_EQ(EFAULT, errno);

	/* an op that is not the ioctl's own */
	op = raw_op(GSSK_OP_WRAP, buf, 16, mic, sizeof(mic));
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_GET_MIC, &op));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	ASSERT_EQ(-EINVAL, op.error);
	/* unknown flags, a QOP, a MIC on a GET_MIC */
	op = raw_op(GSSK_OP_GET_MIC, buf, 16, mic, sizeof(mic));
	op.flags = 0x80;
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	op = raw_op(GSSK_OP_GET_MIC, buf, 16, mic, sizeof(mic));
	op.qop = 1;
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSS_S_BAD_QOP, op.major);
	op = raw_op(GSSK_OP_GET_MIC, buf, 16, mic, sizeof(mic));
	op.mic_ptr = (uint64_t)(uintptr_t)mic;
	op.mic_len = 4;
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	/* buffers on WRAP_SIZE_LIMIT, which reads and writes none */
	op = raw_op(GSSK_OP_WRAP_SIZE_LIMIT, buf, 100, NULL, 0);
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	/* overlapping in and out, out over the struct itself */
	op = raw_op(GSSK_OP_WRAP, buf, 100, buf + 50, 200);
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	op = raw_op(GSSK_OP_WRAP, buf, 16, &op, 200);
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_WRAP, &op));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, op.minor);
	/* huge lengths */
	op = raw_op(GSSK_OP_WRAP, buf, UINT32_MAX, NULL, 0);
	ASSERT_EQ(-EMSGSIZE, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSSK_MINOR_MESSAGE_TOO_LONG, op.minor);
	op = raw_op(GSSK_OP_VERIFY_MIC, buf, 16, NULL, 0);
	op.mic_ptr = (uint64_t)(uintptr_t)buf;
	op.mic_len = UINT32_MAX;
	ASSERT_EQ(-EINVAL, raw_call(self->fi, &op));
	ASSERT_EQ((uint32_t)GSS_S_DEFECTIVE_TOKEN, op.major);
	/* a struct the kernel can read but not write: nothing runs */
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	op = raw_op(GSSK_OP_GET_MIC, buf, 16, mic, sizeof(mic));
	memcpy(ro, &op, sizeof(op));
	ASSERT_EQ(0, mprotect(ro, 4096, PROT_READ));
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_GET_MIC, ro));
	ASSERT_EQ(EFAULT, errno);

	/* batches: count 0 and past the limit, op_size, flags, array */
	memset(&b, 0, sizeof(b));
	b.ops_ptr = (uint64_t)(uintptr_t)ops;
	b.op_size = sizeof(ops[0]);
	for (done = 0; done < NELEM(ops); done++)
		ops[done] = raw_op(GSSK_OP_GET_MIC, buf, 16, mic, sizeof(mic));
	b.count = 0;
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EINVAL, errno);
	b.count = GSSK_BATCH_MAX + 1;
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EINVAL, errno);
	b.count = 1;
	b.op_size = sizeof(ops[0]) - 8;
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EINVAL, errno);
	b.op_size = sizeof(ops[0]);
	b.flags = 1;
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EINVAL, errno);
	b.flags = 0;
	b.ops_ptr = 8;
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EFAULT, errno);
	b.ops_ptr = (uint64_t)(uintptr_t)ro;	/* readable, not writable */
	ASSERT_EQ(-1, ioctl(self->fi, GSSK_IOC_BATCH, &b));
	ASSERT_EQ(EFAULT, errno);
	munmap(ro, 4096);

	/* none of that used a sequence number */
	ASSERT_EQ(0, sign(self->fi, &seq, NULL));
	ASSERT_EQ(0u, seq);

	/* a bad entry in a batch is refused alone; the others run in order */
	for (done = 0; done < NELEM(ops); done++)
		ops[done] = raw_op(GSSK_OP_GET_MIC, buf, 16,
				   buf + 64 + 48 * done, 48);
	ops[1].op = 0;
	ops[2].flags = 0x40;
	ASSERT_EQ(0, raw_batch(self->fi, ops, NELEM(ops), &done));
	ASSERT_EQ(NELEM(ops), done);
	ASSERT_EQ(0, ops[0].error);
	ASSERT_EQ(-EINVAL, ops[1].error);
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, ops[1].minor);
	ASSERT_EQ(-EINVAL, ops[2].error);
	ASSERT_EQ(0, ops[3].error);
	ASSERT_EQ(1u, tok_seq(buf + 64, ops[0].out_len));
	ASSERT_EQ(2u, tok_seq(buf + 64 + 48 * 3, ops[3].out_len));
	/* an output over the batch array itself */
	ops[0] = raw_op(GSSK_OP_GET_MIC, buf, 16, (char *)&ops[0] + 8, 48);
	ASSERT_EQ(0, raw_batch(self->fi, ops, 1, &done));
	ASSERT_EQ((uint32_t)GSSK_MINOR_BAD_OP, ops[0].minor);
}

/* ---- sequence numbers under threads ---- */

#define SEQ_THREADS	4
#define SEQ_PER_THREAD	240	/* half single calls, half in batches of 8 */

struct seq_worker {
	int fd;
	uint64_t seqs[SEQ_PER_THREAD];
	unsigned int n, failed;
};

static void *seq_worker_loop(void *arg)
{
	struct seq_worker *w = arg;
	unsigned char mic[8][GSSK_MIC_MAX];
	struct gssk_op ops[8];
	unsigned int i, j;
	uint32_t done;
	uint64_t seq;

	for (i = 0; i < SEQ_PER_THREAD / 2; i++) {
		if (sign(w->fd, &seq, NULL))
			w->failed++;
		else
			w->seqs[w->n++] = seq;
	}
	for (i = 0; i < SEQ_PER_THREAD / 2; i += 8) {
		for (j = 0; j < 8; j++)
			ops[j] = raw_op(GSSK_OP_GET_MIC, "m", 1, mic[j],
					GSSK_MIC_MAX);
		if (raw_batch(w->fd, ops, 8, &done)) {
			w->failed++;
			continue;
		}
		for (j = 0; j < 8; j++) {
			if (ops[j].error) {
				w->failed++;
				continue;
			}
			seq = tok_seq(mic[j], ops[j].out_len);
			/* in array order within the batch */
			if (j && seq <= w->seqs[w->n - 1])
				w->failed++;
			w->seqs[w->n++] = seq;
		}
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

TEST_F_TIMEOUT(fd, sequence_numbers_unique_over_threads_and_descriptors, 300)
{
	static struct seq_worker w[SEQ_THREADS];
	uint64_t *all = xmalloc(sizeof(uint64_t) * SEQ_THREADS *
				SEQ_PER_THREAD);
	pthread_t t[SEQ_THREADS];
	unsigned int i, j, n = 0;
	int second;

	open_pair(_metadata, self, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA256_128,
		  false, 0);
	second = raw_open(self->p.init);
	ASSERT_LE(0, second);
	for (i = 0; i < SEQ_THREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].fd = i % 2 ? second : self->fi;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, seq_worker_loop,
					    &w[i]));
	}
	for (i = 0; i < SEQ_THREADS; i++) {
		ASSERT_EQ(0, pthread_join(t[i], NULL));
		ASSERT_EQ(0u, w[i].failed);
		for (j = 0; j < w[i].n; j++)
			all[n++] = w[i].seqs[j];
	}
	ASSERT_EQ((unsigned int)(SEQ_THREADS * SEQ_PER_THREAD), n);
	qsort(all, n, sizeof(all[0]), cmp_u64);
	for (i = 0; i < n; i++)
		ASSERT_EQ((uint64_t)i, all[i]) TH_LOG("number %u is %llu", i,
					(unsigned long long)all[i]);
	close(second);
	free(all);
}

/* ---- random arguments ---- */

#define FUZZ_CALLS	4000

static uint64_t fuzz_ptr(unsigned char *scratch, size_t len)
{
	switch (rand() % 6) {
	case 0:
		return 0;
	case 1:
		return (uint64_t)rand() << 20;
	case 2:
		return 0xffff880000000000ull + (uint64_t)rand();
	default:
		return (uint64_t)(uintptr_t)scratch + (uint64_t)(rand() %
								 (int)len);
	}
}

static uint32_t fuzz_len(void)
{
	static const uint32_t lens[] = { 0, 1, 16, 28, 44, 64, 100, 4096,
					 GSSK_MSG_MAX, UINT32_MAX };

	return rand() % 2 ? lens[rand() % NELEM(lens)] : (uint32_t)rand();
}

/*
 * Random structs through every ioctl and through batches: every call is
 * answered (0, or -1 with the struct's error matching errno), and the
 * context works afterwards.
 */
TEST_F_TIMEOUT(fd, random_arguments_are_answered_and_harm_nothing, 600)
{
	static const unsigned long iocs[] = {
		GSSK_IOC_GET_MIC, GSSK_IOC_VERIFY_MIC, GSSK_IOC_WRAP,
		GSSK_IOC_UNWRAP, GSSK_IOC_WRAP_SIZE_LIMIT,
	};
	size_t len = 65536;
	unsigned char *scratch;
	unsigned int i, ok = 0, refused = 0;
	struct gssk_op op, ops[4];
	uint32_t done;
	uint64_t seq;
	int ret, k;

	/* a guard page after the scratch: random lengths end there */
	scratch = mmap(NULL, len + 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, scratch);
	ASSERT_EQ(0, mprotect(scratch + len, 4096, PROT_NONE));
	srand(4121);
	open_pair(_metadata, self, GSSK_ENCTYPE_AES256_CTS_HMAC_SHA384_192,
		  true, 0);
	random_bytes(scratch, len);
	for (i = 0; i < FUZZ_CALLS; i++) {
		for (k = 0; k < 4; k++) {
			memset(&ops[k], 0, sizeof(ops[k]));
			ops[k].op = (uint32_t)(rand() % 7);
			ops[k].flags = rand() % 4 ? (uint32_t)(rand() % 2) :
						    (uint32_t)rand();
			ops[k].qop = rand() % 8 ? 0 : (uint32_t)rand();
			ops[k].in_ptr = fuzz_ptr(scratch, len);
			ops[k].in_len = fuzz_len() % (rand() % 4 ? 8192 :
						      UINT32_MAX);
			ops[k].out_ptr = fuzz_ptr(scratch, len);
			ops[k].out_len = fuzz_len();
			if (rand() % 2) {
				ops[k].mic_ptr = fuzz_ptr(scratch, len);
				ops[k].mic_len = fuzz_len() % 128;
			}
		}
		if (i % 4) {
			op = ops[0];
			ret = ioctl(i % 2 ? self->fi : self->fa,
				    iocs[rand() % NELEM(iocs)], &op);
			if (ret) {
				ASSERT_EQ(-errno, op.error);
				refused++;
			} else {
				ASSERT_EQ(0, op.error);
				ok++;
			}
			continue;
		}
		ASSERT_EQ(0, raw_batch(self->fa, ops, 4, &done));
		ASSERT_EQ(4u, done);
	}
	TH_LOG("%u single calls: %u worked, %u refused", ok + refused, ok,
	       refused);
	/* still a working context */
	ASSERT_EQ(0, sign(self->fa, &seq, &op))
		TH_LOG("error %d major 0x%x minor 0x%x", op.error, op.major,
		       op.minor);
	munmap(scratch, len + 4096);
}

TEST_HARNESS_MAIN
