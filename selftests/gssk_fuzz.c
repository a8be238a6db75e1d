// SPDX-License-Identifier: GPL-2.0
/*
 * Random requests straight at the gssk generic netlink family, below
 * libgssk: every command (and a few that do not exist) with random sets of
 * attributes of random types, lengths and contents. The kernel must answer
 * each one (no crash; a WARN panics the test VM), every refusal of a gssk
 * command must carry an extack message, a refusal with a gssk status must
 * carry a GSS error, and a live context named in the requests must still
 * work afterwards.
 *
 * The run is bounded (a fixed number of requests) and reproducible: the seed
 * is logged, and GSSK_FUZZ_SEED=N replays it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "checks.h"

#define FUZZ_REQUESTS	4000
#define FUZZ_MAX_ATTRS	8

FIXTURE(fuzz) {
	struct test_ctx tc;
	gss_ctx_id_t h;
	int32_t serial;
	unsigned int seed;
};

FIXTURE_SETUP(fuzz)
{
	OM_uint32 major, minor = 0;
	const char *s = getenv("GSSK_FUZZ_SEED");

	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	/* no TRANS flag: a random EXPORT naming it cannot take it away */
	test_ctx_init(&self->tc, GSSK_ENCTYPE_AES128_CTS_HMAC_SHA1_96, 1,
		      TEST_FLAGS & ~(OM_uint32)GSS_C_TRANS_FLAG, 0, true);
	major = test_ctx_load(&self->tc, &minor, &self->h);
	ASSERT_COMPLETE(major, minor);
	self->serial = gssk_context_serial(self->h);
	self->seed = s ? (unsigned int)strtoul(s, NULL, 0) :
		     (unsigned int)time(NULL) ^ (unsigned int)getpid();
	TH_LOG("seed %u (replay with GSSK_FUZZ_SEED=%u)", self->seed,
	       self->seed);
	srandom(self->seed);
}

FIXTURE_TEARDOWN(fuzz)
{
	OM_uint32 minor;

	if (self->h != GSS_C_NO_CONTEXT)
		gssk_delete_sec_context(&minor, &self->h, GSS_C_NO_BUFFER);
}

static unsigned int pick(unsigned int n)
{
	return (unsigned int)random() % n;
}

/* An attribute length: the sizes policies care about, and random ones. */
static size_t fuzz_len(void)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 7, 8, 9, 16, 31, 32,
				       33, 39, 40, 41, 64, 65, 255, 256,
				       1023, 1024, 1025 };

	if (pick(4) == 0)
		return pick(1500);
	return lens[pick(sizeof(lens) / sizeof(lens[0]))];
}

/*
 * The attributes each command takes (the uapi header's table): half the
 * requests draw from these, so that many get past the strict policies
 * into the handlers.
 */
static const uint8_t cmd_attrs[GSSK_CMD_MAX + 1][12] = {
	[GSSK_CMD_LOAD] = { GSSK_A_KEYRING, GSSK_A_DESCRIPTION,
			    GSSK_A_ENCTYPE, GSSK_A_ROLE, GSSK_A_CTX_KEY,
			    GSSK_A_SUBKEY_ENCTYPE, GSSK_A_SUBKEY,
			    GSSK_A_GSS_FLAGS, GSSK_A_SEND_SEQ,
			    GSSK_A_RECV_SEQ, GSSK_A_INIT_NAME,
			    GSSK_A_ENDTIME },
	[GSSK_CMD_INQUIRE] = { GSSK_A_SERIAL },
	[GSSK_CMD_EXPORT] = { GSSK_A_SERIAL, GSSK_A_POLICY,
			      GSSK_A_POLICY_UID, GSSK_A_POLICY_CGROUP_FD,
			      GSSK_A_TTL },
	[GSSK_CMD_IMPORT] = { GSSK_A_TOKEN, GSSK_A_KEYRING,
			      GSSK_A_DESCRIPTION },
	[GSSK_CMD_DELETE] = { GSSK_A_SERIAL },
	[GSSK_CMD_OPEN] = { GSSK_A_SERIAL },
};

/*
 * Commands the module has. The per-message commands of ABI 1 (GET_MIC to
 * WRAP_SIZE_LIMIT) are gone, and unknown like any other number.
 */
static bool cmd_exists(uint8_t cmd)
{
	return (cmd >= GSSK_CMD_LOAD && cmd <= GSSK_CMD_DELETE) ||
	       cmd == GSSK_CMD_STATS || cmd == GSSK_CMD_OPEN;
}

static uint16_t fuzz_type(uint8_t cmd)
{
	unsigned int n = 0;

	if (cmd <= GSSK_CMD_MAX && pick(2))
		while (n < sizeof(cmd_attrs[0]) && cmd_attrs[cmd][n])
			n++;
	return n ? cmd_attrs[cmd][pick(n)] : (uint16_t)pick(GSSK_A_MAX + 4);
}

/* One random attribute of a random (or a meaningful) type. */
static void fuzz_attr(struct gnl_msg *m, const FIXTURE_DATA(fuzz) *fx,
		      uint8_t cmd)
{
	unsigned char data[1500];
	uint16_t type = fuzz_type(cmd);
	size_t len = fuzz_len();
	uint64_t v64;
	uint32_t v32;
	uint8_t v8;

	random_bytes(data, len);
	switch (type) {
	case GSSK_A_SERIAL:
		/* the live context, except for DELETE, which would end it */
		v32 = (uint32_t)(cmd != GSSK_CMD_DELETE && pick(2) ?
				 fx->serial : (int32_t)random());
		gnl_put(m, type, &v32, pick(8) ? 4 : len);
		return;
	case GSSK_A_ENCTYPE:
	case GSSK_A_SUBKEY_ENCTYPE:
		v32 = pick(4) ? 17 + pick(4) : (uint32_t)random();
		gnl_put(m, type, &v32, pick(8) ? 4 : len);
		return;
	/*
	 * Mostly within the bounds the module's policy checks (kernel/
	 * netlink.c), so that such requests reach the handlers.
	 */
	case GSSK_A_ROLE:
		v8 = (uint8_t)(pick(4) ? GSSK_ROLE_INITIATOR + pick(2) :
			       random());
		gnl_put(m, type, &v8, pick(8) ? 1 : len);
		return;
	case GSSK_A_GSS_FLAGS:
	case GSSK_A_POLICY:
		v32 = (uint32_t)random();
		if (pick(4))
			v32 &= type == GSSK_A_POLICY ? GSSK_POLICY_ALL :
			       0xf9ffu;	/* RFC 2744's and MIT's flags */
		gnl_put(m, type, &v32, pick(8) ? 4 : len);
		return;
	case GSSK_A_ENDTIME:
		v64 = pick(4) ? (uint64_t)random() :
		      (uint64_t)random() << 33 ^ (uint64_t)random();
		gnl_put(m, type, &v64, pick(8) ? 8 : len);
		return;
	case GSSK_A_TOKEN:
		if (pick(2)) {
			memcpy(data, GSSK_TOKEN_MAGIC, 4);
			data[4] = GSSK_TOKEN_VERSION;
			memset(data + 5, 0, 3);
			len = pick(8) ? GSSK_TOKEN_LEN : len;
		}
		break;
	default:
		break;
	}
	gnl_put(m, type, data, len);
}

TEST_F_TIMEOUT(fuzz, random_requests_are_answered_and_harm_nothing, 600)
{
	unsigned int i, n, refused = 0, accepted = 0, unknown_cmd = 0;
	unsigned int with_status = 0;
	struct gnl_reply *r = calloc(1, sizeof(*r));
	struct gnl_msg *m = calloc(1, sizeof(*m));
	OM_uint32 major, minor = 0, flags = 0;

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, m);
	for (i = 0; i < FUZZ_REQUESTS; i++) {
		uint8_t cmd = (uint8_t)pick(GSSK_CMD_MAX + 3);
		int ret;

		gnl_init(m, cmd);
		for (n = pick(FUZZ_MAX_ATTRS + 1); n; n--)
			fuzz_attr(m, self, cmd);
		r->err = 1;	/* gnl_call sets it from the kernel's answer */
		ret = gnl_call(m, r);
		ASSERT_EQ(ret, r->err) TH_LOG("request %u: no answer: %s", i,
					      strerror(-ret));
		if (!r->err) {
			uint32_t fd;

			/* an OPEN that worked made a descriptor: close it */
			if (cmd == GSSK_CMD_OPEN &&
			    !gnl_get_u32(r, GSSK_A_FD, &fd))
				close((int)fd);
			accepted++;
			continue;
		}
		if (!cmd_exists(cmd)) {
			EXPECT_EQ(-EOPNOTSUPP, r->err);
			unknown_cmd++;
			continue;
		}
		refused++;
		EXPECT_NE(0, r->msg[0])
			TH_LOG("request %u (cmd %u): refused (%s) without a message",
			       i, cmd, strerror(-r->err));
		if (r->has_status) {
			with_status++;
			EXPECT_NE(0u, r->status.major & 0xffff0000u)
				TH_LOG("request %u: status without a GSS error",
				       i);
		}
	}
	TH_LOG("%u requests: %u refused (%u by a gssk handler), %u accepted, %u unknown commands",
	       FUZZ_REQUESTS, refused, with_status, accepted, unknown_cmd);
	/* many got past the policies into the handlers */
	EXPECT_LT(FUZZ_REQUESTS / 20u, with_status);

	/* the context named in the requests is intact */
	major = gssk_inquire_context(&minor, self->h, NULL, NULL, NULL, NULL,
				     &flags, NULL, NULL);
	ASSERT_COMPLETE(major, minor);
	EXPECT_EQ(self->tc.f.flags, flags);
	free(m);
	free(r);
}

TEST_HARNESS_MAIN
