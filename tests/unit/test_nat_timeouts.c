// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_nat_timeouts.c - xovnd's --nat-timeouts: what it accepts and what it refuses. */
#include <criterion/criterion.h>
#include <string.h>

#include "dataplane/nat_age.h"

struct timeout_case {
	const char *spec;
	int ok;
	uint64_t tcp, tcp_closing, udp, icmp, other;
};

static const struct timeout_case cases[] = {
	{ "", 1, 7440, 120, 180, 30, 600 },
	{ "udp=60", 1, 7440, 120, 60, 30, 600 },
	{ "tcp=86400,tcp-closing=10,icmp=5,other=1", 1, 86400, 10, 180, 5, 1 },
	{ "udp=0", 0, 0, 0, 0, 0, 0 },
	{ "udp=", 0, 0, 0, 0, 0, 0 },
	{ "udp=12x", 0, 0, 0, 0, 0, 0 },
	{ "sctp=5", 0, 0, 0, 0, 0, 0 },
	{ "udp", 0, 0, 0, 0, 0, 0 },
	{ "tcp=5,,udp=5", 0, 0, 0, 0, 0, 0 },
};

Test(nat_timeouts, parse)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct timeout_case *c = &cases[i];
		struct xovn_nat_timeouts t, before;
		char err[256] = "";
		int rc;

		xovn_nat_timeouts_default(&t);
		before = t;
		rc = xovn_nat_timeouts_parse(c->spec, &t, err, sizeof(err));
		if (!c->ok) {
			cr_expect_eq(rc, -1, "\"%s\" accepted", c->spec);
			cr_expect_neq(err[0], '\0', "\"%s\": no reason given", c->spec);
			cr_expect_eq(memcmp(&t, &before, sizeof(t)), 0, "\"%s\" changed t", c->spec);
			continue;
		}
		cr_expect_eq(rc, 0, "\"%s\": %s", c->spec, err);
		cr_expect(t.tcp == c->tcp && t.tcp_closing == c->tcp_closing && t.udp == c->udp &&
			  t.icmp == c->icmp && t.other == c->other, "\"%s\" parsed wrong", c->spec);
	}
}
