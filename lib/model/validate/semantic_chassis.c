// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic_chassis.c - chassis, attachments, bindings and HA groups:
 * distinct encap IPs, group members that exist, an interface attached once
 * per chassis, a VIF attached on one chassis only, bindings that name real
 * ports and chassis and agree with where a port is attached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/validate/validate.h"
#include "util/name_index.h"

/* Where a VIF is attached: enough to spell its path when an error needs it. */
struct attachment {
	const char *chassis;    /* "" when the chassis has no usable name */
	size_t c, v;            /* $.chassis[c].vifs[v].port */
};

struct chassis_pass {
	struct xovn_errors *errs;
	const json_t *model;
	const struct name_index *ports;     /* port name -> port */
	const struct name_index *chassis;   /* chassis name -> chassis */
	/* VIF name -> its attachment; names are borrowed from the model. */
	struct name_index attached;
	struct attachment *att; /* one slot per VIF entry of the model */
	size_t n_att;
	json_t *localports;     /* "localport@chassis-index" -> path */
	/* Bound port name -> its binding's index in bound_at. */
	struct name_index bound;
	size_t *bound_at;
	size_t n_bound;
};

/* "$.chassis[C].vifs[V]" + suffix: spelled only when an error needs it. */
static const char *vif_path(char *buf, size_t len, size_t c, size_t v, const char *suffix)
{
	snprintf(buf, len, "$.chassis[%zu].vifs[%zu]%s", c, v, suffix);
	return buf;
}

static const char *attachment_path(const struct attachment *a, char *buf, size_t len)
{
	snprintf(buf, len, "$.chassis[%zu].vifs[%zu].port", a->c, a->v);
	return buf;
}

static void unique_encap_ips(struct chassis_pass *p)
{
	json_t *seen = json_object();
	char path[256];
	size_t i;
	json_t *ch;

	json_array_foreach(json_object_get(p->model, "chassis"), i, ch) {
		const char *ip = member_str(json_object_get(ch, "encap"), "ip");
		const char *first;

		if (!ip)
			continue;
		snprintf(path, sizeof(path), "$.chassis[%zu].encap.ip", i);
		first = json_string_value(json_object_get(seen, ip));
		if (first)
			xovn_errors_add(p->errs, path, "unique-encap-ip",
					"encap IP %s is already used at %s", ip, first);
		else
			json_object_set_new(seen, ip, json_string(path));
	}
	json_decref(seen);
}

static void check_group(struct chassis_pass *p, const json_t *group, size_t g)
{
	json_t *seen = json_object();
	char path[256];
	size_t m;
	json_t *member;

	json_array_foreach(json_object_get(group, "members"), m, member) {
		const char *ch = ref_name(member, "chassis");

		if (!ch)
			continue;
		snprintf(path, sizeof(path), "$.ha_chassis_groups[%zu].members[%zu].chassis", g, m);
		if (json_object_get(seen, ch))
			xovn_errors_add(p->errs, path, "duplicate-member",
					"chassis \"%s\" is already a member of this group", ch);
		json_object_set_new(seen, ch, json_true());
	}
	json_decref(seen);
}

/* Interfaces that the chassis already uses for the underlay or a network. */
static int iface_reserved(const json_t *ch, const char *iface)
{
	const char *encap = member_str(ch, "encap_iface");
	const char *net;
	json_t *mapped;

	if (encap && strcmp(encap, iface) == 0)
		return 1;
	json_object_foreach((json_t *)json_object_get(ch, "bridge_mappings"), net, mapped) {
		const char *m = json_string_value(mapped);

		if (m && strcmp(m, iface) == 0)
			return 1;
	}
	return 0;
}

/* ifaces: interface names of this chassis' VIFs so far. */
static void check_vif_iface(struct chassis_pass *p, const json_t *ch, const json_t *vif,
			    struct name_index *ifaces, size_t c, size_t v)
{
	const char *iface = member_str(vif, "iface");
	char path[256];

	if (!iface)
		return;
	if (name_index_get(ifaces, iface))
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".iface"),
				"duplicate-iface",
				"interface \"%s\" is already attached on this chassis", iface);
	else if (iface_reserved(ch, iface))
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".iface"),
				"iface-in-use",
				"interface \"%s\" is the chassis's encap or bridge-mapped interface",
				iface);
	if (name_index_put(ifaces, iface, vif) < 0)
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ""), "io",
				"out of memory checking interfaces");
}

/* Records where a VIF is attached; a second attachment is an error. */
static void record_attachment(struct chassis_pass *p, const char *port, const char *chassis,
			      size_t c, size_t v)
{
	const struct attachment *prev = name_index_get(&p->attached, port);
	struct attachment *a = &p->att[p->n_att];
	char first[256], path[256];

	if (prev) {
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".port"),
				"attached-twice",
				"port \"%s\" is already attached at %s", port,
				attachment_path(prev, first, sizeof(first)));
		return;
	}
	a->chassis = chassis ? chassis : "";
	a->c = c;
	a->v = v;
	if (name_index_put_new(&p->attached, port, a) < 0) {
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".port"), "io",
				"out of memory checking attachments");
		return;
	}
	p->n_att++;
}

/* A localport has one instance on every chassis: once per chassis, not more. */
static void record_localport(struct chassis_pass *p, const char *port, size_t c,
			     const char *path)
{
	char key[96];
	const char *first;

	snprintf(key, sizeof(key), "%s@%zu", port, c);   /* '@' is not in names */
	first = json_string_value(json_object_get(p->localports, key));
	if (first)
		xovn_errors_add(p->errs, path, "attached-twice",
				"localport \"%s\" already has its instance on this chassis at %s",
				port, first);
	else
		json_object_set_new(p->localports, key, json_string(path));
}

static void check_vif_port(struct chassis_pass *p, const json_t *ch, size_t c, size_t v,
			   const json_t *vif)
{
	const char *name = ref_name(vif, "port");
	const json_t *port;
	char path[256];
	const char *type;

	if (!name || !p->ports)
		return;
	port = vnames_get(p->ports, name);
	if (!port)
		return;   /* an interface for a port not created yet: incomplete.c */
	type = xovn_port_type_str(port);
	if (xovn_port_type_from_str(type) < 0)
		return;   /* the schema pass reported the type */
	if (strcmp(type, "localport") == 0) {
		record_localport(p, name, c, vif_path(path, sizeof(path), c, v, ".port"));
		return;
	}
	if (strcmp(type, "") != 0 || json_object_get(port, "parent_name")) {
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".port"),
				"not-attachable",
				"port \"%s\" is %s; only VIFs and localports are attached", name,
				*type ? type : "a container port");
		return;
	}
	record_attachment(p, name, member_str(ch, "name"), c, v);
}

static void check_vifs(struct chassis_pass *p, const json_t *ch, size_t c)
{
	const json_t *vifs = json_object_get(ch, "vifs");
	struct name_index ifaces;
	size_t v;
	json_t *vif;

	name_index_init(&ifaces);
	if (name_index_reserve(&ifaces, json_array_size(vifs)) < 0)
		xovn_errors_add(p->errs, "$", "io", "out of memory checking interfaces");
	json_array_foreach(vifs, v, vif) {
		check_vif_iface(p, ch, vif, &ifaces, c, v);
		check_vif_port(p, ch, c, v, vif);
	}
	name_index_free(&ifaces);
}

/* Room for every VIF entry of the model, so recording one never reallocates. */
static int reserve_attachments(struct chassis_pass *p)
{
	size_t total = 0, i;
	json_t *ch;

	json_array_foreach(json_object_get(p->model, "chassis"), i, ch)
		total += json_array_size(json_object_get(ch, "vifs"));
	p->att = calloc(total ? total : 1, sizeof(*p->att));
	if (!p->att || name_index_reserve(&p->attached, total) < 0) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking attachments");
		return -1;
	}
	return 0;
}

/* A binding must not contradict where the port already lives. */
static void check_binding_agrees(struct chassis_pass *p, const json_t *port, const char *name,
				 const char *chassis, const char *path)
{
	const struct attachment *att = name_index_get(&p->attached, name);
	const char *type = xovn_port_type_str(port);
	const char *gw = member_str(json_object_get(port, "options"), "l2gateway-chassis");
	char where[256];

	if (strcmp(type, "localport") == 0)
		xovn_errors_add(p->errs, path, "localport-bound",
				"a localport lives on every chassis and is never bound");
	else if (att && strcmp(att->chassis, chassis) != 0)
		xovn_errors_add(p->errs, path, "binding-conflict",
				"port \"%s\" is attached on \"%s\" (%s)", name, att->chassis,
				attachment_path(att, where, sizeof(where)));
	else if (strcmp(type, "l2gateway") == 0 && gw && strcmp(gw, chassis) != 0)
		xovn_errors_add(p->errs, path, "binding-conflict",
				"l2gateway port \"%s\" has l2gateway-chassis \"%s\"", name, gw);
}

/* Records that binding k binds port_name; an earlier binding of it is an error. */
static int record_binding(struct chassis_pass *p, const char *port_name, size_t k,
			  const char *path)
{
	const size_t *first = name_index_get(&p->bound, port_name);
	char first_path[64];
	size_t *at;

	if (first) {
		snprintf(first_path, sizeof(first_path), "$.bindings[%zu].port", *first);
		xovn_errors_add(p->errs, path, "duplicate-binding",
				"port \"%s\" is already bound by %s", port_name, first_path);
		return -1;
	}
	at = &p->bound_at[p->n_bound];
	*at = k;
	if (name_index_put_new(&p->bound, port_name, at) == 0)
		p->n_bound++;
	return 0;
}

static void check_binding(struct chassis_pass *p, const json_t *b, size_t k)
{
	const char *port_name = ref_name(b, "port"), *chassis = ref_name(b, "chassis");
	const json_t *port = port_name && p->ports ? vnames_get(p->ports, port_name) : NULL;
	char path[64];

	if (chassis && p->chassis && !vnames_get(p->chassis, chassis))
		chassis = NULL;   /* not defined yet (incomplete.c): nothing to agree with */
	if (!port_name || !p->ports)
		return;
	snprintf(path, sizeof(path), "$.bindings[%zu].port", k);
	if (!port) {
		xovn_errors_add(p->errs, path, "dangling-reference", "no port \"%s\"", port_name);
		return;
	}
	if (record_binding(p, port_name, k, path) < 0)
		return;
	if (chassis)
		check_binding_agrees(p, port, port_name, chassis, path);
}

/* Room for every binding, so recording one never reallocates. */
static int reserve_bindings(struct chassis_pass *p, const json_t *bindings)
{
	size_t n = json_array_size(bindings);

	p->bound_at = malloc((n ? n : 1) * sizeof(*p->bound_at));
	if (!p->bound_at || name_index_reserve(&p->bound, n) < 0) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking bindings");
		return -1;
	}
	return 0;
}

void validate_chassis(struct xovn_errors *errs, const json_t *model, const struct vnames *names)
{
	struct chassis_pass p = {
		.errs = errs,
		.model = model,
		.ports = names->ports,
		.chassis = names->chassis,
		.localports = json_object(),
	};
	const json_t *bindings = json_object_get(model, "bindings");
	size_t i;
	json_t *item;

	name_index_init(&p.attached);
	name_index_init(&p.bound);
	unique_encap_ips(&p);
	json_array_foreach(json_object_get(model, "ha_chassis_groups"), i, item)
		check_group(&p, item, i);
	if (reserve_attachments(&p) == 0) {
		json_array_foreach(json_object_get(model, "chassis"), i, item)
			check_vifs(&p, item, i);
	}
	if (reserve_bindings(&p, bindings) == 0) {
		json_array_foreach(bindings, i, item)
			check_binding(&p, item, i);
	}
	json_decref(p.localports);
	name_index_free(&p.attached);
	name_index_free(&p.bound);
	free(p.att);
	free(p.bound_at);
}
