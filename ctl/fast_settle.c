// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fast_settle.c - whether the part settles what a chain did to it, and
 * which warnings about incomplete items it lists (fast_part.h).
 *
 * The part holds every router, DHCP options row and HA chassis group
 * whole, a few switches, and no chassis or bindings.  What a chain
 * deletes of the whole members, other switches may name: a router port
 * (a switch port's options:router-port) or a DHCP options row (a port's
 * dhcpv4/v6_options); the index says which switches of the file hold
 * such a port, and the part must hold them (lrp-del and lr-del read them).
 *
 * Warnings: the full path lists every incomplete item of the db.  The part
 * lists those it knows the truth of - static routes (every router is in
 * it) and gateway chassis, gateway routers and HA group members whose
 * chassis the db lacks (the index names the chassis) - and leaves the rest
 * to a full write, as it found them.  An item the chain makes incomplete
 * that is none of those (a port, an interface, a binding) may depend on
 * what the part does not hold: the chain then takes the full path - but
 * for a container port whose parent a chassis attaches, which the part
 * only sees unbound, and a switch port whose peer router port the chain
 * deleted (listed, when it is the only one: the full path lists ports in
 * the order of its switches).
 */
#include <string.h>

#include "ctl.h"
#include "fast_part.h"
#include "model/model.h"

static int row_names(const json_t *rows, const char *member, json_t *into)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row)
		if (json_is_string(json_object_get(row, member)) &&
		    json_object_set_new(into, json_string_value(json_object_get(row, member)),
					json_true()) < 0)
			return -1;
	return 0;
}

/* Every router port's name and every DHCP options row's UUID of doc, as object keys. */
static int whole_rows(const json_t *doc, json_t *lrps, json_t *dhcp)
{
	json_t *lr;
	size_t i;

	json_array_foreach(json_object_get(doc, "logical_routers"), i, lr)
		if (row_names(json_object_get(lr, "ports"), "name", lrps) < 0)
			return -1;
	return row_names(json_object_get(doc, "dhcp_options"), "_uuid", dhcp);
}

int ctl_part_before(const json_t *doc, struct part_before *b)
{
	xovn_inactive_init(&b->inactive);
	b->lrps = json_object();
	b->dhcp = json_object();
	if (!b->lrps || !b->dhcp || whole_rows(doc, b->lrps, b->dhcp) < 0)
		return -1;
	xovn_model_incomplete(doc, &b->inactive);
	return 0;
}

void ctl_part_before_free(struct part_before *b)
{
	xovn_inactive_free(&b->inactive);
	json_decref(b->lrps);
	json_decref(b->dhcp);
	b->lrps = b->dhcp = NULL;
}

/* A router port or DHCP options row the chain deleted that a port of another switch may name. */
static int deletes_a_named_row(const json_t *doc, const struct part_before *b,
			       const struct part_found *f)
{
	json_t *lrps = json_object(), *dhcp = json_object(), *v;
	const char *name;
	int named = !lrps || !dhcp || whole_rows(doc, lrps, dhcp) < 0;

	json_object_foreach(b->lrps, name, v)
		if (!named && !json_object_get(lrps, name))
			named = ctl_part_named_outside(f, doc, 'r', name) || ctl_part_names_port(f, name);
	json_object_foreach(b->dhcp, name, v)
		if (!named && !json_object_get(dhcp, name))
			named = ctl_part_named_outside(f, doc, 'd', name);
	json_decref(lrps);
	json_decref(dhcp);
	return named;
}

static int same_item(const struct xovn_inactive *a, const struct xovn_inactive *b)
{
	return a->kind == b->kind && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->owner, b->owner) == 0 && strcmp(a->reason, b->reason) == 0;
}

static int was_there(const struct xovn_inactive_list *before, const struct xovn_inactive *it)
{
	for (size_t i = 0; i < before->n; i++)
		if (same_item(&before->v[i], it))
			return 1;
	return 0;
}

/* The chassis an item waits for, NULL when it waits for none. */
static const char *awaited_chassis(const struct xovn_inactive *it)
{
	switch (it->kind) {
	case XOVN_INACTIVE_MEMBER:
	case XOVN_INACTIVE_GATEWAY:
		return it->name;
	case XOVN_INACTIVE_ROUTER:
		return it->owner;
	default:
		return NULL;
	}
}

/*
 * A container port the part finds waiting for its parent's binding, whose
 * parent an interface of a chassis names: the part holds no chassis, the
 * db binds the parent.  The reason is the one the incomplete pass gives
 * (model/validate/incomplete.c); what it checks after the binding is a
 * router port's peer, so the port must not be one.
 */
static int waits_for_a_bound_parent(const json_t *doc, const struct part_found *f,
				    const struct xovn_inactive *it)
{
	json_t *port = it->kind == XOVN_INACTIVE_PORT ? xovn_find_port(doc, it->name, NULL) : NULL;
	const char *parent = port ? ctl_str(port, "parent_name") : NULL;
	char reason[sizeof(it->reason)];

	if (!parent || strcmp(xovn_port_type_str(port), "router") == 0)
		return 0;
	snprintf(reason, sizeof(reason), "parent \"%s\" is not bound to a chassis", parent);
	return strcmp(reason, it->reason) == 0 && ctl_part_attached(f, parent);
}

/*
 * A switch port of type router whose peer is gone: the part holds every
 * router port, and such a port has nothing else to wait for (no parent),
 * so its warning is the full path's.
 */
static int peer_gone(const json_t *doc, const struct xovn_inactive *it)
{
	json_t *port = it->kind == XOVN_INACTIVE_PORT ? xovn_find_port(doc, it->name, NULL) : NULL;
	const char *peer = port ? ctl_str(json_object_get(port, "options"), "router-port") : NULL;
	char reason[sizeof(it->reason)];

	if (!peer || strcmp(xovn_port_type_str(port), "router") != 0 ||
	    json_object_get(port, "parent_name"))
		return 0;
	snprintf(reason, sizeof(reason), "router-port \"%s\" is not a logical router port yet", peer);
	return strcmp(reason, it->reason) == 0;
}

int ctl_part_settle(const json_t *doc, const struct part_before *b, const struct part_found *f,
		    struct xovn_inactive_list *l)
{
	size_t k = 0, new_ports = 0;

	if (deletes_a_named_row(doc, b, f))
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_inactive *it = &l->v[i];
		const char *chassis = awaited_chassis(it);
		int fresh = !chassis && !was_there(&b->inactive, it);

		/* The full path lists ports in its switches' order: one the part can place. */
		if (it->kind == XOVN_INACTIVE_ROUTE || (chassis && !ctl_part_chassis_exists(f, chassis)) ||
		    (fresh && peer_gone(doc, it) && ++new_ports == 1))
			l->v[k++] = *it;
		else if (fresh && !waits_for_a_bound_parent(doc, f, it))
			return -1;
	}
	l->n = k;
	return 0;
}
