// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * invariants_topo.c - the seeded random model: what exists, where it
 * lives, and the JSON document the compiler gets.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invariants_topo.h"

/* splitmix64: tiny, seedable, and good enough to spread choices. */
uint64_t topo_next(struct topo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t topo_below(struct topo_rng *r, uint32_t n)
{
	return n ? (uint32_t)(topo_next(r) % n) : 0;
}

int topo_chance(struct topo_rng *r, unsigned int pct)
{
	return topo_below(r, 100) < pct;
}

static const char *const chassis_names[TOPO_N_CHASSIS] = { "hv1", "hv2", "hv3" };

/* ---- building the topology ------------------------------------------------ */

static struct topo_port *new_port(struct topo *t, int sw, uint16_t key, int type)
{
	struct topo_port *p;
	int idx = t->n_ports;

	cr_assert_lt(t->n_ports, TOPO_MAX_PORTS);
	p = &t->ports[t->n_ports++];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "p%d", idx);
	p->sw = sw;
	p->key = key;
	p->type = type;
	p->chassis = TOPO_UNBOUND;
	p->parent = -1;
	/* Locally administered unicast; the switch byte keeps switches apart. */
	p->mac[0] = 0x02;
	p->mac[3] = (uint8_t)(sw + 1);
	p->mac[4] = (uint8_t)(idx >> 8);
	p->mac[5] = (uint8_t)idx;
	p->ip = htonl(0x0a000000u | (uint32_t)(sw + 1) << 16 | (uint32_t)(idx + 1));
	return p;
}

/* hv1's interface for port p (or bridge/underlay): name and made-up ifindex. */
static uint32_t add_iface(struct topo *t, const char *name, uint32_t ifindex, int is_veth)
{
	size_t i = t->n_ifaces++;

	snprintf(t->ifnames[i], sizeof(t->ifnames[i]), "%s", name);
	t->ifaces[i].name = t->ifnames[i];
	t->ifaces[i].ifindex = ifindex;
	t->ifaces[i].is_veth = is_veth;
	return ifindex;
}

static void place_vif(struct topo *t, struct topo_rng *r, struct topo_port *p)
{
	char ifname[16];

	p->chassis = topo_chance(r, 10) ? TOPO_UNBOUND : (int)topo_below(r, TOPO_N_CHASSIS);
	if (p->chassis == 0) {
		snprintf(ifname, sizeof(ifname), "v%s", p->name);
		p->ifindex = add_iface(t, ifname, 1000 + (uint32_t)(p - t->ports), 1);
	}
}

static void add_vifs(struct topo *t, struct topo_rng *r, int sw, uint16_t *key)
{
	int n = 1 + (int)topo_below(r, 5), i;

	for (i = 0; i < n; i++) {
		struct topo_port *p = new_port(t, sw, (*key)++, XOVN_PT_VIF);

		/* Sometimes the MAC of a port of switch 0: MACs are per switch. */
		if (sw > 0 && topo_chance(r, 15)) {
			const struct topo_port *q = &t->ports[topo_below(r, (uint32_t)(p - t->ports))];

			if (q->sw == 0 && q->type != XOVN_PT_LOCALNET)
				memcpy(p->mac, q->mac, 6);
		}
		p->unknown = topo_chance(r, 15);
		p->psec = topo_chance(r, 25);
		p->psec_ip = p->psec && topo_chance(r, 50);
		place_vif(t, r, p);
	}
}

static void add_containers(struct topo *t, struct topo_rng *r, int sw, uint16_t *key)
{
	int first = t->n_ports, i, j, n_children;

	for (i = 0; i < first; i++) {
		struct topo_port *parent = &t->ports[i];
		uint16_t base_tag;

		if (parent->sw != sw || parent->type != XOVN_PT_VIF || parent->parent >= 0 ||
		    !topo_chance(r, 35))
			continue;
		n_children = 1 + (int)topo_below(r, 2);
		base_tag = (uint16_t)(1 + topo_below(r, 4000));
		for (j = 0; j < n_children; j++) {
			struct topo_port *c = new_port(t, sw, (*key)++, XOVN_PT_VIF);

			c->parent = i;
			c->tag = (uint16_t)(base_tag + j);
			c->chassis = parent->chassis;
			c->ifindex = parent->ifindex;
			c->psec = topo_chance(r, 20);
		}
	}
}

static void add_localport(struct topo *t, struct topo_rng *r, int sw, uint16_t *key)
{
	struct topo_port *p;
	char ifname[16];

	if (!topo_chance(r, 60))
		return;
	p = new_port(t, sw, (*key)++, XOVN_PT_LOCALPORT);
	if (topo_chance(r, 75)) {
		p->chassis = 0;
		snprintf(ifname, sizeof(ifname), "l%s", p->name);
		p->ifindex = add_iface(t, ifname, 1000 + (uint32_t)(p - t->ports), 1);
	}
}

static void add_localnet(struct topo *t, struct topo_rng *r, int sw, uint16_t *key)
{
	struct topo_switch *s = &t->sw[sw];
	struct topo_port *p;
	char ifname[16];
	int c, n_ext, i;

	if (!topo_chance(r, 50))
		return;
	p = new_port(t, sw, (*key)++, XOVN_PT_LOCALNET);
	p->ip = 0;
	p->unknown = 1;
	p->tag = topo_chance(r, 50) ? (uint16_t)(1 + topo_below(r, 4094)) : 0;
	s->localnet = (int)(p - t->ports);
	for (c = 0; c < TOPO_N_CHASSIS; c++)
		s->ln_mapped[c] = topo_chance(r, c == 0 ? 75 : 50);
	if (s->ln_mapped[0]) {
		snprintf(ifname, sizeof(ifname), "br%d", sw);
		s->bridge_ifindex = add_iface(t, ifname, 2000 + (uint32_t)sw, 0);
		p->ifindex = s->bridge_ifindex;
		p->chassis = 0;
	}
	n_ext = (int)topo_below(r, 3);
	for (i = 0; i < n_ext; i++) {
		struct topo_port *e = new_port(t, sw, (*key)++, XOVN_PT_EXTERNAL);

		/* group g1 is led by hv1, g2 by hv2; chassis = 1 + group, or none */
		e->chassis = topo_chance(r, 20) ? TOPO_UNBOUND : (int)topo_below(r, 2);
		e->held_here = e->chassis == 0;
	}
}

static void generate_switches(struct topo *t, struct topo_rng *r)
{
	int i;

	t->n_sw = 1 + (int)topo_below(r, TOPO_MAX_SW);
	for (i = 0; i < t->n_sw; i++) {
		uint16_t key = (uint16_t)(1 + topo_below(r, 2000));

		t->sw[i].dp_key = (uint32_t)(1 + topo_below(r, 4000)) * TOPO_MAX_SW + (uint32_t)i;
		t->sw[i].localnet = -1;
		add_vifs(t, r, i, &key);
		add_containers(t, r, i, &key);
		add_localport(t, r, i, &key);
		add_localnet(t, r, i, &key);
	}
}

/* ---- the JSON model ------------------------------------------------------- */

static const char *mac_str(const uint8_t m[6], char *buf)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

static json_t *port_json(const struct topo *t, const struct topo_port *p)
{
	static const char *const types[] = { "", "localport", "localnet", "external",
					     "l2gateway", "router" };
	json_t *j = json_pack("{s:s, s:i, s:s}", "name", p->name, "tunnel_key", p->key,
			      "type", types[p->type]);
	json_t *addrs = json_array();
	char mac[18], ip[16], entry[64];

	inet_ntop(AF_INET, &p->ip, ip, sizeof(ip));
	if (p->type != XOVN_PT_LOCALNET) {
		snprintf(entry, sizeof(entry), "%s %s", mac_str(p->mac, mac), ip);
		json_array_append_new(addrs, json_string(entry));
	}
	if (p->unknown)
		json_array_append_new(addrs, json_string("unknown"));
	json_object_set_new(j, "addresses", addrs);
	if (p->psec) {
		snprintf(entry, sizeof(entry), "%s%s%s", mac_str(p->mac, mac),
			 p->psec_ip ? " " : "", p->psec_ip ? ip : "");
		json_object_set_new(j, "port_security", json_pack("[s]", entry));
	}
	if (p->parent >= 0) {
		json_object_set_new(j, "parent_name", json_string(t->ports[p->parent].name));
		json_object_set_new(j, "tag", json_integer(p->tag));
	}
	if (p->type == XOVN_PT_LOCALNET) {
		char net[16];

		snprintf(net, sizeof(net), "n%d", p->sw);
		json_object_set_new(j, "options", json_pack("{s:s}", "network_name", net));
		if (p->tag)
			json_object_set_new(j, "tag", json_integer(p->tag));
	}
	if (p->type == XOVN_PT_EXTERNAL && p->chassis != TOPO_UNBOUND)
		json_object_set_new(j, "ha_chassis_group",
				    json_string(p->chassis == 0 ? "g1" : "g2"));
	return j;
}

static json_t *switches_json(const struct topo *t)
{
	json_t *arr = json_array();
	int i, k;

	for (i = 0; i < t->n_sw; i++) {
		json_t *ports = json_array();
		char name[8];

		for (k = 0; k < t->n_ports; k++)
			if (t->ports[k].sw == i)
				json_array_append_new(ports, port_json(t, &t->ports[k]));
		snprintf(name, sizeof(name), "s%d", i);
		json_array_append_new(arr, json_pack("{s:s, s:i, s:o}", "name", name, "tunnel_key",
						     (json_int_t)t->sw[i].dp_key, "ports", ports));
	}
	return arr;
}

/* VIFs (not containers: they ride on the parent) and localport instances of chassis c. */
static json_t *vifs_json(const struct topo *t, int c)
{
	json_t *arr = json_array();
	char ifname[16];
	int k;

	for (k = 0; k < t->n_ports; k++) {
		const struct topo_port *p = &t->ports[k];

		if (p->chassis != c || p->parent >= 0 ||
		    (p->type != XOVN_PT_VIF && p->type != XOVN_PT_LOCALPORT))
			continue;
		snprintf(ifname, sizeof(ifname), "%c%s", p->type == XOVN_PT_VIF ? 'v' : 'l', p->name);
		json_array_append_new(arr, json_pack("{s:s, s:s}", "iface", ifname, "port", p->name));
	}
	return arr;
}

static json_t *chassis_json(const struct topo *t, int c)
{
	json_t *maps = json_object();
	char ip[16], net[16], br[16];
	int i;

	for (i = 0; i < t->n_sw; i++) {
		if (t->sw[i].localnet < 0 || !t->sw[i].ln_mapped[c])
			continue;
		snprintf(net, sizeof(net), "n%d", i);
		snprintf(br, sizeof(br), "br%d", i);
		json_object_set_new(maps, net, json_string(br));
	}
	inet_ntop(AF_INET, &t->encap_ip[c], ip, sizeof(ip));
	return json_pack("{s:s, s:{s:s, s:s}, s:s, s:o, s:o}", "name", chassis_names[c], "encap",
			 "type", "geneve", "ip", ip, "encap_iface", "ul0", "bridge_mappings", maps,
			 "vifs", vifs_json(t, c));
}

static char *model_json(const struct topo *t)
{
	json_t *chassis = json_array(), *model;
	char *s;
	int c;

	for (c = 0; c < TOPO_N_CHASSIS; c++)
		json_array_append_new(chassis, chassis_json(t, c));
	model = json_pack("{s:i, s:o, s:o, s:[{s:s, s:[{s:s, s:i}, {s:s, s:i}]},"
			  " {s:s, s:[{s:s, s:i}, {s:s, s:i}]}]}",
			  "version", 1, "logical_switches", switches_json(t), "chassis", chassis,
			  "ha_chassis_groups",
			  "name", "g1", "members", "chassis", "hv1", "priority", 10,
			  "chassis", "hv2", "priority", 5,
			  "name", "g2", "members", "chassis", "hv2", "priority", 10,
			  "chassis", "hv1", "priority", 5);
	cr_assert_not_null(model, "building the random model failed");
	s = json_dumps(model, JSON_COMPACT);
	json_decref(model);
	return s;
}

void topo_generate(struct topo *t, uint64_t seed)
{
	struct topo_rng r = { seed };
	int c;

	memset(t, 0, sizeof(*t));
	t->seed = seed;
	for (c = 0; c < TOPO_N_CHASSIS; c++)
		t->encap_ip[c] = htonl(0xc0000200u | (uint32_t)(c + 1));  /* 192.0.2.c+1 */
	add_iface(t, "ul0", TOPO_UNDERLAY_IF, 0);
	generate_switches(t, &r);
	t->json = model_json(t);
}

void topo_free(struct topo *t)
{
	free(t->json);
	t->json = NULL;
}

/* ---- lookups -------------------------------------------------------------- */

int topo_port_by_mac(const struct topo *t, int sw, const uint8_t mac[6])
{
	int k;

	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].sw == sw && t->ports[k].type != XOVN_PT_LOCALNET &&
		    memcmp(t->ports[k].mac, mac, 6) == 0)
			return k;
	return -1;
}

int topo_port_by_key(const struct topo *t, int sw, uint16_t key)
{
	int k;

	for (k = 0; k < t->n_ports; k++)
		if (t->ports[k].sw == sw && t->ports[k].key == key)
			return k;
	return -1;
}

int topo_sw_by_key(const struct topo *t, uint32_t dp_key)
{
	int i;

	for (i = 0; i < t->n_sw; i++)
		if (t->sw[i].dp_key == dp_key)
			return i;
	return -1;
}

int topo_ingress_port(const struct topo *t, uint32_t ifindex, uint16_t vid)
{
	int k;

	for (k = 0; k < t->n_ports; k++) {
		const struct topo_port *p = &t->ports[k];

		if (!p->ifindex || p->ifindex != ifindex)
			continue;
		if (p->parent >= 0 || p->type == XOVN_PT_LOCALNET) {
			if (p->tag == vid)
				return k;
		} else if (vid == 0) {
			return k;
		}
	}
	return -1;
}

uint32_t topo_port_ifindex(const struct topo *t, int p)
{
	return t->ports[p].ifindex;
}
