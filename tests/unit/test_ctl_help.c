/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_help.c - every verb of the table (xovnctl --commands) answers
 * --help and -h with its usage on stdout and exit 0, touching no db.
 */
#include <criterion/criterion.h>
#include <string.h>
#include <unistd.h>

#include "ctl_harness.h"

TestSuite(ctl_help, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static void expect_usage(const char *verb, const char *flag)
{
	struct ctl_result r;
	char want[128];

	ctl_runv(&r, ctl_db, CTL_ARGV(verb, flag));
	cr_assert_eq(r.status, 0, "%s %s exits %d: %s", verb, flag, r.status, r.err);
	cr_assert_str_empty(r.err, "%s %s: stderr %s", verb, flag, r.err);
	snprintf(want, sizeof(want), "usage: xovnctl [GLOBAL OPTIONS] %s", verb);
	cr_assert_not_null(strstr(r.out, want), "%s %s prints:\n%s", verb, flag, r.out);
	ctl_result_free(&r);
}

Test(ctl_help, every_verb_answers_help_and_h)
{
	struct ctl_result r;
	char *line, *save = NULL;
	int n = 0;

	ctl_runv(&r, ctl_db, CTL_ARGV("--commands"));
	cr_assert_eq(r.status, 0);
	for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		expect_usage(line, "--help");
		expect_usage(line, "-h");
		n++;
	}
	cr_assert_gt(n, 40, "only %d verbs listed", n);
	cr_assert(access(ctl_db, F_OK) != 0, "--help wrote a db");
	ctl_result_free(&r);
}

Test(ctl_help, trace_and_stats_help_after_options)
{
	expect_usage("trace", "--help");
	expect_usage("stats", "-h");
	CTL_FAIL("unknown command", "no-such-verb", "--help");
}
