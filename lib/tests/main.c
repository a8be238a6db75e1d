// SPDX-License-Identifier: LGPL-2.1-or-later
/* libgssk host unit tests: need no gssk module. Output is TAP. */
#include "tap.h"

int main(void)
{
	test_status();
	test_buffers_names();
	test_args();
	test_message();
	test_krb5();
	test_extack();
	test_errmap();
	test_nlctrl();
	test_host();
	test_stats();
	test_request();
	test_nlmsg();
	test_opts();
	return tap_done();
}
