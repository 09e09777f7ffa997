/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_txn.c - xovnctl transactions: a chain is all or nothing, writes
 * bump the generation, readers never write, concurrent writers never lose
 * an update.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/model.h"
#include "ctl_harness.h"

TestSuite(ctl_txn, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static long generation(void)
{
	json_t *m = ctl_load();
	long g = ctl_json_int(m, "generation");

	json_decref(m);
	return g;
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

Test(ctl_txn, chain_failing_midway_changes_nothing)
{
	json_t *m;

	CTL_OK("ls-add", "sw0");
	CTL_FAIL("nope: switch name not found",
		 "ls-add", "sw1", "--", "lsp-add", "sw1", "p1", "--", "lsp-add", "nope", "p2",
		 "--", "ls-add", "sw2");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "logical_switches")), 1);
	json_decref(m);
}

Test(ctl_txn, failed_chain_prints_nothing)
{
	CTL_OK("ls-add", "sw0");
	CTL_FAIL("already exists", "ls-list", "--", "ls-add", "sw0");
}

Test(ctl_txn, output_of_a_chain_in_order)
{
	CTL_OUT("a\nx\n", "ls-add", "a", "--", "ls-list", "--", "lsp-add", "a", "x",
		"--", "lsp-list", "a");
}

Test(ctl_txn, generation_bumps_once_per_write)
{
	CTL_OK("ls-add", "a", "--", "ls-add", "b", "--", "ls-add", "c");
	cr_assert_eq(generation(), 1);
	CTL_OK("ls-del", "b");
	cr_assert_eq(generation(), 2);
	CTL_OK("ls-list");
	CTL_OK("show");
	cr_assert_eq(generation(), 2);
	CTL_FAIL(NULL, "ls-add", "a");
	cr_assert_eq(generation(), 2);
}

Test(ctl_txn, reader_of_missing_db_creates_nothing)
{
	char lock[160];

	snprintf(lock, sizeof(lock), "%s.lock", ctl_db);
	CTL_OUT("", "ls-list");
	CTL_OUT("", "show");
	cr_assert(!exists(ctl_db));
	cr_assert(!exists(lock));
}

Test(ctl_txn, reader_leaves_db_bytes_alone)
{
	size_t n1, n2;
	char *before, *after;

	CTL_OK("ls-add", "a", "--", "lsp-add", "a", "p");
	before = ctl_slurp(ctl_db, &n1);
	CTL_OK("show", "--", "lsp-list", "a", "--", "lsp-get-type", "p");
	after = ctl_slurp(ctl_db, &n2);
	cr_assert_eq(n1, n2);
	cr_assert(memcmp(before, after, n1) == 0);
	free(before);
	free(after);
}

Test(ctl_txn, db_from_environment)
{
	struct ctl_result r;

	setenv("XOVN_DB", ctl_db, 1);
	ctl_runv(&r, NULL, CTL_ARGV("ls-add", "envsw"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	ctl_result_free(&r);
	CTL_OUT("envsw\n", "ls-list");
}

Test(ctl_txn, db_option_with_equals)
{
	char opt[160];
	struct ctl_result r;

	snprintf(opt, sizeof(opt), "--db=%s", ctl_db);
	ctl_runv(&r, NULL, CTL_ARGV(opt, "ls-add", "eqsw"));
	cr_assert_eq(r.status, 0, "stderr: %s", r.err);
	ctl_result_free(&r);
	CTL_OUT("eqsw\n", "ls-list");
}

Test(ctl_txn, help_and_no_command)
{
	struct ctl_result r;

	ctl_runv(&r, NULL, CTL_ARGV("--help"));
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, "lsp-set-ha-chassis-group"));
	cr_assert_not_null(strstr(r.out, "vif-attach CHASSIS IFNAME PORT"));
	ctl_result_free(&r);
	CTL_FAIL("missing command", "--if-exists");
	ctl_runv(&r, ctl_db, (const char *const[]){ NULL });
	cr_assert_eq(r.status, 1);
	cr_assert(strncmp(r.err, "xovnctl: ", 9) == 0);
	ctl_result_free(&r);
}

/* One writer process: adds its 25 ports, one xovnctl run each. */
static void add_ports(int writer)
{
	char name[32];
	struct ctl_result r;
	int i;

	for (i = 0; i < 25; i++) {
		snprintf(name, sizeof(name), "w%d-p%d", writer, i);
		ctl_runv(&r, ctl_db, CTL_ARGV("lsp-add", "sw0", name));
		if (r.status != 0)
			_exit(1);
		ctl_result_free(&r);
	}
	_exit(0);
}

/* 8 writers of 25 ports each, at once: every port lands, each key once. */
static void check_concurrent_writers(void)
{
	struct xovn_errors errs;
	pid_t pids[8];
	json_t *m, *ports, *p;
	char seen[201] = { 0 };
	int i, wstatus;
	size_t k;

	CTL_OK("ls-add", "sw0");
	for (i = 0; i < 8; i++) {
		pids[i] = fork();
		cr_assert(pids[i] >= 0);
		if (pids[i] == 0)
			add_ports(i);
	}
	for (i = 0; i < 8; i++) {
		cr_assert_eq(waitpid(pids[i], &wstatus, 0), pids[i]);
		cr_assert(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0,
			  "writer %d failed", i);
	}
	m = ctl_load();
	ports = json_object_get(ctl_json_switch(m, "sw0"), "ports");
	cr_assert_eq(json_array_size(ports), 200);
	json_array_foreach(ports, k, p) {
		long key = ctl_json_int(p, "tunnel_key");

		cr_assert(key >= 1 && key <= 200 && !seen[key], "bad or duplicate key %ld", key);
		seen[key] = 1;
	}
	cr_assert_eq(ctl_json_int(m, "generation"), 201);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0, "saved model is invalid");
	xovn_errors_free(&errs);
	json_decref(m);
}

Test(ctl_txn, concurrent_writers_lose_nothing, .timeout = 120)
{
	check_concurrent_writers();
}

/* The same when every write is an append to the journal (a big db's writes). */
Test(ctl_txn, concurrent_appending_writers_lose_nothing, .timeout = 120)
{
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "0", 1);
	check_concurrent_writers();
}
