// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_chassis.c - chassis, attachments, bindings and HA groups:
 * distinct encap IPs, group members that exist, an interface attached once
 * per chassis, a VIF attached on one chassis only, bindings that name real
 * ports and chassis and agree with where a port is attached.
 */
#include <stdint.h>
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
	const struct xovn_model *m;
	const struct vnames *names;
	/* VIF name -> its attachment; names are borrowed from the model. */
	struct name_index attached;
	struct attachment *att; /* one slot per VIF entry of the model */
	size_t n_att;
	struct vset localports; /* (localport, chassis index) -> its first instance */
	/* Bound port name -> its binding's index in bound_at. */
	struct name_index bound;
	size_t *bound_at;
	size_t n_bound;
	/*
	 * When the model resolved its references (vnames.resolved), the same
	 * two by port number (xovn_lsp.num) instead of by name: the first
	 * attachment of each port, 1 + the index of its first binding.
	 */
	const struct attachment **att_by_port;
	size_t *bound_by_port;
};

static const struct attachment *attachment_of(const struct chassis_pass *p,
					      const struct xovn_lsp *port, const char *name)
{
	return p->att_by_port ? p->att_by_port[port->num] : name_index_get(&p->attached, name);
}

/* "$.chassis[C].vifs[V]" + suffix: spelled only when an error needs it. */
static const char *vif_path(char *buf, size_t len, size_t c, size_t v, const char *suffix)
{
	snprintf(buf, len, "$.chassis[%zu].vifs[%zu]%s", c, v, suffix);
	return buf;
}

static const char *attachment_path(const struct attachment *a, char *buf, size_t len)
{
	return vif_path(buf, len, a->c, a->v, ".port");
}

static void unique_encap_ips(struct chassis_pass *p)
{
	struct name_index seen;   /* IP -> 1 + index of the first chassis with it */

	name_index_init(&seen);
	for (size_t i = 0; i < p->m->n_chassis; i++) {
		const struct xovn_chassis *ch = &p->m->chassis[i];
		uintptr_t first;

		if (!ch->encap_ip)
			continue;
		first = (uintptr_t)name_index_get(&seen, ch->encap_ip);
		if (first)
			xovn_errors_add(p->errs, vitem_path("chassis", ch->index, ".encap.ip").s,
					"unique-encap-ip", "encap IP %s is already used at %s",
					ch->encap_ip,
					vitem_path("chassis", first - 1, ".encap.ip").s);
		else
			name_index_put_new(&seen, ch->encap_ip, (const void *)(uintptr_t)(ch->index + 1));
	}
	name_index_free(&seen);
}

static void check_group(struct chassis_pass *p, const struct xovn_ha_group *g)
{
	struct name_index seen;
	char path[256];

	name_index_init(&seen);
	for (size_t m = 0; m < g->n_members; m++) {
		const struct xovn_ha_member *member = &g->members[m];
		const char *ch = ref_name(member->chassis);

		if (!ch)
			continue;
		snprintf(path, sizeof(path), "$.ha_chassis_groups[%zu].members[%zu].chassis",
			 g->index, member->index);
		if (name_index_get(&seen, ch))
			xovn_errors_add(p->errs, path, "duplicate-member",
					"chassis \"%s\" is already a member of this group", ch);
		name_index_put_new(&seen, ch, member);
	}
	name_index_free(&seen);
}

/* Interfaces that the chassis already uses for the underlay or a network. */
static int iface_reserved(const struct xovn_chassis *ch, const char *iface)
{
	if (ch->encap_iface && strcmp(ch->encap_iface, iface) == 0)
		return 1;
	for (size_t i = 0; i < ch->bridge_mappings.n; i++)
		if (strcmp(ch->bridge_mappings.v[i].value, iface) == 0)
			return 1;
	return 0;
}

/* seen: the interface was named by an earlier VIF of this chassis. */
static void check_vif_iface(struct chassis_pass *p, const struct xovn_chassis *ch,
			    const struct xovn_vif *vif, int seen)
{
	const char *iface = vif->iface;
	char path[256];

	if (!iface)
		return;
	if (seen)
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), ch->index, vif->index, ".iface"),
				"duplicate-iface",
				"interface \"%s\" is already attached on this chassis", iface);
	else if (iface_reserved(ch, iface))
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), ch->index, vif->index, ".iface"),
				"iface-in-use",
				"interface \"%s\" is the chassis's encap or bridge-mapped interface",
				iface);
}

/* Records where a VIF is attached; a second attachment is an error. */
static void record_attachment(struct chassis_pass *p, const struct xovn_lsp *lsp,
			      const char *port, const char *chassis, size_t c, size_t v)
{
	const struct attachment *prev = attachment_of(p, lsp, port);
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
	if (p->att_by_port)
		p->att_by_port[lsp->num] = a;
	else if (name_index_put_new(&p->attached, port, a) < 0) {
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".port"), "io",
				"out of memory checking attachments");
		return;
	}
	p->n_att++;
}

/* A localport has one instance on every chassis: once per chassis, not more. */
static void record_localport(struct chassis_pass *p, const struct xovn_lsp *port, size_t c,
			     size_t v)
{
	struct vloc here = { .a = c, .b = v };
	uint8_t key[sizeof(port) + sizeof(c)];
	char path[256], first_path[256];
	const struct vloc *first;

	memcpy(key, &port, sizeof(port));
	memcpy(key + sizeof(port), &c, sizeof(c));
	first = vset_claim(&p->localports, key, sizeof(key), &here);
	if (first)
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), c, v, ".port"), "attached-twice",
				"localport \"%s\" already has its instance on this chassis at %s",
				port->name,
				vif_path(first_path, sizeof(first_path), first->a, first->b, ".port"));
}

static void check_vif_port(struct chassis_pass *p, const struct xovn_chassis *ch,
			   const struct xovn_vif *vif)
{
	const char *name = ref_name(vif->port);
	const struct xovn_lsp *port;
	char path[256];
	const char *type;

	if (!name)
		return;
	port = vnames_vif_port(p->names, vif);
	if (!port)
		return;   /* an interface for a port not created yet: incomplete.c */
	type = lsp_type(port);
	if (xovn_port_type_from_str(type) < 0)
		return;   /* the schema pass reported the type */
	if (strcmp(type, "localport") == 0) {
		record_localport(p, port, ch->index, vif->index);
		return;
	}
	if (strcmp(type, "") != 0 || port->present & XOVN_LSP_PARENT_NAME) {
		xovn_errors_add(p->errs, vif_path(path, sizeof(path), ch->index, vif->index, ".port"),
				"not-attachable",
				"port \"%s\" is %s; only VIFs and localports are attached", name,
				*type ? type : "a container port");
		return;
	}
	record_attachment(p, port, name, ch->name, ch->index, vif->index);
}

/* The interfaces of one chassis' VIFs, each marked when an earlier VIF named it. */
struct iface_claims {
	const struct xovn_vif *vifs;
	unsigned char *seen;
};

static const char *vif_iface(const void *arg, size_t i)
{
	return ((const struct iface_claims *)arg)->vifs[i].iface;
}

static const void *vif_at(const void *arg, size_t i)
{
	return &((const struct iface_claims *)arg)->vifs[i];
}

static void iface_claimed(void *arg, size_t i, const void *first)
{
	((struct iface_claims *)arg)->seen[i] = first != NULL;
}

static void check_vifs(struct chassis_pass *p, const struct xovn_chassis *ch)
{
	unsigned char *seen = calloc(ch->n_vifs ? ch->n_vifs : 1, 1);
	struct iface_claims claims = { ch->vifs, seen };
	struct name_batch b = { vif_iface, vif_at, iface_claimed, &claims };
	struct name_index ifaces;

	/*
	 * Which interfaces an earlier VIF of the chassis named, all at once
	 * (the lookups overlap); the errors then follow in document order.
	 */
	name_index_init(&ifaces);
	if (!seen || name_index_claim_batch(&ifaces, ch->n_vifs, &b) < 0) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking interfaces");
		name_index_free(&ifaces);
		free(seen);
		return;
	}
	name_index_free(&ifaces);
	for (size_t v = 0; v < ch->n_vifs; v++) {
		if (v + NAME_INDEX_AHEAD < ch->n_vifs && !p->att_by_port) {
			const struct xovn_vif *ahead = &ch->vifs[v + NAME_INDEX_AHEAD];

			if (p->names->ports && !p->names->resolved)
				name_index_prefetch(p->names->ports, ahead->port);
			name_index_prefetch(&p->attached, ahead->port);
		}
		check_vif_iface(p, ch, &ch->vifs[v], seen[v]);
		check_vif_port(p, ch, &ch->vifs[v]);
	}
	free(seen);
}

/* Room for every VIF entry of the model, so recording one never reallocates. */
static int reserve_attachments(struct chassis_pass *p)
{
	size_t total = 0;

	for (size_t i = 0; i < p->m->n_chassis; i++)
		total += p->m->chassis[i].n_vifs;
	p->att = calloc(total ? total : 1, sizeof(*p->att));
	if (!p->att || (!p->att_by_port && name_index_reserve(&p->attached, total) < 0)) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking attachments");
		return -1;
	}
	return 0;
}

/* A binding must not contradict where the port already lives. */
static void check_binding_agrees(struct chassis_pass *p, const struct xovn_lsp *port,
				 const char *name, const char *chassis, const char *path)
{
	const struct attachment *att = attachment_of(p, port, name);
	const char *type = lsp_type(port);
	const char *gw = xovn_smap_get(&port->options, "l2gateway-chassis");
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
static int record_binding(struct chassis_pass *p, const struct xovn_lsp *port,
			  const char *port_name, size_t k, const char *path)
{
	const size_t *first = p->bound_by_port ? NULL : name_index_get(&p->bound, port_name);
	size_t *at;

	if (p->bound_by_port) {
		size_t *slot = &p->bound_by_port[port->num];

		if (*slot)
			first = &p->bound_at[*slot - 1];
		else
			*slot = p->n_bound + 1;
	}
	if (first) {
		xovn_errors_add(p->errs, path, "duplicate-binding",
				"port \"%s\" is already bound by %s", port_name,
				vitem_path("bindings", *first, ".port").s);
		return -1;
	}
	if (p->bound_by_port) {
		p->bound_at[p->n_bound++] = k;
		return 0;
	}
	at = &p->bound_at[p->n_bound];
	*at = k;
	if (name_index_put_new(&p->bound, port_name, at) == 0)
		p->n_bound++;
	return 0;
}

static void check_binding(struct chassis_pass *p, const struct xovn_binding *b)
{
	const char *port_name = ref_name(b->port), *chassis = ref_name(b->chassis);
	const struct xovn_lsp *port = port_name ? vnames_binding_port(p->names, b) : NULL;
	char path[64];

	if (chassis && p->names->chassis && !vnames_chassis(p->names, chassis))
		chassis = NULL;   /* not defined yet (incomplete.c): nothing to agree with */
	if (!port_name || !p->names->ports)
		return;
	snprintf(path, sizeof(path), "$.bindings[%zu].port", b->index);
	if (!port) {
		xovn_errors_add(p->errs, path, "dangling-reference", "no port \"%s\"", port_name);
		return;
	}
	if (record_binding(p, port, port_name, b->index, path) < 0)
		return;
	if (chassis)
		check_binding_agrees(p, port, port_name, chassis, path);
}

/* Room for every binding, so recording one never reallocates. */
static int reserve_bindings(struct chassis_pass *p)
{
	size_t n = p->m->n_bindings;

	p->bound_at = malloc((n ? n : 1) * sizeof(*p->bound_at));
	if (!p->bound_at || (!p->bound_by_port && name_index_reserve(&p->bound, n) < 0)) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking bindings");
		return -1;
	}
	return 0;
}

void validate_chassis(struct xovn_errors *errs, const struct xovn_model *m,
		      const struct vnames *names)
{
	struct chassis_pass p = { .errs = errs, .m = m, .names = names };

	if (names->resolved) {
		p.att_by_port = calloc(m->n_ports ? m->n_ports : 1, sizeof(*p.att_by_port));
		p.bound_by_port = calloc(m->n_ports ? m->n_ports : 1, sizeof(*p.bound_by_port));
		if (!p.att_by_port || !p.bound_by_port) {
			free(p.att_by_port);
			free(p.bound_by_port);
			p.att_by_port = NULL;   /* by name, as for an unresolved model */
			p.bound_by_port = NULL;
		}
	}
	name_index_init(&p.attached);
	name_index_init(&p.bound);
	vset_init(&p.localports);
	unique_encap_ips(&p);
	for (size_t i = 0; i < m->n_groups; i++)
		check_group(&p, &m->groups[i]);
	if (reserve_attachments(&p) == 0) {
		for (size_t i = 0; i < m->n_chassis; i++)
			check_vifs(&p, &m->chassis[i]);
	}
	if (reserve_bindings(&p) == 0) {
		for (size_t i = 0; i < m->n_bindings; i++)
			check_binding(&p, &m->bindings[i]);
	}
	vset_free(&p.localports);
	name_index_free(&p.attached);
	name_index_free(&p.bound);
	free(p.att);
	free(p.bound_at);
	free(p.att_by_port);
	free(p.bound_by_port);
}
