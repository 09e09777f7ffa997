// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fast_write.c - a write confined to a few switches and the small members
 * of a big db, without reading the whole db.
 *
 * The commands of fast_verbs.c change only the switches they name or that
 * hold the ports they name - port addresses, types, options and DHCP
 * options, adding and deleting ports, adding and deleting a switch - or
 * the small top-level members: routers, their ports, routes, NAT rules and
 * gateway chassis, DHCP options rows, HA chassis groups.  Such a chain
 * runs on the part of the db it touches (fast_part.c: the small top-level
 * members and those switches, with the records appended on the file
 * applied), validates the part and appends its delta to the journal - the
 * same record a full write appends, so xovnd follows it the same way.  A
 * new switch or router sees every other switch as a stub (name and key,
 * from the index): names and datapath keys are checked and given as on
 * the full path.
 *
 * Anything the part cannot settle - no or a stale index, a port added or
 * deleted that chassis or bindings name, or retyped unless it stays a
 * plain VIF, a parent of container ports deleted, a port that is a
 * localnet after its change, an error of the part's validation (a part
 * can miss what a reference names), a change to chassis or bindings, a
 * router port or DHCP options row deleted that a switch outside the part
 * names, an item made incomplete whose truth the part does not hold
 * (fast_settle.c), a journal at its limit - sends the chain to the full
 * path, which runs it afresh, reads, checks and reports as it always has;
 * nothing is written before that.  Full validation stays with the full
 * path and xovnd.  XOVN_CTL_FULL_WRITES set in the environment turns this
 * path off (for comparing the two).
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "db.h"
#include "fast_part.h"
#include "model/delta.h"
#include "model/journal.h"
#include "model/model.h"

/* A name the index can hold (no escapes, no spaces). */
static int plain_name(const char *s)
{
	if (!*s || strlen(s) > 63)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-") ==
	       strlen(s);
}

static int add_name(const char **list, size_t *n, const char *name)
{
	if (*n == PART_MAX_NAMES)
		return -1;
	list[(*n)++] = name;
	return 0;
}

static int add_role(struct part_names *names, enum part_role role, const char *arg)
{
	switch (role) {
	case ROLE_NONE:
		return 0;
	case ROLE_PORT:
		return add_name(names->ports, &names->n_ports, arg);
	case ROLE_NEW_PORT:
	case ROLE_GONE_PORT:
		return add_name(names->ports, &names->n_ports, arg) ||
		       add_name(names->claimed, &names->n_claimed, arg);
	case ROLE_TYPED_PORT:
		return add_name(names->ports, &names->n_ports, arg) ||
		       add_name(names->retyped, &names->n_retyped, arg);
	case ROLE_SWITCH:
		return add_name(names->switches, &names->n_switches, arg);
	case ROLE_GONE_SWITCH:
		return add_name(names->switches, &names->n_switches, arg) ||
		       add_name(names->emptied, &names->n_emptied, arg);
	case ROLE_DATAPATH:
		names->all_switches = 1;
		return 0;
	case ROLE_GONE_LRP:
		return add_name(names->gone_lrps, &names->n_gone_lrps, arg);
	case ROLE_GONE_ROUTER:
		return add_name(names->gone_routers, &names->n_gone_routers, arg);
	}
	return -1;
}

/* The names of a chain of part verbs only; -1 when it is not one. */
static int chain_names(const struct ctl_cmd *cmds, int n, struct part_names *names)
{
	enum part_role roles[PART_ARGS];

	memset(names, 0, sizeof(*names));
	for (int i = 0; i < n; i++) {
		if (ctl_part_roles(&cmds[i], roles) < 0)
			return -1;
		for (int a = 0; a < cmds[i].argc && a < PART_ARGS; a++)
			if (roles[a] != ROLE_NONE &&
			    (!plain_name(cmds[i].argv[a]) || add_role(names, roles[a], cmds[i].argv[a])))
				return -1;
	}
	return n > 0 ? 0 : -1;
}

/* A deleted parent's container ports may be in any switch: the full path names the first. */
static int deletes_a_parent(const json_t *doc, const struct ctl_cmd *cmds, int n)
{
	for (int i = 0; i < n; i++) {
		const char *gone = ctl_part_arg_of(&cmds[i], ROLE_GONE_PORT);

		if (gone && ctl_first_child(doc, gone))
			return 1;
	}
	return 0;
}

/* A retyped port that chassis or bindings name is no plain VIF now: they check it. */
static int retypes_a_bound_port(const json_t *doc, const json_t *bound_vifs)
{
	json_t *name;
	size_t i;

	json_array_foreach(bound_vifs, i, name)
		if (!ctl_part_plain_vif(doc, json_string_value(name)))
			return 1;
	return 0;
}

/* A port whose type or options changed is a localnet now: chassis mappings check those. */
static int types_a_localnet(const json_t *doc, const struct ctl_cmd *cmds, int n)
{
	for (int i = 0; i < n; i++) {
		const char *typed = ctl_part_arg_of(&cmds[i], ROLE_TYPED_PORT);
		json_t *port;

		if (!typed)
			continue;
		port = xovn_find_port(doc, typed, NULL);
		if (port && strcmp(xovn_port_type_str(port), "localnet") == 0)
			return 1;
	}
	return 0;
}

static int run_commands(json_t *doc, FILE *out, struct ctl_cmd *cmds, int n)
{
	struct ctl_ctx ctx = { .model = doc, .out = out };

	for (int i = 0; i < n; i++) {
		ctx.cmd = &cmds[i];
		if (cmds[i].verb->fn(&ctx, cmds[i].argc, cmds[i].argv))
			return -1;
	}
	return 0;
}

/* The delta changes no member the part left empty. */
static int within_part(const json_t *delta)
{
	const char *member;
	json_t *v;
	size_t i;

	json_object_foreach(json_object_get(delta, "set"), member, v)
		if (ctl_part_left_out(member))
			return 0;
	json_array_foreach(json_object_get(delta, "unset"), i, v)
		if (!json_is_string(v) || ctl_part_left_out(json_string_value(v)))
			return 0;
	return 1;
}

/* Bumps the generation, checks the part and appends the record: 1 done, 0 not done. */
static int commit_part(const char *db, json_t *doc, const json_t *prints,
		       const struct part_before *before, const struct part_found *found,
		       const struct xovn_file_id *head)
{
	json_int_t gen = json_integer_value(json_object_get(doc, "generation")) + 1;
	json_t *delta = xovn_model_delta_since(prints, doc);
	struct xovn_inactive_list inactive;
	struct xovn_file_id result;
	struct xovn_errors errs;
	int rc = 0;

	xovn_errors_init(&errs);
	xovn_inactive_init(&inactive);
	json_object_set_new(doc, "generation", json_integer(gen));
	if (delta && within_part(delta) &&
	    xovn_model_validate_listing(doc, &errs, &inactive) == 0 &&
	    ctl_part_settle(doc, before, found, &inactive) == 0 &&
	    json_object_set_new(delta, "generation", json_integer(gen)) == 0)
		rc = xovn_journal_try_append(db, head, delta, &result) > 0;
	if (rc) /* the full path lists them last, once stored */
		xovn_inactive_print(&inactive, "xovnctl: ", stderr);
	xovn_inactive_free(&inactive);
	xovn_errors_free(&errs);
	json_decref(delta);
	return rc;
}

/* The part's fingerprints and what it holds, without the stubs (NULL when out of memory). */
static json_t *prints_of_part(json_t *doc, const json_t *stubs, struct part_before *before)
{
	json_t *taken = ctl_part_take_stubs(doc, stubs), *prints;

	if (!taken)
		return NULL;
	prints = ctl_part_before(doc, before) == 0 ? xovn_model_prints(doc) : NULL;
	if (ctl_part_put_stubs(doc, taken) < 0) {
		json_decref(prints);
		prints = NULL;
	}
	json_decref(taken);
	return prints;
}

/* The part as it is to be committed: stubs out, new rows' UUIDs given.  0 ok. */
static int settle_part(json_t *doc, const json_t *stubs)
{
	json_t *taken = ctl_part_take_stubs(doc, stubs);
	int rc = taken ? ctl_assign_uuids(doc) : -1;

	json_decref(taken);
	return rc;
}

/* The chain's output on the part: shown only once its record is appended. */
struct part_out {
	char *buf;
	size_t len;
};

/* 0 ok, -1 the commands' own error, -2 out of memory. */
static int run_on_part(json_t *doc, struct part_out *o, struct ctl_cmd *cmds, int n)
{
	FILE *own = open_memstream(&o->buf, &o->len);
	int rc;

	if (!own)
		return -2;
	rc = run_commands(doc, own, cmds, n);
	fclose(own);
	return rc;
}

int ctl_fast_write(const char *db, struct ctl_cmd *cmds, int n, FILE *out, json_t **model)
{
	struct xovn_file_id head;
	struct part_names names;
	struct part_found found = { 0 };
	struct part_before before = { 0 };
	struct part_out o = { 0 };
	json_t *doc, *prints = NULL;
	int rc = 0, ran = -2;

	*model = NULL;
	if (getenv("XOVN_CTL_FULL_WRITES") || chain_names(cmds, n, &names) < 0)
		return 0;
	doc = ctl_part_read(db, &names, &head, &found);
	if (doc && !deletes_a_parent(doc, cmds, n))
		prints = prints_of_part(doc, found.stubs, &before);
	if (prints)
		ran = run_on_part(doc, &o, cmds, n);
	if (ran == -1) {
		/* The commands' own error (printed) stands: they saw their switches as they are. */
		rc = -1;
	} else if (ran == 0) {
		rc = settle_part(doc, found.stubs) == 0 && !types_a_localnet(doc, cmds, n) &&
		     !retypes_a_bound_port(doc, found.bound_vifs) &&
		     commit_part(db, doc, prints, &before, &found, &head);
		if (rc)
			fwrite(o.buf, 1, o.len, out);
		else /* the full path runs the chain afresh: no row or --id name of this run */
			db_chain_reset();
	}
	free(o.buf);
	ctl_part_before_free(&before);
	ctl_part_found_free(&found);
	json_decref(prints);
	if (rc > 0)
		*model = doc;
	else
		json_decref(doc);
	return rc;
}
