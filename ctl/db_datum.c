/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * db_datum.c - a column's value (datum) read from and written to a row,
 * parsed from and printed in OVSDB's syntax: strings quoted unless they are
 * plain words, sets [a, b] (sorted), maps {k=v} (sorted by key), a 0..1 set
 * printed as its atom or [].
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "db.h"

int db_is_map(const struct db_column *c)
{
	return c->kind == DB_MAP;
}

/* Exactly one value: printed bare, not as a set. */
int db_is_scalar(const struct db_column *c)
{
	return c->kind == DB_UUID || c->kind == DB_STR || c->kind == DB_INT;
}

static int is_uuid_kind(const struct db_column *c)
{
	return c->kind == DB_UUID || c->kind == DB_REF || c->kind == DB_CHILDREN;
}

static int is_int_kind(const struct db_column *c)
{
	return c->kind == DB_INT || c->kind == DB_OPT_INT;
}

static const char *row_uuid(const json_t *row)
{
	return json_string_value(json_object_get(row, "_uuid"));
}

json_t *db_datum_get(json_t *model, const struct db_table *t, const struct db_row *row,
		     const struct db_column *c)
{
	json_t *v = c->member ? json_object_get(row->obj, c->member) : NULL;
	json_t *d = json_array(), *el;
	struct db_row ref;
	size_t i;

	(void)t;
	switch (c->kind) {
	case DB_UUID:
		json_array_append_new(d, json_string(row_uuid(row->obj) ? row_uuid(row->obj) : ""));
		break;
	case DB_STR:
		json_array_append_new(d, json_string(json_is_string(v) ? json_string_value(v) : ""));
		break;
	case DB_INT:
		json_array_append_new(d, json_integer(json_integer_value(v)));
		break;
	case DB_OPT_STR:
	case DB_OPT_INT:
	case DB_OPT_BOOL:
		if (v)
			json_array_append(d, v);
		break;
	case DB_STR_SET:
		json_array_extend(d, json_is_array(v) ? v : NULL);
		break;
	case DB_MAP:
		json_decref(d);
		return json_is_object(v) ? json_deep_copy(v) : json_object();
	case DB_REF:
		if (json_is_string(v) &&
		    db_find_row(model, db_table_by_name(c->ref), json_string_value(v), 1, &ref) == 0)
			json_array_append_new(d, json_string(row_uuid(ref.obj)));
		break;
	case DB_CHILDREN:
		json_array_foreach(v, i, el)
			json_array_append_new(d, json_string(row_uuid(el) ? row_uuid(el) : ""));
		break;
	}
	return d;
}

static int atom_cmp(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;

	if (json_is_integer(x) && json_is_integer(y))
		return json_integer_value(x) < json_integer_value(y) ? -1 :
		       json_integer_value(x) > json_integer_value(y);
	return strcmp(json_string_value(x) ? json_string_value(x) : "",
		      json_string_value(y) ? json_string_value(y) : "");
}

/* The atoms of a set datum, sorted (as OVSDB keeps them). */
static json_t **sorted(const json_t *d, size_t *n)
{
	json_t **v;
	size_t i;

	*n = json_array_size(d);
	v = calloc(*n ? *n : 1, sizeof(*v));
	for (i = 0; v && i < *n; i++)
		v[i] = json_array_get(d, i);
	if (v)
		qsort(v, *n, sizeof(*v), atom_cmp);
	return v;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char **sorted_keys(const json_t *m, size_t *n)
{
	const char **k = calloc(json_object_size(m) + 1, sizeof(*k));
	const char *key;
	json_t *val;

	*n = 0;
	json_object_foreach((json_t *)m, key, val)
		if (k)
			k[(*n)++] = key;
	if (k)
		qsort(k, *n, sizeof(*k), key_cmp);
	return k;
}

static int looks_like_uuid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	}
	return s[36] == '\0';
}

/* A plain word (letter or '_' first, then letters, digits, '_', '-', '.') prints bare. */
static int needs_quotes(const char *s)
{
	const char *p;

	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return 1;
	for (p = s + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			return 1;
	return strcmp(s, "true") == 0 || strcmp(s, "false") == 0 || looks_like_uuid(s);
}

static void print_string(FILE *f, const char *s, int bare)
{
	if (bare || !needs_quotes(s)) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

void db_atom_print(FILE *f, const struct db_column *c, const json_t *a, int bare)
{
	if (json_is_integer(a))
		fprintf(f, "%lld", (long long)json_integer_value(a));
	else if (json_is_boolean(a))
		fputs(json_is_true(a) ? "true" : "false", f);
	else if (is_uuid_kind(c))
		fputs(json_string_value(a), f);
	else
		print_string(f, json_string_value(a), bare);
}

static void print_map(FILE *f, const json_t *m, int bare)
{
	size_t n, i;
	const char **k = sorted_keys(m, &n);

	if (!bare)
		fputc('{', f);
	for (i = 0; k && i < n; i++) {
		if (i)
			fputs(bare ? " " : ", ", f);
		print_string(f, k[i], bare);
		fputc('=', f);
		print_string(f, json_string_value(json_object_get(m, k[i])), bare);
	}
	if (!bare)
		fputc('}', f);
	free(k);
}

void db_datum_print(FILE *f, const struct db_column *c, const json_t *d, int bare)
{
	size_t n, i;
	json_t **v;
	int brackets;

	if (db_is_map(c)) {
		print_map(f, d, bare);
		return;
	}
	v = sorted(d, &n);
	brackets = !bare && (!db_is_scalar(c) && (n != 1 || c->kind == DB_STR_SET ||
						  c->kind == DB_CHILDREN));
	if (brackets)
		fputc('[', f);
	for (i = 0; v && i < n; i++) {
		if (i)
			fputs(bare ? " " : ", ", f);
		db_atom_print(f, c, v[i], bare);
	}
	if (brackets)
		fputc(']', f);
	free(v);
}

static json_t *atom_json(const struct db_column *c, const json_t *a)
{
	if (is_uuid_kind(c))
		return json_pack("[s, s]", "uuid", json_string_value(a));
	return json_copy((json_t *)a);
}

json_t *db_datum_json(const struct db_column *c, const json_t *d)
{
	json_t *out = json_array(), **v;
	size_t n, i;

	if (db_is_map(c)) {
		const char **k = sorted_keys(d, &n);

		for (i = 0; k && i < n; i++)
			json_array_append_new(out, json_pack("[s, O]", k[i],
							     json_object_get(d, k[i])));
		free(k);
		return json_pack("[s, o]", "map", out);
	}
	v = sorted(d, &n);
	if (n == 1) {
		json_decref(out);
		out = atom_json(c, v[0]);
		free(v);
		return out;
	}
	for (i = 0; v && i < n; i++)
		json_array_append_new(out, atom_json(c, v[i]));
	free(v);
	return json_pack("[s, o]", "set", out);
}

int db_datum_equal(const json_t *a, const json_t *b)
{
	size_t na, nb, i;
	json_t **x, **y;
	int eq;

	if (json_is_object(a) || json_is_object(b))
		return json_equal((json_t *)a, (json_t *)b);
	x = sorted(a, &na);
	y = sorted(b, &nb);
	eq = na == nb && x && y;
	for (i = 0; eq && i < na; i++)
		eq = atom_cmp(&x[i], &y[i]) == 0;
	free(x);
	free(y);
	return eq;
}

/* ---- parsing ------------------------------------------------------------ */

struct lex {
	const char *p;
	const char *what;
};

static void skip_space(struct lex *l)
{
	while (isspace((unsigned char)*l->p))
		l->p++;
}

/* One token: a "quoted string" (with \ escapes) or a run up to a delimiter. */
static char *token(struct lex *l)
{
	char *out = malloc(strlen(l->p) + 1), *o = out;

	if (!out)
		return NULL;
	skip_space(l);
	if (*l->p == '"') {
		for (l->p++; *l->p && *l->p != '"'; l->p++) {
			if (*l->p == '\\' && l->p[1])
				l->p++;
			*o++ = *l->p == 'n' && l->p[-1] == '\\' ? '\n' : *l->p;
		}
		if (*l->p != '"') {
			free(out);
			ctl_fail("%s: missing closing quote", l->what);
			return NULL;
		}
		l->p++;
	} else {
		/* a backslash takes the next character as it is ("2001\:db8\:\:/64") */
		while (*l->p && !isspace((unsigned char)*l->p) && !strchr(",=[]{}", *l->p)) {
			if (*l->p == '\\' && l->p[1])
				l->p++;
			*o++ = *l->p++;
		}
	}
	*o = '\0';
	return out;
}

/* An atom of the column's key type from its text (already unquoted). */
static json_t *atom_from(const struct db_column *c, const char *s, int is_key)
{
	if (is_int_kind(c) && is_key) {
		long v;

		if (ctl_parse_long(c->name, s, c->min, c->max, &v))
			return NULL;
		return json_integer(v);
	}
	if (c->kind == DB_OPT_BOOL && is_key) {
		if (strcmp(s, "true") && strcmp(s, "false"))
			return ctl_fail("\"%s\" is not a valid boolean (use \"true\" or \"false\")",
					s), NULL;
		return json_boolean(strcmp(s, "true") == 0);
	}
	if (is_uuid_kind(c) && is_key) {
		const char *u = s[0] == '@' ? db_id_lookup(s) : s;

		if (!u)
			return ctl_fail("row id \"%s\" is not defined by an --id option", s), NULL;
		if (!looks_like_uuid(u))
			return ctl_fail("\"%s\" is not a valid UUID", s), NULL;
		return json_string(u);
	}
	return json_string(s);
}

json_t *db_atom_parse(const struct db_column *c, const char *s, int is_key)
{
	struct lex l = { s, c->name };
	char *t = token(&l);
	json_t *a;

	if (!t)
		return NULL;
	skip_space(&l);
	if (*l.p) {
		free(t);
		ctl_fail("%s: trailing garbage \"%s\"", c->name, l.p);
		return NULL;
	}
	a = atom_from(c, t, is_key);
	free(t);
	return a;
}

static json_t *parse_elems(const struct db_column *c, struct lex *l, char close)
{
	json_t *d = db_is_map(c) ? json_object() : json_array();
	const char *before;

	skip_space(l);
	while (*l->p && *l->p != close) {
		char *k = token(l), *v = NULL;
		json_t *a = NULL;

		skip_space(l);
		if (k && db_is_map(c)) {
			if (*l->p != '=') {
				ctl_fail("%s: \"%s\" needs =VALUE in a map", c->name, k);
			} else {
				l->p++;
				v = token(l);
			}
			if (v)
				json_object_set_new(d, k, json_string(v));
			a = v ? json_true() : NULL;
		} else if (k) {
			a = atom_from(c, k, 1);
			if (a)
				json_array_append(d, a);
		}
		free(k);
		free(v);
		if (!a) {
			json_decref(d);
			return NULL;
		}
		json_decref(a);
		before = l->p;
		skip_space(l);
		/* as in OVSDB, elements are separated by commas, spaces or both */
		if (*l->p == ',')
			l->p++;
		else if (*l->p && *l->p != close && l->p == before)
			return ctl_fail("%s: unexpected \"%s\"", c->name, l->p), json_decref(d), NULL;
		skip_space(l);
	}
	if (close && *l->p != close)
		return ctl_fail("%s: missing \"%c\"", c->name, close), json_decref(d), NULL;
	if (close)
		l->p++;
	return d;
}

json_t *db_datum_parse(const struct db_column *c, const char *value)
{
	struct lex l = { value, c->name };
	json_t *d;

	if (db_is_scalar(c)) {
		json_t *a = db_atom_parse(c, value, 1);

		return a ? json_pack("[o]", a) : NULL;
	}
	skip_space(&l);
	if (*l.p == '[' || *l.p == '{') {
		char close = *l.p == '[' ? ']' : '}';

		l.p++;
		d = parse_elems(c, &l, close);
	} else {
		d = parse_elems(c, &l, '\0');
	}
	skip_space(&l);
	if (d && *l.p) {
		json_decref(d);
		return ctl_fail("%s: trailing garbage \"%s\"", c->name, l.p), NULL;
	}
	if (d && (c->kind == DB_OPT_STR || c->kind == DB_OPT_INT || c->kind == DB_OPT_BOOL ||
		  c->kind == DB_REF) &&
	    json_array_size(d) > 1) {
		json_decref(d);
		return ctl_fail("%s: takes at most one value", c->name), NULL;
	}
	return d;
}

/* ---- writing ------------------------------------------------------------ */

static void set_or_delete(json_t *row, const char *member, json_t *v, int empty)
{
	if (empty) {
		json_object_del(row, member);
		json_decref(v);
	} else {
		json_object_set_new(row, member, v);
	}
}

/* Children given by UUID: kept ones stay, new ones must be rows just created. */
static int set_children(json_t *model, const struct db_row *row, const struct db_column *c,
			json_t *datum)
{
	const struct db_table *ct = db_table_by_name(c->ref);
	json_t *kids = json_object_get(row->obj, c->member), *kid, *keep = json_array(), *a;
	json_t *pend = db_pending(ct);
	size_t i, j;

	json_array_foreach(kids, i, kid) {
		int wanted = 0;

		json_array_foreach(datum, j, a)
			wanted |= row_uuid(kid) && strcmp(row_uuid(kid), json_string_value(a)) == 0;
		if (wanted)
			json_array_append(keep, kid);
		else if (ct == db_table_by_name("Logical_Switch_Port"))
			ctl_forget_port(model, json_string_value(json_object_get(kid, "name")));
	}
	json_array_foreach(datum, j, a) {
		int have = 0;

		json_array_foreach(keep, i, kid)
			have |= strcmp(row_uuid(kid), json_string_value(a)) == 0;
		for (i = 0; !have && i < json_array_size(pend); i++) {
			kid = json_array_get(pend, i);
			if (strcmp(row_uuid(kid), json_string_value(a)) == 0) {
				json_array_append(keep, kid);
				json_array_remove(pend, i);
				have = 1;
			}
		}
		if (!have) {
			json_decref(keep);
			return ctl_fail("%s: %s is not a %s row created in this command chain",
					c->name, json_string_value(a), ct->name);
		}
	}
	json_object_set_new(row->obj, c->member, keep);
	return 0;
}

int db_datum_set(json_t *model, const struct db_table *t, const struct db_row *row,
		 const struct db_column *c, json_t *datum)
{
	size_t n = json_array_size(datum);
	struct db_row ref;

	if (c->readonly)
		return ctl_fail("%s: column %s is read-only in xovn", t->name, c->name);
	switch (c->kind) {
	case DB_STR:
		if (c->empty_absent && !json_string_value(json_array_get(datum, 0))[0])
			json_object_del(row->obj, c->member);
		else
			json_object_set(row->obj, c->member, json_array_get(datum, 0));
		return 0;
	case DB_INT:
		json_object_set(row->obj, c->member, json_array_get(datum, 0));
		return 0;
	case DB_OPT_STR:
	case DB_OPT_INT:
	case DB_OPT_BOOL:
		set_or_delete(row->obj, c->member, json_incref(json_array_get(datum, 0)), n == 0);
		return 0;
	case DB_STR_SET:
		set_or_delete(row->obj, c->member, json_deep_copy(datum), n == 0);
		return 0;
	case DB_MAP:
		set_or_delete(row->obj, c->member, json_deep_copy(datum),
			      json_object_size(datum) == 0);
		return 0;
	case DB_REF:
		if (n == 0) {
			json_object_del(row->obj, c->member);
			return 0;
		}
		if (db_find_row(model, db_table_by_name(c->ref),
				json_string_value(json_array_get(datum, 0)), 0, &ref))
			return -1;
		/* a table without names (DHCP_Options) is referred to by _uuid */
		json_object_set(row->obj, c->member, json_object_get(ref.obj,
				db_table_by_name(c->ref)->name_column ? "name" : "_uuid"));
		return 0;
	case DB_CHILDREN:
		return set_children(model, row, c, datum);
	case DB_UUID:
		break;
	}
	return ctl_fail("%s: column %s cannot be written", t->name, c->name);
}
