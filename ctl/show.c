/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * show.c - the whole model in the layouts OVN users read: the northbound
 * part as ovn-nbctl show prints it (switch UUID (name), its ports with
 * parent, tag, type, router-port and addresses; router UUID (name), its
 * ports with mac and networks), then the chassis part as
 * ovn-sbctl show prints it (Chassis, Encap geneve, ip, options, the
 * Port_Binding rows bound there).  Linear in the model: the bindings are
 * resolved in one pass instead of a lookup per port.
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "db.h"
#include "model/incomplete.h"
#include "model/model.h"
#include "model/types.h"
#include "compile/compile.h"

/* port name -> why it is stored but not in the dataplane (model/incomplete.h). */
static json_t *inactive_ports(const struct xovn_inactive_list *l)
{
	json_t *by = json_object();

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == XOVN_INACTIVE_PORT)
			json_object_set_new(by, l->v[i].name, json_string(l->v[i].reason));
	return by;
}

/* A value as OVSDB prints it: quoted unless a plain word. */
static void print_quoted(FILE *out, const char *s)
{
	static const struct db_column str = { "", DB_STR, "", NULL, 0, 0, 0, 0 };
	json_t *a = json_string(s ? s : "");

	db_atom_print(out, &str, a, 0);
	json_decref(a);
}

/* A lone "router" address is left out, as ovn-nbctl does: it says nothing. */
static void show_addresses(FILE *out, const json_t *list)
{
	json_t *el;
	size_t i;

	if (json_array_size(list) == 0 ||
	    (json_array_size(list) == 1 &&
	     strcmp(json_string_value(json_array_get(list, 0)), "router") == 0))
		return;
	fputs("        addresses: [", out);
	json_array_foreach(list, i, el)
		fprintf(out, "%s\"%s\"", i ? ", " : "", json_string_value(el));
	fputs("]\n", out);
}

/* ovn-nbctl's order: type, parent, tag, addresses, router-port. */
static void show_port(FILE *out, const json_t *inactive, const json_t *port)
{
	const char *type = xovn_port_type_str(port);
	const char *why = ctl_str(inactive, ctl_str(port, "name"));
	const char *router_port = ctl_str(json_object_get(port, "options"), "router-port");

	fprintf(out, "    port %s", ctl_str(port, "name"));
	if (why)
		fprintf(out, " (inactive: %s)", why);
	fputc('\n', out);
	if (type[0])
		fprintf(out, "        type: %s\n", type);
	if (json_object_get(port, "parent_name"))
		fprintf(out, "        parent: %s\n", ctl_str(port, "parent_name"));
	if (json_object_get(port, "tag"))
		fprintf(out, "        tag: %lld\n",
			(long long)json_integer_value(json_object_get(port, "tag")));
	show_addresses(out, json_object_get(port, "addresses"));
	if (router_port)
		fprintf(out, "        router-port: %s\n", router_port);
}

static void show_switches(FILE *out, const json_t *model, const json_t *inactive)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		const char *uuid = ctl_str(sw, "_uuid");

		fprintf(out, "switch %s (%s)\n", uuid ? uuid : "00000000-0000-0000-0000-000000000000",
			ctl_str(sw, "name"));
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			show_port(out, inactive, port);
	}
}

static int cmp_json_str(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

/* networks is an OVSDB set: printed sorted, whatever order it was given in. */
static void show_networks(FILE *out, const json_t *networks)
{
	size_t n, i;
	const json_t **v = ctl_sorted_members(networks, &n, cmp_json_str);

	if (!v)
		return;
	fputs("        networks: [", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s\"%s\"", i ? ", " : "", json_string_value(v[i]));
	fputs("]\n", out);
	free(v);
}

static void show_gateway_chassis(FILE *out, const json_t *list)
{
	size_t n, i;
	const json_t **v = ctl_sorted_members(list, &n, ctl_cmp_gateway_chassis);

	if (!v)
		return;
	fputs("        gateway chassis: [", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? " " : "", ctl_str(v[i], "chassis_name"));
	fputs("]\n", out);
	free(v);
}

static void show_nat(FILE *out, const json_t *nat)
{
	const char *uuid = ctl_str(nat, "_uuid"), *range = ctl_str(nat, "external_port_range");

	fprintf(out, "    nat %s\n", uuid ? uuid : "00000000-0000-0000-0000-000000000000");
	fprintf(out, "        external ip: \"%s\"\n", ctl_str(nat, "external_ip"));
	if (range && range[0])
		fprintf(out, "        external port(s): \"%s\"\n", range);
	fprintf(out, "        logical ip: \"%s\"\n", ctl_str(nat, "logical_ip"));
	fprintf(out, "        type: \"%s\"\n", ctl_str(nat, "type"));
}

/* A router as ovn-nbctl show prints it: its ports' MAC, networks and gateway chassis, its NAT. */
static void show_router(FILE *out, const json_t *lr)
{
	const char *uuid = ctl_str(lr, "_uuid");
	json_t *lrp, *nat;
	size_t i;

	fprintf(out, "router %s (%s)\n", uuid ? uuid : "00000000-0000-0000-0000-000000000000",
		ctl_str(lr, "name"));
	json_array_foreach(json_object_get(lr, "ports"), i, lrp) {
		const char *route_table = ctl_str(json_object_get(lrp, "options"), "route_table");

		fprintf(out, "    port %s\n        mac: \"%s\"\n", ctl_str(lrp, "name"),
			ctl_str(lrp, "mac"));
		show_networks(out, json_object_get(lrp, "networks"));
		show_gateway_chassis(out, json_object_get(lrp, "gateway_chassis"));
		if (route_table)
			fprintf(out, "        route-table: %s\n", route_table);
	}
	json_array_foreach(json_object_get(lr, "nat"), i, nat)
		show_nat(out, nat);
}

static void show_routers(FILE *out, const json_t *model)
{
	json_t *lr;
	size_t i;

	json_array_foreach(json_object_get(model, "logical_routers"), i, lr)
		show_router(out, lr);
}

/*
 * port name -> chassis name, as xovn_port_binding() decides it (an explicit
 * binding, else l2gateway-chassis, else the first chassis attaching a VIF;
 * a localport is bound nowhere), built in one pass over each source.
 */
static json_t *bindings_by_port(const json_t *model)
{
	json_t *bound = json_object(), *ch, *vif, *b, *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "chassis"), i, ch)
		json_array_foreach(json_object_get(ch, "vifs"), j, vif)
			if (ctl_str(vif, "port") && !json_object_get(bound, ctl_str(vif, "port")))
				json_object_set(bound, ctl_str(vif, "port"), json_object_get(ch, "name"));
	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *type = xovn_port_type_str(port);
			json_t *gw = json_object_get(json_object_get(port, "options"),
						     "l2gateway-chassis");

			if (strcmp(type, "localport") == 0)
				json_object_set_new(bound, ctl_str(port, "name"), json_null());
			else if (strcmp(type, "l2gateway") == 0 && gw)
				json_object_set(bound, ctl_str(port, "name"), gw);
		}
	}
	json_array_foreach(json_object_get(model, "bindings"), i, b) {
		const char *p = ctl_str(b, "port");
		json_t *cur = p ? json_object_get(bound, p) : NULL;

		if (p && !json_is_null(cur))
			json_object_set(bound, p, json_object_get(b, "chassis"));
	}
	return bound;
}

/* Appends name (a reference taken) to by[ch]. */
static void bind_to(json_t *by, const char *ch, json_t *name)
{
	json_t *list = json_object_get(by, ch);

	if (!list) {
		list = json_array();
		json_object_set_new(by, ch, list);
	}
	json_array_append_new(list, name);
}

/* chassis name -> [port names bound there], in the model's port order. */
static json_t *ports_by_chassis(const json_t *model)
{
	json_t *bound = bindings_by_port(model), *by = json_object(), *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *ch = json_string_value(json_object_get(bound, ctl_str(port, "name")));

			if (ch)
				bind_to(by, ch, json_incref(json_object_get(port, "name")));
		}
	}
	json_decref(bound);
	return by;
}

/*
 * A distributed gateway port's chassisredirect binding "cr-PORT", as
 * ovn-sbctl show lists it: under its active gateway chassis.
 */
static void add_chassisredirect(json_t *by, const json_t *model)
{
	struct xovn_model *m = xovn_model_read(model);

	for (size_t i = 0; m && i < m->n_routers; i++) {
		for (size_t j = 0; j < m->routers[i].n_ports; j++) {
			const struct xovn_lrp *lrp = &m->routers[i].ports[j];
			const char *ch = xovn_model_active_gateway(m, lrp);

			if (ch && lrp->name)
				bind_to(by, ch, json_sprintf("cr-%s", lrp->name));
		}
	}
	xovn_model_free(m);
}

static void show_chassis(FILE *out, const json_t *model)
{
	json_t *by = ports_by_chassis(model), *ch, *name;
	size_t i, j;

	add_chassisredirect(by, model);
	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		fputs("Chassis ", out);
		print_quoted(out, ctl_str(ch, "name"));
		fputs("\n    Encap geneve\n        ip: ", out);
		print_quoted(out, ctl_str(json_object_get(ch, "encap"), "ip"));
		fputs("\n        options: {csum=\"true\"}\n", out);
		json_array_foreach(json_object_get(by, ctl_str(ch, "name")), j, name) {
			fputs("    Port_Binding ", out);
			print_quoted(out, json_string_value(name));
			fputc('\n', out);
		}
	}
	json_decref(by);
}

static int show(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct xovn_inactive_list l;
	json_t *inactive, *active;

	(void)argc;
	(void)argv;
	xovn_inactive_init(&l);
	xovn_model_incomplete(ctx->model, &l);
	inactive = inactive_ports(&l);
	/* Port_Binding rows exist only for what the dataplane has. */
	active = xovn_model_active(ctx->model, &l);
	show_switches(ctx->out, ctx->model, inactive);
	show_routers(ctx->out, ctx->model);
	show_chassis(ctx->out, active ? active : ctx->model);
	json_decref(active);
	json_decref(inactive);
	xovn_inactive_free(&l);
	return 0;
}

const struct ctl_verb ctl_show_verbs[] = {
	{ "show", 0, 0, 0, 0, show },
	{ 0 }
};
