/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ctl_harness.h - runs the built xovnctl binary against a private
 * temporary db and reads the result back, for the ctl_* test suites.
 */
#ifndef XOVN_TEST_CTL_HARNESS_H
#define XOVN_TEST_CTL_HARNESS_H

#include <jansson.h>
#include <stddef.h>

struct ctl_result {
	int status;      /* exit status, or -1 when killed */
	char *out;       /* stdout, NUL-terminated */
	char *err;       /* stderr, NUL-terminated */
};

/* Per-test directory holding the db; made by ctl_fixture_init. */
extern char ctl_dir[];
extern char ctl_db[];

void ctl_fixture_init(void);
void ctl_fixture_fini(void);
/*
 * ctl_fixture_init plus one switch with every kind of port (VIF, localnet,
 * localport, a bound port), a chassis and an HA group: what the argument
 * tests run their verbs against.
 */
void ctl_fixture_init_sample(void);

/* Path of build/xovnctl, from $XOVN_SRC. */
const char *ctl_bin(void);

/* Runs xovnctl with argv (NULL-terminated, without the program name) and --db db. */
void ctl_runv(struct ctl_result *r, const char *db, const char *const *argv);
void ctl_result_free(struct ctl_result *r);

/* Whole file contents (NUL-terminated) or NULL when absent. */
char *ctl_slurp(const char *path, size_t *len);
/* The db as JSON; fails the test if it does not parse. */
json_t *ctl_load(void);

/* Asserting wrappers; the argument lists end with NULL (the macros add it). */
void ctl_expect_ok_v(const char *out_expected, const char *const *argv);
void ctl_expect_fail_v(const char *err_substring, const char *const *argv);
/* stdout of a run on ctl_db that must succeed, trailing newline dropped; caller frees. */
char *ctl_capture_v(const char *const *argv);

#define CTL_ARGV(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* Succeeds with empty stderr. */
#define CTL_OK(...) ctl_expect_ok_v(NULL, CTL_ARGV(__VA_ARGS__))
/* Succeeds printing exactly OUT. */
#define CTL_OUT(OUT, ...) ctl_expect_ok_v(OUT, CTL_ARGV(__VA_ARGS__))
/* Exits 1 with "xovnctl: " on stderr containing SUB, db bytes unchanged. */
#define CTL_FAIL(SUB, ...) ctl_expect_fail_v(SUB, CTL_ARGV(__VA_ARGS__))

/* Member lookups on the loaded model; fail the test when absent. */
json_t *ctl_json_switch(json_t *model, const char *name);
json_t *ctl_json_port(json_t *model, const char *name);
json_t *ctl_json_chassis(json_t *model, const char *name);
json_t *ctl_json_router(json_t *model, const char *name);
json_t *ctl_json_router_port(json_t *model, const char *name);
long ctl_json_int(json_t *obj, const char *key);

/* Asserts the db's row name (found by find, as above) has no member key. */
void ctl_expect_absent(json_t *(*find)(json_t *model, const char *name), const char *name,
		       const char *key);

/* A row of the db found by name (find is ctl_json_switch, ...) and its tunnel_key. */
struct ctl_key {
	json_t *(*find)(json_t *model, const char *name);
	const char *name;
	long tunnel_key;
};
/* Loads the db once and asserts every row's tunnel_key. */
void ctl_expect_keys_v(const struct ctl_key *keys, size_t n);
#define CTL_KEYS(...) ((const struct ctl_key[]){ __VA_ARGS__ })
#define CTL_EXPECT_KEYS(...) \
	ctl_expect_keys_v(CTL_KEYS(__VA_ARGS__), sizeof(CTL_KEYS(__VA_ARGS__)) / sizeof(struct ctl_key))

#endif
