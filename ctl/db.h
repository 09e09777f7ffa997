/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * db.h - the model seen as OVSDB tables, for the generic database commands
 * (list, get, set, add, remove, clear, find, create, destroy).
 *
 * A table is a declarative description: its name, where its rows live in
 * the JSON (a top-level array, or an array inside each row of a parent
 * table), and its columns with their OVSDB type and the JSON member that
 * holds each.  A datum (a column's value) is a JSON array of atoms (strings
 * or integers) or, for a map column, a JSON object of strings.
 */
#ifndef XOVN_CTL_DB_H
#define XOVN_CTL_DB_H

#include <jansson.h>
#include <stdio.h>

enum db_kind {
	DB_UUID,       /* _uuid: read-only */
	DB_STR,        /* string, "" when absent */
	DB_INT,        /* integer, required */
	DB_OPT_STR,    /* set of 0..1 string: absent member is [] */
	DB_OPT_INT,    /* set of 0..1 integer */
	DB_OPT_BOOL,   /* set of 0..1 boolean */
	DB_STR_SET,    /* set of strings (JSON array) */
	DB_MAP,        /* map string -> string (JSON object) */
	DB_REF,        /* 0..1 reference, stored as the referenced row's name */
	DB_CHILDREN,   /* set of references to the rows nested in this member */
};

struct db_table;

struct db_column {
	const char *name;
	enum db_kind kind;
	const char *member;            /* JSON member (NULL for _uuid) */
	const char *ref;               /* DB_REF, DB_CHILDREN: the referenced table */
	int readonly;
	long min, max;                 /* DB_INT, DB_OPT_INT range */
	int empty_absent;              /* DB_STR: "" is stored as an absent member */
};

struct db_table {
	const char *name;
	const char *array;             /* top-level array, or the member inside parent rows */
	const char *parent;            /* NULL: rows live at the top level */
	const char *name_column;       /* records may be named by it; NULL: only by _uuid */
	const struct db_column *columns;   /* _uuid first, then by name; ends with { NULL } */
	int creatable;
};

/* One row and where it sits. */
struct db_row {
	json_t *obj;
	json_t *array;                 /* the array holding it */
	json_t *parent;                /* the parent row, NULL at the top level */
};

struct db_rows {
	struct db_row *v;
	size_t n, cap;
};

/* db_tables.c */
const struct db_table *db_find_table(const char *name);   /* error printed when NULL */
const struct db_table *db_table_by_name(const char *exact);
const struct db_column *db_find_column(const struct db_table *t, const char *name);
int db_rows_of(json_t *model, const struct db_table *t, struct db_rows *out);
void db_rows_free(struct db_rows *r);
/* The record named by _uuid, @id or the table's name column; NULL (error printed unless quiet). */
int db_find_row(json_t *model, const struct db_table *t, const char *id, int quiet,
		struct db_row *out);
/* Rows created in this chain that no parent holds yet (nested tables). */
json_t *db_pending(const struct db_table *t);
/* Forgets the pending rows and --id names of the previous chain. */
void db_chain_reset(void);
/* --id=@name of this chain. */
int db_id_define(const char *id, const char *uuid);
const char *db_id_lookup(const char *id);

/* cmd_db.c: "COLUMN[:KEY]=VALUE" written into a row (error printed). */
int db_set_arg(json_t *model, const struct db_table *t, const struct db_row *row,
	       const char *arg);

/* db_datum.c */
json_t *db_datum_get(json_t *model, const struct db_table *t, const struct db_row *row,
		     const struct db_column *c);
int db_datum_set(json_t *model, const struct db_table *t, const struct db_row *row,
		 const struct db_column *c, json_t *datum);
/* Parses VALUE in OVSDB syntax for column c: a new datum or NULL (error printed). */
json_t *db_datum_parse(const struct db_column *c, const char *value);
json_t *db_atom_parse(const struct db_column *c, const char *s, int is_key);
int db_datum_equal(const json_t *a, const json_t *b);
int db_is_map(const struct db_column *c);
int db_is_scalar(const struct db_column *c);
void db_datum_print(FILE *f, const struct db_column *c, const json_t *d, int bare);
json_t *db_datum_json(const struct db_column *c, const json_t *d);
void db_atom_print(FILE *f, const struct db_column *c, const json_t *a, int bare);

#endif
