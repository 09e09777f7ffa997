// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fuzz_compile.c - libFuzzer target for the compiler on models that are
 * valid by construction.
 *
 * Random JSON bytes (fuzz_model) rarely get past the validator, so the
 * compiler's deeper paths (containers, localnet tags, l2gateway, external
 * holders, port security masks, localports on several chassis) are reached
 * here instead: the input bytes steer a generator that only builds
 * well-shaped models.  Each valid one is compiled for every chassis, with
 * interfaces present or absent as the input says, and must compile the
 * same twice (the compiler is pure) and diff against itself to nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "model/model.h"

#define N_CHASSIS 3

struct bytes {
	const uint8_t *p;
	size_t n;
};

/* Next input byte; zeros once the input runs out. */
static unsigned int take(struct bytes *b)
{
	if (!b->n)
		return 0;
	b->n--;
	return *b->p++;
}

static const char *const port_types[] = { "", "", "localport", "localnet", "external",
					   "l2gateway", "router" };

static json_t *addresses(struct bytes *b, int sw, int idx)
{
	json_t *a = json_array();
	char s[96];

	switch (take(b) % 5) {
	case 0:
		json_array_append_new(a, json_string("unknown"));
		break;
	case 1:
		json_array_append_new(a, json_string("router"));
		break;
	default:
		snprintf(s, sizeof(s), "0a:00:00:%02x:%02x:01 10.%d.%d.1 fd00::%x:%x", sw, idx, sw,
			 idx, sw, idx);
		json_array_append_new(a, json_string(s));
		if (take(b) & 1)
			json_array_append_new(a, json_string("unknown"));
	}
	return a;
}

static json_t *port_security(struct bytes *b, int sw, int idx)
{
	char s[96];

	snprintf(s, sizeof(s), "0a:00:00:%02x:%02x:01 10.%d.%d.0/%u fd00::/%u", sw, idx, sw, idx,
		 8 + take(b) % 25, 16 + take(b) % 113);
	return json_pack("[s]", s);
}

/* A switch has at most one localnet, on network n<switch>; l2gateways use network l2. */
static void type_details(struct bytes *b, json_t *port, const char *type, int sw, int idx)
{
	char s[32];

	if (!strcmp(type, "localnet") || !strcmp(type, "l2gateway")) {
		snprintf(s, sizeof(s), "n%d", sw);
		json_object_set_new(port, "options", json_pack("{s:s}", "network_name",
							       strcmp(type, "l2gateway") ? s : "l2"));
		if (!strcmp(type, "l2gateway")) {
			snprintf(s, sizeof(s), "hv%u", take(b) % N_CHASSIS);
			json_object_set_new(json_object_get(port, "options"), "l2gateway-chassis",
					    json_string(s));
		} else if (take(b) & 1) {
			json_object_set_new(port, "tag", json_integer(1 + idx * 7 % 4094));
		}
	} else if (!strcmp(type, "external") && (take(b) & 3)) {
		snprintf(s, sizeof(s), "g%u", take(b) % 2);
		json_object_set_new(port, "ha_chassis_group", json_string(s));
	}
}

/* A port; a VIF may become a container of an earlier VIF of the same switch. */
static int has_localnet(const json_t *ports)
{
	const json_t *p;
	size_t i;

	json_array_foreach(ports, i, p)
		if (!strcmp(json_string_value(json_object_get(p, "type")), "localnet"))
			return 1;
	return 0;
}

static json_t *make_port(struct bytes *b, json_t *ports, int sw, int idx)
{
	const char *type = port_types[take(b) % 7];
	json_t *port;
	char name[16];

	if (!strcmp(type, "localnet") && has_localnet(ports))
		type = "";

	snprintf(name, sizeof(name), "p%d_%d", sw, idx);
	port = json_pack("{s:s, s:s, s:i, s:o}", "name", name, "type", type, "tunnel_key",
			 idx + 1, "addresses", addresses(b, sw, idx));
	if (take(b) % 4 == 0)
		json_object_set_new(port, "port_security", port_security(b, sw, idx));
	if (!*type && idx > 0 && take(b) % 3 == 0) {
		json_t *parent = json_array_get(ports, take(b) % (unsigned)idx);

		if (!strcmp(json_string_value(json_object_get(parent, "type")), "") &&
		    !json_object_get(parent, "parent_name")) {
			json_object_set(port, "parent_name", json_object_get(parent, "name"));
			json_object_set_new(port, "tag", json_integer(1 + idx));
		}
	}
	type_details(b, port, type, sw, idx);
	return port;
}

static json_t *make_switches(struct bytes *b)
{
	json_t *sws = json_array();
	int n = 1 + (int)(take(b) % 4), i, k, n_ports;

	for (i = 0; i < n; i++) {
		json_t *ports = json_array();
		char name[8];

		n_ports = (int)(take(b) % 9);
		for (k = 0; k < n_ports; k++)
			json_array_append_new(ports, make_port(b, ports, i, k));
		snprintf(name, sizeof(name), "s%d", i);
		json_array_append_new(sws, json_pack("{s:s, s:i, s:o}", "name", name, "tunnel_key",
						     1 + i * 1000 + (int)take(b), "ports", ports));
	}
	return sws;
}

/* VIFs are attached on at most one chassis; localports on any number. */
static void attach_ports(struct bytes *b, json_t *sws, json_t *vifs[N_CHASSIS])
{
	json_t *sw, *port;
	size_t i, k;
	char ifname[16];

	json_array_foreach(sws, i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), k, port) {
			const char *type = json_string_value(json_object_get(port, "type"));
			unsigned int c = take(b);
			int ch;

			if (json_object_get(port, "parent_name") ||
			    (strcmp(type, "") && strcmp(type, "localport")))
				continue;
			for (ch = 0; ch < N_CHASSIS; ch++) {
				if (!(c & (1u << ch)))
					continue;
				snprintf(ifname, sizeof(ifname), "t%zu_%zu", i, k);
				json_array_append_new(vifs[ch], json_pack("{s:s, s:O}", "iface", ifname,
									  "port", json_object_get(port, "name")));
				if (!strcmp(type, ""))
					break;
			}
		}
	}
}

static json_t *make_model(struct bytes *b)
{
	json_t *sws = make_switches(b), *chassis = json_array(), *vifs[N_CHASSIS];
	int ch;

	for (ch = 0; ch < N_CHASSIS; ch++)
		vifs[ch] = json_array();
	attach_ports(b, sws, vifs);
	for (ch = 0; ch < N_CHASSIS; ch++) {
		json_t *maps = json_pack("{s:s}", "l2", "brl2");
		char name[8], ip[16], net[8], br[8];
		unsigned int m = take(b);
		int i;

		/* Each switch's network mapped or not, to this or that bridge. */
		for (i = 0; i < 4; i++) {
			if (!(m & (1u << i)))
				continue;
			snprintf(net, sizeof(net), "n%d", i);
			snprintf(br, sizeof(br), "br%u", (m >> 4) & 1 ? 0 : i);
			json_object_set_new(maps, net, json_string(br));
		}
		snprintf(name, sizeof(name), "hv%d", ch);
		snprintf(ip, sizeof(ip), "192.0.2.%d", ch + 1);
		json_array_append_new(chassis, json_pack(
			"{s:s, s:{s:s, s:s}, s:s, s:s, s:o, s:o}", "name", name, "encap",
			"type", "geneve", "ip", ip, "encap_iface", "ul0", "state",
			(m & 0x20) ? "down" : "up", "bridge_mappings", maps, "vifs", vifs[ch]));
	}
	return json_pack("{s:i, s:o, s:o, s:[{s:s, s:[{s:s, s:i}, {s:s, s:i}]}, {s:s, s:[]}]}",
			 "version", 1, "logical_switches", sws, "chassis", chassis,
			 "ha_chassis_groups", "name", "g0", "members", "chassis", "hv0", "priority",
			 (int)take(b) % 3, "chassis", "hv1", "priority", (int)take(b) % 3, "name", "g1",
			 "members");
}

/* Interfaces exist or not by a mask from the input, stable per name. */
static int resolver(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	unsigned int mask = *(const unsigned int *)arg, h = 5381;
	const char *p;

	for (p = ifname; *p; p++)
		h = h * 33 + (unsigned char)*p;
	if (!(mask & (1u << (h % 8))))
		return -1;
	info->ifindex = 10 + h % 50000;
	info->mtu = 1500;
	info->is_veth = h & 1;
	return 0;
}

static void compile_chassis(const struct xovn_model *model, const char *chassis, unsigned int mask)
{
	struct xovn_mapset a, b, up, del;
	char err[256];
	int ra, rb;

	xovn_mapset_init(&a);
	xovn_mapset_init(&b);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	ra = xovn_compile(model, chassis, resolver, &mask, &a, err, sizeof(err));
	rb = xovn_compile(model, chassis, resolver, &mask, &b, err, sizeof(err));
	if (ra != rb || a.n != b.n)
		abort();  /* the same model compiled twice differently */
	if (ra == 0) {
		if (xovn_mapset_diff(&a, &b, &up, &del) != 0 || up.n || del.n)
			abort();  /* a set is not equal to itself */
	}
	xovn_mapset_free(&a);
	xovn_mapset_free(&b);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	unsigned int mask = take(&b) | 0x01;
	struct xovn_errors errs;
	json_t *model = make_model(&b);
	int ch;

	if (!model)
		abort();  /* the generator built a malformed pack */
	xovn_errors_init(&errs);
	if (xovn_model_validate(model, &errs) == 0) {
		struct xovn_model *typed = xovn_model_read(model);

		if (!typed)
			abort();
		for (ch = 0; ch < N_CHASSIS; ch++) {
			char name[8];

			snprintf(name, sizeof(name), "hv%d", ch);
			compile_chassis(typed, name, mask);
		}
		xovn_model_free(typed);
	}
	xovn_errors_free(&errs);
	json_decref(model);
	return 0;
}
