// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ctl_compact.c - a big db is compacted after the write that left its
 * journal at its share (ctl/compact.c): by a detached process holding the
 * db's lock, which rewrites the db, trims the journal and rebuilds the
 * index; partial and full writes compact to the same bytes; a compaction
 * killed at any point, or racing other writers, loses no write.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "ctl_harness.h"
#include "model/db_index.h"
#include "model/journal.h"
#include "model/model.h"
#include "part_harness.h"

static void fixture(void)
{
	ctl_fixture_init();
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "0", 1);
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "p1", "--", "lsp-add", "sw0", "p2", "--",
	       "ls-add", "sw1", "--", "lsp-add", "sw1", "q1", "--", "ls-add", "far", "--",
	       "lsp-add", "far", "z1");
}

TestSuite(ctl_compact, .init = fixture, .fini = ctl_fixture_fini);

static struct xovn_file_id file_id(const char *db)
{
	struct xovn_file_id id;

	cr_assert_eq(xovn_file_id_of(db, &id), 0);
	return id;
}

static off_t journal_size(const char *db)
{
	char path[4096];
	struct stat st;

	cr_assert_eq(xovn_journal_path(db, path, sizeof(path)), 0);
	return stat(path, &st) == 0 ? st.st_size : 0;
}

static const char *first_address(json_t *m, const char *port)
{
	return json_string_value(
		json_array_get(json_object_get(ctl_json_port(m, port), "addresses"), 0));
}

Test(ctl_compact, a_write_at_the_share_has_the_db_compacted_after_it)
{
	struct xovn_file_id before = file_id(ctl_db), after;
	struct xovn_db_index ix;
	json_t *m;

	part_fill_journal(ctl_db);
	cr_assert(xovn_journal_compaction_due(ctl_db, &before));
	CTL_OK("lsp-set-addresses", "p1", "02:00:00:00:00:01");
	part_wait_compaction(ctl_db);
	after = file_id(ctl_db);
	cr_assert_not(xovn_file_id_same_file(&before, &after), "the db was not rewritten");
	cr_assert_lt(journal_size(ctl_db), XOVN_JOURNAL_APPEND_FLOOR / 2, "the journal kept %lld bytes",
		     (long long)journal_size(ctl_db));
	cr_assert_eq(xovn_db_index_open(ctl_db, &after, &ix), 0, "no index of the new file");
	xovn_db_index_close(&ix);
	m = part_load(ctl_db);
	cr_assert_str_eq(first_address(m, "p1"), "02:00:00:00:00:01");
	json_decref(m);
}

/* Every UUID in text (random for new rows) made zeros, in place. */
static void mask_uuids(char *text)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	for (char *p = text; *p; p++) {
		size_t i;

		for (i = 0; shape[i] && p[i]; i++)
			if (shape[i] == '-' ? p[i] != '-' : !strchr("0123456789abcdef", p[i]))
				break;
		if (shape[i])
			continue;
		for (i = 0; shape[i]; i++)
			if (shape[i] != '-')
				p[i] = '0';
		p += sizeof(shape) - 2;
	}
}

static void run_ok(const char *db, const char *const *argv)
{
	struct ctl_result r;

	ctl_runv(&r, db, argv);
	cr_assert_eq(r.status, 0, "%s on %s: %s", argv[0], db, r.err);
	ctl_result_free(&r);
}

Test(ctl_compact, partial_and_full_writes_compact_to_the_same_bytes)
{
	const char *const *const chains[] = {
		CTL_ARGV("lsp-add", "sw0", "p3"),
		CTL_ARGV("lsp-set-addresses", "p3", "02:00:00:00:00:03 10.0.0.3"),
		CTL_ARGV("lsp-add", "sw1", "c1", "p3", "5", "--", "lsp-del", "q1"),
		CTL_ARGV("lsp-del", "p2"),
		CTL_ARGV("ls-del", "far"),
		CTL_ARGV("lsp-set-port-security", "p1", "02:00:00:00:00:01"),
	};
	const char *dbs[2];
	char twin[4096], *text[2];

	part_twin("twin.json", twin, sizeof(twin));
	dbs[0] = ctl_db;
	dbs[1] = twin;
	for (int full = 0; full < 2; full++) {
		if (full)
			setenv("XOVN_CTL_FULL_WRITES", "1", 1);
		for (size_t i = 0; i < sizeof(chains) / sizeof(chains[0]); i++)
			run_ok(dbs[full], chains[i]);
		part_fill_journal(dbs[full]);
		run_ok(dbs[full], CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:00:11"));
		part_wait_compaction(dbs[full]);
		unsetenv("XOVN_CTL_FULL_WRITES");
		text[full] = ctl_slurp(dbs[full], NULL);
		cr_assert_not_null(text[full]);
		cr_assert_lt(journal_size(dbs[full]), XOVN_JOURNAL_APPEND_FLOOR / 2,
			     "%s was not compacted", dbs[full]);
		mask_uuids(text[full]);
	}
	cr_assert_str_eq(text[0], text[1]);
	free(text[0]);
	free(text[1]);
}

/* The pid of a child of this process (the compaction, reparented here), 0 when none. */
static pid_t child_of_self(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	cr_assert_not_null(d);
	while (!found && (e = readdir(d))) {
		char path[300], comm[64], state;
		int pid, ppid;
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%d %63s %c %d", &pid, comm, &state, &ppid) == 4 && ppid == getpid() &&
		    state != 'Z')
			found = pid;
		fclose(f);
	}
	closedir(d);
	return found;
}

/* Files a rewrite of the db writes before renaming one in. */
static int count_temp_files(void)
{
	DIR *d = opendir(ctl_dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".tmp.") != NULL;
	closedir(d);
	return n;
}

/* A db of 1200 ports, so that a compaction takes a few milliseconds. */
static void grow_db(void)
{
	for (int s = 0; s < 20; s++) {
		const char *argv[256];
		char names[61][16];
		int n = 0;

		snprintf(names[60], sizeof(names[60]), "g%d", s);
		argv[n++] = "ls-add";
		argv[n++] = names[60];
		for (int p = 0; p < 60; p++) {
			snprintf(names[p], sizeof(names[p]), "g%d-%d", s, p);
			argv[n++] = "--";
			argv[n++] = "lsp-add";
			argv[n++] = names[60];
			argv[n++] = names[p];
		}
		argv[n] = NULL;
		run_ok(ctl_db, argv);
	}
}

Test(ctl_compact, a_compaction_killed_at_any_point_loses_nothing)
{
	static const useconds_t delays[] = { 0, 200, 500, 1000, 2000, 3000, 5000, 8000, 12000 };
	const size_t n = sizeof(delays) / sizeof(delays[0]);
	size_t killed = 0;
	char mac[32], port[8];
	json_t *m;

	cr_assert_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	grow_db();
	for (size_t i = 0; i < n; i++) {
		struct xovn_file_id now = file_id(ctl_db);
		pid_t pid;

		if (!xovn_journal_compaction_due(ctl_db, &now))
			part_fill_journal(ctl_db);
		snprintf(mac, sizeof(mac), "02:00:00:00:01:%02zx", i);
		snprintf(port, sizeof(port), "k%zu", i);
		run_ok(ctl_db, CTL_ARGV("lsp-set-addresses", "p1", mac, "--", "lsp-add", "sw0", port));
		pid = child_of_self();
		if (pid) {
			usleep(delays[i]);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			killed++;
		}
		m = part_load(ctl_db);
		cr_assert_str_eq(first_address(m, "p1"), mac, "after a kill at %u us", delays[i]);
		for (size_t k = 0; k <= i; k++) {
			char name[8];

			snprintf(name, sizeof(name), "k%zu", k);
			cr_assert_not_null(xovn_find_port(m, name, NULL), "%s lost (kill at %u us)",
					   name, delays[i]);
		}
		json_decref(m);
	}
	cr_assert_gt(killed, 0, "no compaction ran to be killed");
	/* Left alone, the next compaction completes and removes what killed ones left. */
	part_fill_journal(ctl_db);
	run_ok(ctl_db, CTL_ARGV("lsp-set-addresses", "p1", "02:00:00:00:02:00"));
	part_wait_compaction(ctl_db);
	cr_assert_lt(journal_size(ctl_db), XOVN_JOURNAL_APPEND_FLOOR / 2);
	m = part_load(ctl_db);
	cr_assert_eq(json_array_size(json_object_get(ctl_json_switch(m, "sw0"), "ports")), 2 + n);
	json_decref(m);
	cr_assert_eq(count_temp_files(), 0);
}

/* xovnctl --db ctl_db argv... with no output, from a process of its own: its exit status. */
static int quiet_run(const char *const *argv)
{
	const char *args[16] = { "xovnctl", "--db", ctl_db };
	posix_spawn_file_actions_t fa;
	int n = 3, status = -1;
	pid_t pid;

	while (*argv && n < 15)
		args[n++] = *argv++;
	args[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, ctl_bin(), &fa, NULL, (char *const *)args, environ) == 0)
		waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The journal brought to its share under the db lock, as a writer would hold it. */
static void fill_journal_locked(void)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s.lock", ctl_db);
	fd = open(path, O_RDWR);
	if (fd < 0 || flock(fd, LOCK_EX) < 0)
		_exit(2);
	part_fill_journal(ctl_db);
	close(fd);
}

enum { WRITERS = 4, WRITES = 6 };

/* One writer process: WRITES ports added, each write leaving the journal due. */
static void writer(int w)
{
	for (int i = 0; i < WRITES; i++) {
		char port[16];

		snprintf(port, sizeof(port), "w%d-%d", w, i);
		fill_journal_locked();
		if (quiet_run(CTL_ARGV("lsp-add", i % 2 ? "sw0" : "sw1", port)) != 0)
			_exit(1);
	}
	_exit(0);
}

Test(ctl_compact, concurrent_writers_and_compactions_lose_nothing)
{
	pid_t pids[WRITERS];
	json_t *m;

	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		cr_assert(pids[w] >= 0);
		if (pids[w] == 0)
			writer(w);
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;

		cr_assert_eq(waitpid(pids[w], &status, 0), pids[w]);
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", w);
	}
	part_wait_compaction(ctl_db);
	m = part_load(ctl_db);
	for (int w = 0; w < WRITERS; w++)
		for (int i = 0; i < WRITES; i++) {
			char port[16];

			snprintf(port, sizeof(port), "w%d-%d", w, i);
			cr_assert_not_null(xovn_find_port(m, port, NULL), "%s lost", port);
		}
	json_decref(m);
	cr_assert_lt(journal_size(ctl_db), XOVN_JOURNAL_APPEND_FLOOR / 2);
}
