/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model.h - the northbound model: loading, validating, saving.
 *
 * The model is stored as a jansson document in the shape of
 * schemas/nb.schema.json; xovnctl edits it in place and the validator's
 * schema pass checks it.  The semantic passes read it as typed structs
 * (model/types.h), in which a value of the wrong type is simply absent.
 */
#ifndef XOVN_MODEL_H
#define XOVN_MODEL_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* One validation error: where in the document, which rule, and why. */
struct xovn_error {
	char path[256];    /* JSON path, e.g. "$.logical_switches[0].ports[2].tag" */
	char rule[64];     /* short rule id, e.g. "range", "unique-name", "mac-syntax" */
	char msg[256];     /* human explanation */
};

struct xovn_errors {
	struct xovn_error *v;
	size_t n, cap;
};

void xovn_errors_init(struct xovn_errors *e);
void xovn_errors_free(struct xovn_errors *e);
void xovn_errors_add(struct xovn_errors *e, const char *path, const char *rule,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Prints every error as "PATH: RULE: MSG" lines, each prefixed by prefix. */
void xovn_errors_print(const struct xovn_errors *e, const char *prefix, FILE *f);

/* A new empty model: {"version":1,"generation":0,"logical_switches":[],...}. */
json_t *xovn_model_new(void);

/*
 * Reads and parses path, with the records appended on it in the journal
 * applied.  Returns NULL and fills errs (path "$", rule "json-syntax" or
 * "io") on failure.  Does not validate.  A missing file
 * gives an empty model when missing_ok is set.
 */
json_t *xovn_model_load(const char *path, int missing_ok, struct xovn_errors *errs);
/*
 * The same, with the records appended on the file in PATH.journal applied
 * (model/journal.h: they are part of the db; xovn_model_load applies them
 * too), and *state the db state read: the file's identity and how many
 * records were applied (all zero for a missing file).
 */
struct xovn_file_id;
json_t *xovn_model_load_state(const char *path, int missing_ok, struct xovn_errors *errs,
			      struct xovn_file_id *state);

/*
 * Checks every schema rule and every semantic rule; appends one error per
 * violation (all of them, not just the first).  Returns the number of errors
 * found.  Semantic rules: unique switch/port/chassis/group names (ports are
 * unique across all switches, as in OVN), unique tunnel keys, MAC/IPv4/IPv6
 * syntax in addresses and port_security, tag 1..4094, key ranges, references
 * (parent_name, ha_chassis_group, vifs[].port, bindings[], group members,
 * l2gateway-chassis) to things that exist, a parent that is a VIF, tag only
 * with parent or on localnet, network_name on localnet/l2gateway, no
 * duplicate IP within a switch, a VIF port attached on at most one chassis.
 */
size_t xovn_model_validate(const json_t *model, struct xovn_errors *errs);
/*
 * The same and, when it finds no error, the model's incomplete items
 * appended to inactive (model/incomplete.h), from the same typed reading.
 */
struct xovn_inactive_list;
size_t xovn_model_validate_listing(const json_t *model, struct xovn_errors *errs,
				   struct xovn_inactive_list *inactive);
/*
 * The same and, when it finds no error and typed is not NULL, the typed
 * reading the semantic passes made (model/types.h, references resolved)
 * in *typed, for the caller to compile and free (xovn_model_free); it
 * borrows its strings from model.  *typed is NULL when there is an error.
 * inactive may be NULL.
 */
struct xovn_model;
size_t xovn_model_validate_typed(const json_t *model, struct xovn_errors *errs,
				 struct xovn_inactive_list *inactive, struct xovn_model **typed);

/* Writes atomically: temp file in the same directory, fsync, rename, fsync dir. */
int xovn_model_save(const char *path, const json_t *model, struct xovn_errors *errs);
/*
 * The same, calling before_rename(st, arg) with the stat of the written and
 * synced temporary file just before it is renamed over path: its inode,
 * size and mtime are what path will have (xovnctl's journal record).
 */
struct stat;
int xovn_model_save_with(const char *path, const json_t *model, struct xovn_errors *errs,
			 void (*before_rename)(const struct stat *st, void *arg), void *arg);

/* Default db path: $XOVN_DB, else /var/lib/xovn/nb.json. */
const char *xovn_default_db(void);

/* ---- lookups shared by xovnctl and the compiler (NULL when absent) ------ */

json_t *xovn_find_switch(const json_t *model, const char *name);
/* Finds a port in any switch; *sw_out (if not NULL) gets its switch. */
json_t *xovn_find_port(const json_t *model, const char *name, json_t **sw_out);
json_t *xovn_find_chassis(const json_t *model, const char *name);
json_t *xovn_find_group(const json_t *model, const char *name);

/* The model's spelling of each enum xovn_port_type ("" for a VIF). */
extern const char *const xovn_port_type_names[];

/* Port type string ("" for VIF) and the matching enum xovn_port_type, -1 if unknown. */
const char *xovn_port_type_str(const json_t *port);
int xovn_port_type_from_str(const char *s);

/*
 * The chassis a port is bound to: explicit binding, else the chassis where a
 * VIF is attached for it (not for localports), else for l2gateway the
 * l2gateway-chassis option; NULL when unbound.
 */
const char *xovn_port_binding(const json_t *model, const char *port);

#endif /* XOVN_MODEL_H */
