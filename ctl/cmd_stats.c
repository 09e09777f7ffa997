// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cmd_stats.c - the stats verb: a chassis' per-port and per-reason drop
 * counters, summed over CPUs, named as in the model, and its BFD sessions;
 * bfd-show: the BFD sessions alone.
 *
 *   stats [--chassis NAME] [--pin-dir DIR] [--json] [PORT]
 *   bfd-show [--chassis NAME] [--pin-dir DIR] [--json]
 *
 * Read-only, like trace: counters are read from the pinned maps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataplane/counters.h"
#include "ctl.h"
#include "model/model.h"
#include "dataplane/names.h"
#include "util/grow.h"

struct port_row {
	struct xovn_port_key key;
	struct xovn_port_stats st;
};

struct port_rows {
	struct port_row *v;
	size_t n, cap;
	int oom;
};

static int parse_map_args(struct ctl_map_args *a, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			a->json = 1;
		} else if (strcmp(argv[i], "--chassis") == 0 || strcmp(argv[i], "--pin-dir") == 0) {
			if (i + 1 >= argc)
				return ctl_fail("%s: %s requires a value", a->verb, argv[i]);
			*(argv[i][2] == 'c' ? &a->chassis : &a->pin_dir) = argv[i + 1];
			i++;
		} else if (strncmp(argv[i], "--", 2) == 0) {
			return ctl_fail("%s: unknown option %s", a->verb, argv[i]);
		} else if (a->arg) {
			return ctl_fail("%s: more than one %s given", a->verb, a->arg_name);
		} else {
			a->arg = argv[i];
		}
	}
	return 0;
}

/* Given, else the port's chassis (a->arg is a port), else the only chassis there is. */
static const char *pick_chassis(const json_t *model, const struct ctl_map_args *a,
				int arg_is_port)
{
	const json_t *all = json_object_get(model, "chassis");
	const char *ch = a->chassis;

	if (!ch && a->arg && arg_is_port)
		ch = xovn_port_binding(model, a->arg);
	if (!ch && json_array_size(all) == 1)
		ch = json_string_value(json_object_get(json_array_get(all, 0), "name"));
	if (!ch) {
		ctl_fail("%s: give --chassis NAME", a->verb);
		return NULL;
	}
	if (!xovn_find_chassis(model, ch)) {
		ctl_fail("%s: no chassis named %s", a->verb, ch);
		return NULL;
	}
	return ch;
}

int ctl_map_args_begin(struct ctl_ctx *ctx, struct ctl_map_args *a, int argc, char **argv,
		       int arg_is_port, struct xovn_model **typed)
{
	if (parse_map_args(a, argc, argv))
		return -1;
	a->chassis = pick_chassis(ctx->model, a, arg_is_port);
	if (!a->chassis)
		return -1;
	if (a->pin_dir ? snprintf(a->dir, sizeof(a->dir), "%s", a->pin_dir) >= (int)sizeof(a->dir)
		       : xovn_pin_dir(a->chassis, a->dir, sizeof(a->dir)) != 0)
		return ctl_fail("%s: pin dir too long", a->verb);
	*typed = xovn_model_read(ctx->model);
	if (!*typed)
		return ctl_fail("out of memory");
	return 0;
}

static void collect_row(const struct xovn_port_key *key, const struct xovn_port_stats *sum,
			void *arg)
{
	struct port_rows *rows = arg;
	struct port_row *v;

	v = xovn_grow(rows->v, &rows->cap, rows->n, sizeof(*v), 64);
	if (!v) {
		rows->oom = 1;
		return;
	}
	rows->v = v;
	rows->v[rows->n++] = (struct port_row){ *key, *sum };
}

static const char *name_or(const char *s)
{
	return s ? s : "?";
}

static json_t *row_json(const struct xovn_model *model, const struct port_row *r)
{
	return json_pack("{s:s, s:s, s:i, s:i, s:I, s:I, s:I, s:I}",
			 "switch", name_or(xovn_switch_by_key(model, r->key.dp_key)),
			 "port", name_or(xovn_port_by_key(model, r->key.dp_key, r->key.port_key)),
			 "switch_key", (json_int_t)r->key.dp_key,
			 "port_key", (json_int_t)r->key.port_key,
			 "rx_packets", (json_int_t)r->st.rx_packets,
			 "rx_bytes", (json_int_t)r->st.rx_bytes,
			 "tx_packets", (json_int_t)r->st.tx_packets,
			 "tx_bytes", (json_int_t)r->st.tx_bytes);
}

static json_t *drops_json(const struct xovn_drop_count *drops)
{
	json_t *obj = json_object();
	unsigned r;

	for (r = XOVN_DROP_NONE + 1; r < XOVN_DROP__COUNT; r++)
		json_object_set_new(obj, xovn_drop_reason_name(r),
				    json_pack("{s:I, s:I}", "packets", (json_int_t)drops[r].packets,
					      "bytes", (json_int_t)drops[r].bytes));
	return obj;
}

static void print_text(FILE *out, const json_t *report)
{
	const json_t *row, *drop;
	const char *reason;
	size_t i;

	fprintf(out, "chassis %s\n", json_string_value(json_object_get(report, "chassis")));
	fprintf(out, "%-20s %-16s %12s %14s %12s %14s\n", "PORT", "SWITCH", "RX_PACKETS",
		"RX_BYTES", "TX_PACKETS", "TX_BYTES");
	json_array_foreach(json_object_get(report, "ports"), i, row)
		fprintf(out, "%-20s %-16s %12lld %14lld %12lld %14lld\n",
			json_string_value(json_object_get(row, "port")),
			json_string_value(json_object_get(row, "switch")),
			(long long)json_integer_value(json_object_get(row, "rx_packets")),
			(long long)json_integer_value(json_object_get(row, "rx_bytes")),
			(long long)json_integer_value(json_object_get(row, "tx_packets")),
			(long long)json_integer_value(json_object_get(row, "tx_bytes")));
	if (!json_object_get(report, "drops"))
		return;
	fprintf(out, "drops:\n");
	json_object_foreach((json_t *)json_object_get(report, "drops"), reason, drop)
		fprintf(out, "  %-20s %12lld packets %14lld bytes\n", reason,
			(long long)json_integer_value(json_object_get(drop, "packets")),
			(long long)json_integer_value(json_object_get(drop, "bytes")));
	if (json_array_size(json_object_get(report, "bfd"))) {
		fprintf(out, "bfd:\n");
		ctl_bfd_print(out, json_object_get(report, "bfd"));
	}
}

/* One port: its row even when it has not seen a packet yet. */
static int one_port(const struct xovn_model *model, int stats_fd, const char *port,
		    json_t *list)
{
	struct port_row r = { 0 };

	if (!xovn_model_port(model, port))
		return ctl_fail("stats: no port named %s", port);
	if (xovn_port_keys(model, port, &r.key.dp_key, &r.key.port_key))
		return ctl_fail("stats: port %s has no tunnel keys", port);
	if (xovn_read_port_stat(stats_fd, &r.key, &r.st))
		return ctl_fail("stats: cannot read xovn_port_stats");
	json_array_append_new(list, row_json(model, &r));
	return 0;
}

static int all_ports(const struct xovn_model *model, int stats_fd, json_t *list)
{
	struct port_rows rows = { 0 };
	size_t i;
	int rc = xovn_read_port_stats(stats_fd, collect_row, &rows);

	if (rc || rows.oom) {
		free(rows.v);
		return ctl_fail("stats: cannot read xovn_port_stats");
	}
	/* already in (switch, port) key order */
	for (i = 0; i < rows.n; i++)
		json_array_append_new(list, row_json(model, &rows.v[i]));
	free(rows.v);
	return 0;
}

static int add_drops(const char *pin_dir, json_t *report)
{
	struct xovn_drop_count drops[XOVN_DROP__COUNT];
	char err[512];
	int fd = xovn_pin_open(pin_dir, xovn_map_names[XOVN_MAP_DROPS], err, sizeof(err)), rc;

	if (fd < 0)
		return ctl_fail("stats: %s", err);
	rc = xovn_read_drops(fd, drops);
	close(fd);
	if (rc)
		return ctl_fail("stats: cannot read xovn_drops");
	json_object_set_new(report, "drops", drops_json(drops));
	return 0;
}

static int build_report(const struct xovn_model *model, const struct ctl_map_args *a,
			const char *pin_dir, json_t *report)
{
	json_t *list = json_array();
	char err[512];
	int fd = xovn_pin_open(pin_dir, xovn_map_names[XOVN_MAP_PORT_STATS], err, sizeof(err)), rc;

	json_object_set_new(report, "ports", list);
	if (fd < 0)
		return ctl_fail("stats: %s", err);
	rc = a->arg ? one_port(model, fd, a->arg, list) : all_ports(model, fd, list);
	close(fd);
	if (rc == 0 && !a->arg)
		rc = add_drops(pin_dir, report);
	/* Sessions are recorded by an xovnd that runs BFD: none, no "bfd". */
	if (rc == 0 && !a->arg) {
		json_t *bfd = ctl_bfd_sessions(pin_dir);

		if (bfd)
			json_object_set_new(report, "bfd", bfd);
	}
	return rc;
}

static int cmd_stats(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct ctl_map_args a = { .verb = "stats", .arg_name = "PORT" };
	struct xovn_model *typed;
	json_t *report;
	int rc;

	if (ctl_map_args_begin(ctx, &a, argc, argv, 1, &typed))
		return -1;
	report = json_pack("{s:s}", "chassis", a.chassis);
	rc = build_report(typed, &a, a.dir, report);
	xovn_model_free(typed);
	if (rc == 0 && a.json)
		ctl_print_json(ctx->out, report);
	else if (rc == 0)
		print_text(ctx->out, report);
	json_decref(report);
	return rc;
}

static int cmd_bfd_show(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct ctl_map_args a = { .verb = "bfd-show", .arg_name = "nothing" };
	struct xovn_model *typed;
	json_t *sessions;

	if (ctl_map_args_begin(ctx, &a, argc, argv, 0, &typed))
		return -1;
	xovn_model_free(typed);
	if (a.arg)
		return ctl_fail("bfd-show: unexpected argument %s", a.arg);
	sessions = ctl_bfd_sessions(a.dir);
	if (!sessions)
		return ctl_fail("bfd-show: no BFD record in %s (is xovnd running for %s?)", a.dir,
				a.chassis);
	if (a.json) {
		json_dumpf(sessions, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', ctx->out);
	} else {
		fprintf(ctx->out, "chassis %s\n", a.chassis);
		ctl_bfd_print(ctx->out, sessions);
	}
	json_decref(sessions);
	return 0;
}

const struct ctl_verb ctl_stats_verbs[] = {
	{ "stats", 0, -1, 0, 0, cmd_stats },
	{ "bfd-show", 0, -1, 0, 0, cmd_bfd_show },
	{ 0 }
};
