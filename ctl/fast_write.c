// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fast_write.c - a write confined to the addresses of a few ports, on a
 * big db, without reading the whole db.
 *
 * DB.index (model/db_index.h) says which switch of the db file holds each
 * port and where each top-level member lies.  Such a write reads only the
 * small top-level members and the switches of its ports, applies the
 * records appended on the file (they are part of the db), runs its
 * commands on that part, validates the part and appends its delta to the
 * journal - the same record a full write appends, so xovnd follows it the
 * same way.  The members that name ports of any switch (chassis, bindings)
 * are left out: an address change does not touch what they check.
 *
 * Anything unexpected - no index or a stale one, a port the part does not
 * hold, an error of the part's validation (a part can miss what a
 * reference names), a journal due for compaction - sends the chain to the
 * full path, which reads, checks and reports as it always has; nothing
 * is written before that.  Full validation stays with the full path and
 * xovnd.  XOVN_CTL_FULL_WRITES set in the environment turns this path off
 * (for comparing the two).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "model/db_index.h"
#include "model/delta.h"
#include "model/journal.h"
#include "model/model.h"

/* Verbs that change only the named port's address lists. */
static const char *const address_verbs[] = { "lsp-set-addresses", "lsp-set-port-security" };

/* Members that name ports across switches: not read, not checked by the part. */
static const char *const left_out[] = { "chassis", "bindings" };

static int name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

#define IN_LIST(name, list) name_in(name, list, sizeof(list) / sizeof(list[0]))

static int plain_name(const char *s)
{
	if (!*s || strlen(s) > 63)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-") ==
	       strlen(s);
}

static int chain_eligible(const struct ctl_cmd *cmds, int n)
{
	for (int i = 0; i < n; i++)
		if (!IN_LIST(cmds[i].verb->name, address_verbs) || cmds[i].opts || cmds[i].help ||
		    cmds[i].argc < 1 || !plain_name(cmds[i].argv[0]))
			return 0;
	return n > 0;
}

/* The span of the db file parsed as one JSON value (new reference), NULL if it is not. */
static json_t *read_span(int fd, struct xovn_db_span span)
{
	char *buf = malloc(span.len ? span.len : 1);
	json_t *v = NULL;

	if (buf && pread(fd, buf, span.len, (off_t)span.off) == (ssize_t)span.len)
		v = json_loadb(buf, span.len, JSON_DECODE_ANY, NULL);
	free(buf);
	return v;
}

struct part {
	int fd;
	json_t *doc;
};

static int add_member(const char *member, struct xovn_db_span span, void *arg)
{
	struct part *p = arg;
	json_t *v;

	if (IN_LIST(member, left_out))
		return 0;
	v = read_span(p->fd, span);
	return v && json_object_set_new(p->doc, member, v) == 0 ? 0 : -1;
}

static int has_switch(const json_t *doc, const char *name)
{
	return ctl_index_by_name(json_object_get(doc, "logical_switches"), "name", name) >= 0;
}

/* The file's switch that holds port, added once; a port the file does not hold adds nothing. */
static int add_switch_of(struct part *p, const struct xovn_db_index *ix, const char *port)
{
	struct xovn_db_span span;
	char *name;
	json_t *sw;
	int rc = 0;

	if (xovn_db_index_port(ix, port, &name, &span) < 0)
		return 0; /* perhaps added by an appended record: looked for once they are applied */
	if (!has_switch(p->doc, name)) {
		sw = read_span(p->fd, span);
		/* The span must hold the switch the index names, or the index is wrong. */
		if (!sw || !json_is_string(json_object_get(sw, "name")) ||
		    strcmp(json_string_value(json_object_get(sw, "name")), name) != 0)
			rc = -1;
		else
			rc = json_array_append(json_object_get(p->doc, "logical_switches"), sw);
		json_decref(sw);
	}
	free(name);
	return rc;
}

/*
 * The part of the db the chain needs, as of the db's current state (*head):
 * the file's small members and its ports' switches, with the appended
 * records applied.  NULL when it cannot be had from the index.
 */
static json_t *read_part(const char *db, const struct ctl_cmd *cmds, int n,
			 struct xovn_file_id *head)
{
	struct part p = { .fd = -1 };
	struct xovn_db_index ix;
	struct xovn_file_id file;
	struct stat st;

	p.fd = open(db, O_RDONLY | O_CLOEXEC);
	if (p.fd < 0 || fstat(p.fd, &st) < 0)
		goto fail;
	xovn_file_id_from_stat(&st, &file);
	if (xovn_db_index_open(db, &file, &ix) < 0)
		goto fail;
	p.doc = json_pack("{s:[]}", "logical_switches");
	if (!p.doc || xovn_db_index_members(&ix, add_member, &p) != 0)
		goto fail_ix;
	for (int i = 0; i < n; i++)
		if (add_switch_of(&p, &ix, cmds[i].argv[0]) < 0)
			goto fail_ix;
	xovn_db_index_close(&ix);
	close(p.fd);
	/* A record may replace or remove a switch read above, or change a member. */
	if (xovn_journal_head(db, &file, p.doc, head) < 0)
		goto fail_doc;
	/* Empty, not absent: the schema requires some of them. */
	for (size_t i = 0; i < sizeof(left_out) / sizeof(left_out[0]); i++)
		json_object_set_new(p.doc, left_out[i], json_array());
	for (int i = 0; i < n; i++)
		if (!xovn_find_port(p.doc, cmds[i].argv[0], NULL))
			goto fail_doc; /* the full path says so, or finds it where the part has not */
	return p.doc;
fail_ix:
	xovn_db_index_close(&ix);
fail:
	if (p.fd >= 0)
		close(p.fd);
fail_doc:
	json_decref(p.doc);
	return NULL;
}

static int run_commands(json_t *doc, FILE *out, struct ctl_cmd *cmds, int n)
{
	struct ctl_ctx ctx = { .model = doc, .out = out };

	for (int i = 0; i < n; i++) {
		ctx.cmd = &cmds[i];
		if (cmds[i].verb->fn(&ctx, cmds[i].argc, cmds[i].argv))
			return -1;
	}
	return ctl_assign_uuids(doc);
}

/* The delta replaces switches and bumps the generation, nothing else. */
static int switches_only(const json_t *delta)
{
	return json_object_size(json_object_get(delta, "set")) == 0 &&
	       json_array_size(json_object_get(delta, "unset")) == 0;
}

/* Bumps the generation, checks the part and appends the record: 1 done, 0 not done. */
static int commit_part(const char *db, json_t *doc, const json_t *prints,
		       const struct xovn_file_id *head)
{
	json_int_t gen = json_integer_value(json_object_get(doc, "generation")) + 1;
	json_t *delta = xovn_model_delta_since(prints, doc);
	struct xovn_file_id result;
	struct xovn_errors errs;
	int rc = 0;

	xovn_errors_init(&errs);
	json_object_set_new(doc, "generation", json_integer(gen));
	if (delta && switches_only(delta) && xovn_model_validate(doc, &errs) == 0 &&
	    json_object_set_new(delta, "generation", json_integer(gen)) == 0)
		rc = xovn_journal_try_append(db, head, delta, &result) > 0;
	xovn_errors_free(&errs);
	json_decref(delta);
	return rc;
}

int ctl_fast_write(const char *db, struct ctl_cmd *cmds, int n, FILE *out, json_t **model)
{
	struct xovn_file_id head;
	json_t *doc, *prints;
	int rc;

	*model = NULL;
	if (getenv("XOVN_CTL_FULL_WRITES") || !chain_eligible(cmds, n))
		return 0;
	doc = read_part(db, cmds, n, &head);
	if (!doc)
		return 0;
	prints = xovn_model_prints(doc);
	if (!prints || run_commands(doc, out, cmds, n) < 0) {
		json_decref(prints);
		json_decref(doc);
		/* The commands' own error (printed) stands: they saw the port as it is. */
		return prints ? -1 : 0;
	}
	rc = commit_part(db, doc, prints, &head);
	json_decref(prints);
	if (rc)
		*model = doc;
	else
		json_decref(doc);
	return rc;
}
