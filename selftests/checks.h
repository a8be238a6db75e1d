/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assertion helpers for GSS status pairs, on top of kselftest_harness.h
 * (include that first). Every failure logs both codes by name and the
 * extack message libgssk saw.
 */
#ifndef GSSK_SELFTEST_CHECKS_H
#define GSSK_SELFTEST_CHECKS_H

#include <string.h>
#include <time.h>
#include "util.h"

#define LOG_STATUS(maj, min, msg) \
	TH_LOG("got major 0x%x (%s), minor 0x%x (%s), message: %s", \
	       (unsigned int)(maj), major_name(maj), (unsigned int)(min), \
	       minor_name(min), (msg))

/* libgssk call just made in this process */
#define ASSERT_COMPLETE(maj, min) do { \
	OM_uint32 __M = (maj), __m = (min); \
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, __M) \
		LOG_STATUS(__M, __m, last_err()); \
} while (0)

#define ASSERT_STATUS(emaj, emin, maj, min) do { \
	OM_uint32 __M = (maj), __m = (min); \
	ASSERT_EQ((OM_uint32)(emaj), __M) \
		LOG_STATUS(__M, __m, last_err()); \
	ASSERT_EQ((OM_uint32)(emin), __m) \
		LOG_STATUS(__M, __m, last_err()); \
} while (0)

#define EXPECT_STATUS(emaj, emin, maj, min) do { \
	OM_uint32 __M = (maj), __m = (min); \
	EXPECT_EQ((OM_uint32)(emaj), __M) \
		LOG_STATUS(__M, __m, last_err()); \
	EXPECT_EQ((OM_uint32)(emin), __m) \
		LOG_STATUS(__M, __m, last_err()); \
} while (0)

/* A refusal: a GSS error plus a non-empty extack message. */
#define ASSERT_REFUSED_MINOR(emin, maj, min) do { \
	OM_uint32 __M = (maj), __m = (min); \
	const char *__e = gssk_last_error(); \
	ASSERT_TRUE(!!GSS_ERROR(__M)) \
		LOG_STATUS(__M, __m, last_err()); \
	ASSERT_EQ((OM_uint32)(emin), __m) \
		LOG_STATUS(__M, __m, last_err()); \
	ASSERT_TRUE(__e && __e[0]) \
		TH_LOG("refusal without an extack message (minor %s)", \
		       minor_name(__m)); \
	TH_LOG("refused as expected: %s / %s: %s", major_name(__M), \
	       minor_name(__m), __e); \
} while (0)

/* A child's report: setup must have worked, then the status must match. */
#define ASSERT_CHILD_RAN(res) do { \
	ASSERT_EQ(0, (res).setup_err) \
		TH_LOG("child setup step '%s' failed: %s", \
		       (res).setup_step, strerror((res).setup_err)); \
	ASSERT_EQ(1, (res).ran); \
} while (0)

#define ASSERT_CHILD_STATUS(emaj, emin, res) do { \
	ASSERT_CHILD_RAN(res); \
	ASSERT_EQ((OM_uint32)(emaj), (res).major) \
		LOG_STATUS((res).major, (res).minor, (res).msg); \
	ASSERT_EQ((OM_uint32)(emin), (res).minor) \
		LOG_STATUS((res).major, (res).minor, (res).msg); \
} while (0)

/* A successful import by a child that could also inquire the result. */
#define ASSERT_CHILD_IMPORTED(res, eflags) do { \
	ASSERT_CHILD_STATUS(GSS_S_COMPLETE, 0, res); \
	ASSERT_NE(0, (res).serial); \
	ASSERT_EQ((OM_uint32)GSS_S_COMPLETE, (res).major2) \
		LOG_STATUS((res).major2, (res).minor2, "(inquire in child)"); \
	ASSERT_EQ((OM_uint32)(eflags), (res).flags); \
} while (0)

/* Display name of a libgssk name equals expect. */
static inline void check_name(struct __test_metadata *_metadata,
			      gss_name_t name, const char *expect)
{
	gss_buffer_desc buf = GSS_C_EMPTY_BUFFER;
	OM_uint32 major, minor = 0;

	ASSERT_NE(GSS_C_NO_NAME, name);
	major = gssk_display_name(&minor, name, &buf, NULL);
	ASSERT_COMPLETE(major, minor);
	ASSERT_EQ(strlen(expect), buf.length)
		TH_LOG("name '%.*s', expected '%s'", (int)buf.length,
		       (char *)buf.value, expect);
	ASSERT_EQ(0, memcmp(buf.value, expect, buf.length));
	gssk_release_buffer(&minor, &buf);
}

/*
 * The context behind h has the fields of tc: names, flags, role and a
 * lifetime matching tc's endtime (within slack seconds).
 */
static inline void check_inquire(struct __test_metadata *_metadata,
				 gss_ctx_id_t h, const struct test_ctx *tc)
{
	gss_name_t src = GSS_C_NO_NAME, targ = GSS_C_NO_NAME;
	OM_uint32 major, minor = 0, life = 0, flags = 0;
	int local = -1, open = -1;

	ASSERT_NE(GSS_C_NO_CONTEXT, h);
	major = gssk_inquire_context(&minor, h, &src, &targ, &life, NULL,
				     &flags, &local, &open);
	ASSERT_COMPLETE(major, minor);
	check_name(_metadata, src, tc->f.initiator_name);
	check_name(_metadata, targ, tc->f.acceptor_name);
	gssk_release_name(&minor, &src);
	gssk_release_name(&minor, &targ);
	ASSERT_EQ(tc->f.flags, flags)
		TH_LOG("flags 0x%x, loaded 0x%x", flags, tc->f.flags);
	ASSERT_EQ(!!tc->f.initiate, local);
	ASSERT_EQ(1, open);
	if (tc->f.endtime) {
		uint64_t now = (uint64_t)time(NULL);
		uint64_t left = tc->f.endtime > now ? tc->f.endtime - now : 0;

		ASSERT_GE(left + 2, (uint64_t)life)
			TH_LOG("lifetime %u, %ju s left", life, left);
		ASSERT_LE(left, (uint64_t)life + 2)
			TH_LOG("lifetime %u, %ju s left", life, left);
	} else {
		ASSERT_EQ((OM_uint32)GSS_C_INDEFINITE, life);
	}
}

#endif
