/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_db.c - ovn-nbctl's generic database commands on the model's tables
 * (db.h): list, find, get, set, add, remove, clear, create, destroy, with
 * --columns, --bare and --format=list|table|csv|json.
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "db.h"

/* Rows that existing verbs created in this chain get their _uuid on first sight. */
static int ready(struct ctl_ctx *ctx)
{
	return ctl_assign_uuids(ctx->model);
}

/* ---- output ------------------------------------------------------------- */

struct selection {
	const struct db_column *c[32];
	size_t n;
};

static int select_columns(const struct db_table *t, struct selection *s)
{
	const struct db_column *c;
	char *copy, *tok, *save = NULL;

	s->n = 0;
	if (!ctl_global.columns) {
		for (c = t->columns; c->name && s->n < 32; c++)
			s->c[s->n++] = c;
		return 0;
	}
	copy = strdup(ctl_global.columns);
	for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		c = db_find_column(t, tok);
		if (!c || s->n == 32) {
			free(copy);
			return -1;
		}
		s->c[s->n++] = c;
	}
	free(copy);
	return 0;
}

static char *cell(const struct db_column *c, const json_t *d, int bare)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f) {
		db_datum_print(f, c, d, bare);
		fclose(f);
	}
	return buf ? buf : strdup("");
}

static void print_csv_cell(FILE *out, const char *s)
{
	if (!strpbrk(s, "\n\",")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* One line of a table: cells padded to their column's width, trailing spaces dropped. */
static void print_table_line(FILE *out, char **cells, const size_t *w, size_t n)
{
	char *line = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&line, &len);

	for (i = 0; f && i < n; i++)
		fprintf(f, "%s%-*s", i ? " " : "", (int)w[i], cells[i]);
	if (f)
		fclose(f);
	while (len && line[len - 1] == ' ')
		line[--len] = '\0';
	fprintf(out, "%s\n", line ? line : "");
	free(line);
}

static void print_table(FILE *out, const struct selection *s, char ***cells, size_t nrows)
{
	size_t w[32], i, r;
	char *heading[32], *dashes[32];

	for (i = 0; i < s->n; i++) {
		w[i] = strlen(s->c[i]->name);
		for (r = 0; r < nrows; r++)
			if (strlen(cells[r][i]) > w[i])
				w[i] = strlen(cells[r][i]);
		heading[i] = (char *)s->c[i]->name;
		dashes[i] = malloc(w[i] + 1);
		memset(dashes[i], '-', w[i]);
		dashes[i][w[i]] = '\0';
	}
	print_table_line(out, heading, w, s->n);
	print_table_line(out, dashes, w, s->n);
	for (r = 0; r < nrows; r++)
		print_table_line(out, cells[r], w, s->n);
	for (i = 0; i < s->n; i++)
		free(dashes[i]);
}

static void print_json(FILE *out, const struct db_table *t, json_t *model,
		       const struct selection *s, const struct db_row *rows, size_t nrows)
{
	json_t *data = json_array(), *headings = json_array(), *doc;
	size_t i, r;
	char *text;

	for (i = 0; i < s->n; i++)
		json_array_append_new(headings, json_string(s->c[i]->name));
	for (r = 0; r < nrows; r++) {
		json_t *line = json_array();

		for (i = 0; i < s->n; i++) {
			json_t *d = db_datum_get(model, t, &rows[r], s->c[i]);

			json_array_append_new(line, db_datum_json(s->c[i], d));
			json_decref(d);
		}
		json_array_append_new(data, line);
	}
	doc = json_pack("{s:o, s:o}", "data", data, "headings", headings);
	text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	fprintf(out, "%s\n", text);
	free(text);
	json_decref(doc);
}

static int print_rows(struct ctl_ctx *ctx, const struct db_table *t,
		      const struct db_row *rows, size_t nrows)
{
	struct selection s;
	char ***cells;
	size_t r, i;
	int bare = ctl_global.bare;

	if (select_columns(t, &s))
		return -1;
	if (ctl_global.format == CTL_FORMAT_JSON && !bare) {
		print_json(ctx->out, t, ctx->model, &s, rows, nrows);
		return 0;
	}
	cells = calloc(nrows + 1, sizeof(*cells));
	for (r = 0; r < nrows; r++) {
		cells[r] = calloc(s.n, sizeof(char *));
		for (i = 0; i < s.n; i++) {
			json_t *d = db_datum_get(ctx->model, t, &rows[r], s.c[i]);

			cells[r][i] = cell(s.c[i], d, bare);
			json_decref(d);
		}
	}
	if (bare || ctl_global.format == CTL_FORMAT_LIST) {
		for (r = 0; r < nrows; r++) {
			if (r)
				fputc('\n', ctx->out);
			for (i = 0; i < s.n; i++)
				if (bare)
					fprintf(ctx->out, "%s\n", cells[r][i]);
				else
					fprintf(ctx->out, "%-20s: %s\n", s.c[i]->name, cells[r][i]);
		}
	} else if (ctl_global.format == CTL_FORMAT_CSV) {
		for (i = 0; i < s.n; i++)
			fprintf(ctx->out, "%s%s", i ? "," : "", s.c[i]->name);
		fputc('\n', ctx->out);
		for (r = 0; r < nrows; r++) {
			for (i = 0; i < s.n; i++) {
				if (i)
					fputc(',', ctx->out);
				print_csv_cell(ctx->out, cells[r][i]);
			}
			fputc('\n', ctx->out);
		}
	} else {
		print_table(ctx->out, &s, cells, nrows);
	}
	for (r = 0; r < nrows; r++) {
		for (i = 0; i < s.n; i++)
			free(cells[r][i]);
		free(cells[r]);
	}
	free(cells);
	return 0;
}

/* ---- list, find --------------------------------------------------------- */

static int db_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	struct db_rows rows;
	struct db_row *picked;
	int i, rc;

	if (!t || ready(ctx) || db_rows_of(ctx->model, t, &rows))
		return -1;
	if (argc == 1) {
		rc = print_rows(ctx, t, rows.v, rows.n);
		db_rows_free(&rows);
		return rc;
	}
	db_rows_free(&rows);
	picked = calloc((size_t)argc, sizeof(*picked));
	for (i = 1; i < argc; i++) {
		if (db_find_row(ctx->model, t, argv[i], 0, &picked[i - 1])) {
			free(picked);
			return -1;
		}
	}
	rc = print_rows(ctx, t, picked, (size_t)argc - 1);
	free(picked);
	return rc;
}

/* "COLUMN[:KEY]" then an operator; returns the operator's position. */
static const char *split_column(const char *arg, char **column, char **key, const char *ops)
{
	size_t n = strcspn(arg, ops), k;

	*column = strndup(arg, n);
	*key = NULL;
	k = strcspn(*column, ":");
	if ((*column)[k] == ':') {
		*key = strdup(*column + k + 1);
		(*column)[k] = '\0';
	}
	return arg + n;
}

/* The value of COLUMN or of COLUMN:KEY in a row, as a datum; NULL when the key is absent. */
static json_t *value_of(struct ctl_ctx *ctx, const struct db_table *t, const struct db_row *row,
			const struct db_column *c, const char *key)
{
	json_t *d = db_datum_get(ctx->model, t, row, c), *v;

	if (!key)
		return d;
	v = json_object_get(d, key);
	v = v ? json_pack("[O]", v) : NULL;
	json_decref(d);
	return v;
}

/* VALUE for column c, or for one value of the map c when key is given. */
static json_t *parse_value(const struct db_column *c, const char *key, const char *value)
{
	struct db_column atom = *c;

	/* As OVSDB reads a string atom: quoted, or else the text as it is ("a,b" included). */
	if (key && value[0] && value[0] != '"')
		return json_pack("[s]", value);
	if (key)
		atom.kind = DB_STR;
	return db_datum_parse(&atom, value);
}

static int row_matches(struct ctl_ctx *ctx, const struct db_table *t, const struct db_row *row,
		       int argc, char **argv, int *err)
{
	int i, ok = 1;

	for (i = 0; i < argc && ok && !*err; i++) {
		char *column, *key;
		const char *op = split_column(argv[i], &column, &key, "=!");
		const struct db_column *c = db_find_column(t, column);
		int neg = op[0] == '!';
		json_t *want = NULL, *have = NULL;

		if (!c || (neg ? op[1] != '=' : op[0] != '=')) {
			if (c)
				ctl_fail("%s: expected COLUMN[:KEY]=VALUE or !=VALUE", argv[i]);
			*err = 1;
		} else if (key && !db_is_map(c)) {
			*err = ctl_fail("%s: column %s is not a map", argv[i], c->name) != 0;
		} else {
			want = parse_value(c, key, op + 1 + neg);
			have = value_of(ctx, t, row, c, key);
			*err = want == NULL;
			ok = want && ((have && db_datum_equal(have, want)) != neg);
		}
		json_decref(want);
		json_decref(have);
		free(column);
		free(key);
	}
	return ok;
}

static int db_find(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	struct db_rows rows;
	struct db_row *match;
	size_t i, n = 0;
	int err = 0, rc;

	if (!t || ready(ctx) || db_rows_of(ctx->model, t, &rows))
		return -1;
	match = calloc(rows.n + 1, sizeof(*match));
	for (i = 0; i < rows.n && !err; i++)
		if (row_matches(ctx, t, &rows.v[i], argc - 1, argv + 1, &err))
			match[n++] = rows.v[i];
	rc = err ? -1 : print_rows(ctx, t, match, n);
	free(match);
	db_rows_free(&rows);
	return rc;
}

/* ---- get ---------------------------------------------------------------- */

static int db_get(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	int quiet = ctl_has_opt(ctx, CTL_OPT_IF_EXISTS), i;
	struct db_row row;

	if (!t || ready(ctx))
		return -1;
	if (db_find_row(ctx->model, t, argv[1], quiet, &row))
		return quiet ? 0 : -1;
	/* "--id=@name get TABLE REC": later commands may name the record @name. */
	if (ctl_has_opt(ctx, CTL_OPT_ID) &&
	    db_id_define(ctx->cmd->id, json_string_value(json_object_get(row.obj, "_uuid"))))
		return -1;
	for (i = 2; i < argc; i++) {
		char *column, *key;
		const struct db_column *c;
		json_t *v;

		split_column(argv[i], &column, &key, "");
		c = db_find_column(t, column);
		v = c && (!key || db_is_map(c)) ? value_of(ctx, t, &row, c, key) : NULL;
		if (c && key && !db_is_map(c))
			ctl_fail("%s: column %s is not a map", argv[i], c->name);
		else if (c && key && !v && !quiet)
			ctl_fail("no key \"%s\" in %s record \"%s\" column %s", key, t->name,
				 argv[1], c->name);
		if (v && key) {
			struct db_column atom = *c;

			atom.kind = DB_OPT_STR;
			db_atom_print(ctx->out, &atom, json_array_get(v, 0), 0);
			fputc('\n', ctx->out);
		} else if (v) {
			db_datum_print(ctx->out, c, v, 0);
			fputc('\n', ctx->out);
		}
		json_decref(v);
		free(column);
		free(key);
		if (!v && !(c && key && quiet))
			return -1;
	}
	return 0;
}

/* ---- set, add, remove, clear -------------------------------------------- */

/* COLUMN[:KEY]=VALUE on a row. */
int db_set_arg(json_t *model, const struct db_table *t, const struct db_row *row,
	       const char *arg)
{
	char *column, *key;
	const char *eq = split_column(arg, &column, &key, "=");
	const struct db_column *c = db_find_column(t, column);
	json_t *d = NULL;
	int rc = -1;

	if (!c) {
	} else if (*eq != '=') {
		ctl_fail("%s: argument does not end in \"=\" followed by a value", arg);
	} else if (key && !db_is_map(c)) {
		ctl_fail("%s: column %s is not a map", arg, c->name);
	} else if (key) {
		json_t *v = parse_value(c, key, eq + 1);

		d = v ? db_datum_get(model, t, row, c) : NULL;
		if (d)
			json_object_set(d, key, json_array_get(v, 0));
		json_decref(v);
		rc = d ? db_datum_set(model, t, row, c, d) : -1;
	} else {
		d = db_datum_parse(c, eq + 1);
		rc = d ? db_datum_set(model, t, row, c, d) : -1;
	}
	json_decref(d);
	free(column);
	free(key);
	return rc;
}

static int db_set(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	struct db_row row;
	int i, quiet = ctl_has_opt(ctx, CTL_OPT_IF_EXISTS);

	if (!t || ready(ctx))
		return -1;
	if (db_find_row(ctx->model, t, argv[1], quiet, &row))
		return quiet ? 0 : -1;
	for (i = 2; i < argc; i++)
		if (db_set_arg(ctx->model, t, &row, argv[i]))
			return -1;
	return 0;
}

/* add and remove: the values (a datum each) merged into or taken out of the column. */
static int change(struct ctl_ctx *ctx, int argc, char **argv, int add)
{
	const struct db_table *t = db_find_table(argv[0]);
	const struct db_column *c = t ? db_find_column(t, argv[2]) : NULL;
	struct db_row row;
	json_t *d;
	int i, rc = 0, quiet = ctl_has_opt(ctx, CTL_OPT_IF_EXISTS);

	if (!c || ready(ctx))
		return -1;
	if (db_find_row(ctx->model, t, argv[1], quiet, &row))
		return quiet ? 0 : -1;
	if (db_is_scalar(c))
		return ctl_fail("%s: cannot %s a scalar column", c->name, add ? "add to" : "remove from");
	d = db_datum_get(ctx->model, t, &row, c);
	for (i = 3; i < argc && rc == 0; i++) {
		struct db_column keys = *c;
		json_t *v;

		if (!add && db_is_map(c) && !strchr(argv[i], '='))
			keys.kind = DB_STR_SET;   /* remove by key */
		v = db_datum_parse(&keys, argv[i]);
		if (!v) {
			rc = -1;
		} else if (db_is_map(c) && keys.kind == DB_MAP) {
			const char *k;
			json_t *val;

			json_object_foreach(v, k, val) {
				json_t *old = json_object_get(d, k);

				if (add && !old)
					json_object_set(d, k, val);
				else if (!add && old && json_equal(old, val))
					json_object_del(d, k);
			}
		} else if (db_is_map(c)) {
			json_t *k;
			size_t j;

			json_array_foreach(v, j, k)
				json_object_del(d, json_string_value(k));
		} else {
			size_t j, m;
			json_t *a;

			json_array_foreach(v, j, a) {
				int found = -1;

				for (m = 0; m < json_array_size(d); m++)
					if (json_equal(json_array_get(d, m), a))
						found = (int)m;
				if (add && found < 0)
					json_array_append(d, a);
				else if (!add && found >= 0)
					json_array_remove(d, (size_t)found);
			}
		}
		json_decref(v);
	}
	if (rc == 0)
		rc = db_datum_set(ctx->model, t, &row, c, d);
	json_decref(d);
	return rc;
}

static int db_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc, argv, 1);
}

static int db_remove(struct ctl_ctx *ctx, int argc, char **argv)
{
	return change(ctx, argc, argv, 0);
}

static int db_clear(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	struct db_row row;
	int i, quiet = ctl_has_opt(ctx, CTL_OPT_IF_EXISTS);

	if (!t || ready(ctx))
		return -1;
	if (db_find_row(ctx->model, t, argv[1], quiet, &row))
		return quiet ? 0 : -1;
	for (i = 2; i < argc; i++) {
		const struct db_column *c = db_find_column(t, argv[i]);
		json_t *empty;
		int rc;

		if (!c)
			return -1;
		if (db_is_scalar(c))
			return ctl_fail("\"clear\" operation cannot be applied to column %s of table %s, which is not allowed to be empty",
					c->name, t->name);
		empty = db_is_map(c) ? json_object() : json_array();
		rc = db_datum_set(ctx->model, t, &row, c, empty);
		json_decref(empty);
		if (rc)
			return -1;
	}
	return 0;
}

/* ---- create, destroy ---------------------------------------------------- */

static json_t *new_row(const struct db_table *t)
{
	if (strcmp(t->name, "Logical_Switch") == 0)
		return json_pack("{s:s, s:[]}", "name", "", "ports");
	if (strcmp(t->name, "HA_Chassis_Group") == 0)
		return json_pack("{s:s, s:[]}", "name", "", "members");
	if (strcmp(t->name, "HA_Chassis") == 0)
		return json_pack("{s:s, s:i}", "chassis", "", "priority", 0);
	if (strcmp(t->name, "DHCP_Options") == 0)
		return json_pack("{s:s}", "cidr", "");
	if (strcmp(t->name, "Logical_Router") == 0)
		return json_pack("{s:s, s:[]}", "name", "", "ports");
	if (strcmp(t->name, "Logical_Router_Port") == 0)
		return json_pack("{s:s, s:s, s:[]}", "name", "", "mac", "", "networks");
	if (strcmp(t->name, "Logical_Router_Static_Route") == 0)
		return json_pack("{s:s, s:s}", "ip_prefix", "", "nexthop", "");
	if (strcmp(t->name, "NAT") == 0)
		return json_pack("{s:s, s:s, s:s}", "type", "", "external_ip", "", "logical_ip", "");
	if (strcmp(t->name, "Gateway_Chassis") == 0)
		return json_pack("{s:s, s:s, s:i}", "name", "", "chassis_name", "", "priority", 0);
	return json_pack("{s:s}", "name", "");
}

static int db_create(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	json_t *obj, *home;
	struct db_row row;
	int i;

	if (!t || ready(ctx))
		return -1;
	if (!t->creatable)
		return ctl_fail("%s: rows are created by the chassis verbs (chassis-add)", t->name);
	obj = new_row(t);
	home = t->parent ? db_pending(t) : ctl_array(ctx->model, t->array);
	if (ctl_ensure_uuid(obj)) {
		json_decref(obj);
		return -1;
	}
	row = (struct db_row){ obj, home, NULL };
	for (i = 1; i < argc; i++)
		if (db_set_arg(ctx->model, t, &row, argv[i])) {
			json_decref(obj);
			return -1;
		}
	if ((strcmp(t->name, "Logical_Switch") == 0 && ctl_assign_switch_key(ctx->model, obj, 0)) ||
	    (strcmp(t->name, "Logical_Router") == 0 && ctl_assign_router_key(ctx->model, obj, 0))) {
		json_decref(obj);
		return -1;
	}
	if (ctl_has_opt(ctx, CTL_OPT_ID) &&
	    db_id_define(ctx->cmd->id, json_string_value(json_object_get(obj, "_uuid")))) {
		json_decref(obj);
		return -1;
	}
	fprintf(ctx->out, "%s\n", json_string_value(json_object_get(obj, "_uuid")));
	json_array_append_new(home, obj);
	return 0;
}

static size_t index_in(const json_t *array, const json_t *obj)
{
	size_t i;

	for (i = 0; i < json_array_size(array); i++)
		if (json_array_get(array, i) == obj)
			return i;
	return (size_t)-1;
}

/* Destroying a row drops what only makes sense with it, as the named verbs do. */
static void forget(struct ctl_ctx *ctx, const struct db_table *t, const struct db_row *row)
{
	const char *name = json_string_value(json_object_get(row->obj, "name"));
	json_t *port;
	size_t i;

	if (strcmp(t->name, "Logical_Switch_Port") == 0)
		ctl_forget_port(ctx->model, name);
	else if (strcmp(t->name, "HA_Chassis_Group") == 0)
		ctl_forget_group(ctx->model, name);
	else if (strcmp(t->name, "DHCP_Options") == 0)
		ctl_forget_dhcp_options(ctx->model,
					json_string_value(json_object_get(row->obj, "_uuid")));
	else if (strcmp(t->name, "Logical_Switch") == 0)
		json_array_foreach(json_object_get(row->obj, "ports"), i, port)
			ctl_forget_port(ctx->model, json_string_value(json_object_get(port, "name")));
}

static int db_destroy(struct ctl_ctx *ctx, int argc, char **argv)
{
	const struct db_table *t = db_find_table(argv[0]);
	int i, quiet = ctl_has_opt(ctx, CTL_OPT_IF_EXISTS);

	if (!t || ready(ctx))
		return -1;
	if (!t->creatable)
		return ctl_fail("%s: rows are removed by the chassis verbs (chassis-del)", t->name);
	for (i = 1; i < argc; i++) {
		struct db_row row;

		if (db_find_row(ctx->model, t, argv[i], quiet, &row)) {
			if (quiet)
				continue;
			return -1;
		}
		forget(ctx, t, &row);
		json_array_remove(row.array, index_in(row.array, row.obj));
	}
	return 0;
}

/* Nothing to do: with --wait, the wait is for what is already written. */
static int db_sync(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	return 0;
}

const struct ctl_verb ctl_db_verbs[] = {
	{ "sync", 0, 0, 0, 0, db_sync },
	{ "list", 1, -1, 0, 0, db_list },
	{ "find", 1, -1, 0, 0, db_find },
	{ "get", 2, -1, 0, CTL_OPT_IF_EXISTS | CTL_OPT_ID, db_get },
	{ "set", 3, -1, 1, CTL_OPT_IF_EXISTS, db_set },
	{ "add", 4, -1, 1, CTL_OPT_IF_EXISTS, db_add },
	{ "remove", 4, -1, 1, CTL_OPT_IF_EXISTS, db_remove },
	{ "clear", 3, -1, 1, CTL_OPT_IF_EXISTS, db_clear },
	{ "create", 1, -1, 1, CTL_OPT_ID, db_create },
	{ "destroy", 2, -1, 1, CTL_OPT_IF_EXISTS, db_destroy },
	{ 0 }
};
