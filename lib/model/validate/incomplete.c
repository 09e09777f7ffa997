// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * incomplete.c - which parts of a valid model are not in force yet, and why.
 *
 * The side of each rule follows ovn-northd: what it ignores until the
 * configuration is complete is incomplete here; what ovn-nbctl or the
 * OVSDB schema refuses stays an error of the validator.
 *
 *   port     localnet/l2gateway without options:network_name, l2gateway
 *            without options:l2gateway-chassis or naming a chassis not
 *            defined yet, external without an HA chassis group, a
 *            container port whose parent does not exist yet or is not
 *            bound to any chassis
 *   vif      a chassis' interface naming a port not created yet
 *   binding  a port bound to a chassis not defined yet
 *   member   an HA group member naming a chassis not defined yet
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/incomplete.h"
#include "model/validate/validate.h"

struct incomplete_pass {
	struct xovn_inactive_list *out;
	const struct vnames *names;
	struct name_index bound;    /* ports attached or bound to an existing chassis */
};

void xovn_inactive_init(struct xovn_inactive_list *l)
{
	memset(l, 0, sizeof(*l));
}

void xovn_inactive_free(struct xovn_inactive_list *l)
{
	free(l->v);
	xovn_inactive_init(l);
}

static void add(struct xovn_inactive_list *l, enum xovn_inactive_kind kind, const char *name,
		const char *owner, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void add(struct xovn_inactive_list *l, enum xovn_inactive_kind kind, const char *name,
		const char *owner, const char *path, const char *fmt, ...)
{
	struct xovn_inactive *it;
	va_list ap;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct xovn_inactive *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n++];
	it->kind = kind;
	snprintf(it->name, sizeof(it->name), "%s", name);
	snprintf(it->owner, sizeof(it->owner), "%s", owner ? owner : "");
	snprintf(it->path, sizeof(it->path), "%s", path);
	va_start(ap, fmt);
	vsnprintf(it->reason, sizeof(it->reason), fmt, ap);
	va_end(ap);
}

static int chassis_exists(const struct incomplete_pass *p, const char *name)
{
	return !p->names->chassis || vnames_get(p->names->chassis, name);
}

/* What a port of this type still needs before it can be compiled; NULL when nothing. */
static const char *port_lacks(const struct incomplete_pass *p, const json_t *port, char *buf,
			      size_t len)
{
	const char *type = xovn_port_type_str(port);
	const json_t *opts = json_object_get(port, "options");
	const char *parent = ref_name(port, "parent_name"), *gw;
	int l2gw = strcmp(type, "l2gateway") == 0;

	if ((l2gw || strcmp(type, "localnet") == 0) && !member_str(opts, "network_name")) {
		snprintf(buf, len, "%s port needs options:network_name", l2gw ? "an l2gateway" : "a localnet");
		return buf;
	}
	if (l2gw && !(gw = member_str(opts, "l2gateway-chassis")))
		return "an l2gateway port needs options:l2gateway-chassis";
	if (l2gw && !chassis_exists(p, gw)) {
		snprintf(buf, len, "l2gateway-chassis \"%s\" is not a chassis yet", gw);
		return buf;
	}
	if (strcmp(type, "external") == 0 && !json_object_get(port, "ha_chassis_group"))
		return "an external port needs an HA chassis group";
	if (parent && p->names->ports && !vnames_get(p->names->ports, parent)) {
		snprintf(buf, len, "parent \"%s\" does not exist yet", parent);
		return buf;
	}
	if (parent && !name_index_get(&p->bound, parent)) {
		snprintf(buf, len, "parent \"%s\" is not bound to a chassis", parent);
		return buf;
	}
	return NULL;
}

static void check_port(const json_t *model, const json_t *port, size_t sw_i, size_t port_i,
		       void *arg)
{
	struct incomplete_pass *p = arg;
	const char *name = member_str(port, "name"), *why;
	char buf[192], path[128];

	(void)model;
	if (!name || !(why = port_lacks(p, port, buf, sizeof(buf))))
		return;
	add(p->out, XOVN_INACTIVE_PORT, name, NULL, port_path(path, sizeof(path), sw_i, port_i, ""),
	    "%s", why);
}

/* Interfaces for ports that do not exist yet; the others make their port bound. */
static void check_vifs(struct incomplete_pass *p, const json_t *model)
{
	char path[128];
	size_t c, v;
	json_t *ch, *vif;

	json_array_foreach(json_object_get(model, "chassis"), c, ch) {
		json_array_foreach(json_object_get(ch, "vifs"), v, vif) {
			const char *port = member_str(vif, "port");

			if (!port)
				continue;
			if (!p->names->ports || vnames_get(p->names->ports, port)) {
				name_index_put(&p->bound, port, vif);
				continue;
			}
			snprintf(path, sizeof(path), "$.chassis[%zu].vifs[%zu]", c, v);
			add(p->out, XOVN_INACTIVE_VIF, port, member_str(ch, "name"), path,
			    "interface %s names port \"%s\", which does not exist yet",
			    member_str(vif, "iface") ? member_str(vif, "iface") : "?", port);
		}
	}
}

static void check_bindings(struct incomplete_pass *p, const json_t *model)
{
	char path[128];
	size_t k;
	json_t *b;

	json_array_foreach(json_object_get(model, "bindings"), k, b) {
		const char *port = member_str(b, "port"), *chassis = member_str(b, "chassis");

		if (!port || !chassis)
			continue;
		if (chassis_exists(p, chassis)) {
			name_index_put(&p->bound, port, b);
			continue;
		}
		snprintf(path, sizeof(path), "$.bindings[%zu]", k);
		add(p->out, XOVN_INACTIVE_BINDING, port, chassis, path,
		    "bound to chassis \"%s\", which is not defined yet", chassis);
	}
}

static void check_members(struct incomplete_pass *p, const json_t *model)
{
	char path[128];
	size_t g, m;
	json_t *group, *member;

	json_array_foreach(json_object_get(model, "ha_chassis_groups"), g, group) {
		json_array_foreach(json_object_get(group, "members"), m, member) {
			const char *chassis = member_str(member, "chassis");

			if (!chassis || chassis_exists(p, chassis))
				continue;
			snprintf(path, sizeof(path), "$.ha_chassis_groups[%zu].members[%zu]", g, m);
			add(p->out, XOVN_INACTIVE_MEMBER, chassis, member_str(group, "name"), path,
			    "chassis \"%s\" is not defined yet", chassis);
		}
	}
}

size_t xovn_model_incomplete(const json_t *model, struct xovn_inactive_list *out)
{
	size_t before = out->n;
	struct vnames names;
	struct incomplete_pass p = { .out = out, .names = &names };

	if (!json_is_object(model))
		return 0;
	vnames_build(&names, model);
	name_index_init(&p.bound);
	check_vifs(&p, model);
	check_bindings(&p, model);
	check_members(&p, model);
	for_each_port(model, check_port, &p);
	name_index_free(&p.bound);
	vnames_free(&names);
	return out->n - before;
}

const char *xovn_inactive_port_reason(const struct xovn_inactive_list *l, const char *port)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == XOVN_INACTIVE_PORT && strcmp(l->v[i].name, port) == 0)
			return l->v[i].reason;
	return NULL;
}

void xovn_inactive_print(const struct xovn_inactive_list *l, const char *prefix, FILE *f)
{
	static const char *const what[] = {
		[XOVN_INACTIVE_PORT] = "port",
		[XOVN_INACTIVE_VIF] = "interface of chassis",
		[XOVN_INACTIVE_BINDING] = "binding of port",
		[XOVN_INACTIVE_MEMBER] = "member of HA chassis group",
	};

	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_inactive *it = &l->v[i];
		const char *subject = it->kind == XOVN_INACTIVE_VIF || it->kind == XOVN_INACTIVE_MEMBER
					      ? it->owner : it->name;

		fprintf(f, "%swarning: %s %s is inactive: %s\n", prefix, what[it->kind], subject,
			it->reason);
	}
}
