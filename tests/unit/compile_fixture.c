// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compile_fixture.c - helpers shared by the compiler's unit tests.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "compile_fixture.h"

const struct fake_iface fake_host[] = {
	{ "eth-under", 2, 9000, 0 },
	{ "tap-a", 11, 1500, 1 },
	{ "tap-b", 12, 1500, 1 },
	{ "tap-c", 13, 1500, 0 },
	{ "tap-meta", 14, 1500, 1 },
	{ "br-phys", 20, 1500, 0 },
	{ "br-other", 21, 1500, 0 },
	{ "nic-gw", 30, 1500, 0 },
	{ NULL, 0, 0, 0 },
};

int fake_resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	const struct fake_iface *t = arg;

	for (; t && t->name; t++) {
		if (strcmp(t->name, ifname) == 0) {
			info->ifindex = t->ifindex;
			info->mtu = t->mtu;
			info->is_veth = t->is_veth;
			return 0;
		}
	}
	return -1;
}

json_t *model_from(const char *text)
{
	char *doubled = strdup(text);
	json_error_t jerr;
	json_t *model;

	cr_assert_not_null(doubled);
	for (char *p = doubled; *p; p++) {
		if (*p == '\'')
			*p = '"';
	}
	model = json_loads(doubled, 0, &jerr);
	free(doubled);
	cr_assert_not_null(model, "test model does not parse: line %d: %s", jerr.line, jerr.text);
	return model;
}

int compile_doc(const json_t *doc, const char *chassis, xovn_iface_resolver resolve, void *arg,
		struct xovn_mapset *out, char *err, size_t errlen)
{
	struct xovn_model *m = xovn_model_read(doc);
	int rc;

	cr_assert_not_null(m, "out of memory reading the model");
	rc = xovn_compile(m, chassis, resolve, arg, out, err, errlen);
	xovn_model_free(m);
	return rc;
}

int attachments_doc(const json_t *doc, const char *chassis, struct xovn_attach **out, size_t *n)
{
	struct xovn_model *m = xovn_model_read(doc);
	int rc;

	cr_assert_not_null(m, "out of memory reading the model");
	rc = xovn_compile_attachments(m, chassis, out, n);
	xovn_model_free(m);
	return rc;
}

void compile_ok(const json_t *model, const char *chassis, const struct fake_iface *host,
		struct xovn_mapset *out)
{
	struct xovn_errors errs;
	char err[256];
	int rc;

	/* xovnd compiles only validated models: the tests' models must be valid too. */
	xovn_errors_init(&errs);
	if (xovn_model_validate(model, &errs) != 0) {
		xovn_errors_print(&errs, "invalid test model: ", stderr);
		cr_assert_fail("test model for %s does not validate: %s: %s", chassis,
			       errs.v[0].path, errs.v[0].msg);
	}
	xovn_errors_free(&errs);
	xovn_mapset_init(out);
	rc = compile_doc(model, chassis, fake_resolve, (void *)host, out, err, sizeof(err));
	cr_assert_eq(rc, 0, "compile for %s failed: %s", chassis, err);
	cr_assert(out->sorted, "compiled set must come out sorted");
}

void compile_text_ok(const char *text, const char *chassis, const struct fake_iface *host,
		     struct xovn_mapset *out)
{
	json_t *m = model_from(text);

	compile_ok(m, chassis, host, out);
	json_decref(m);
}

const char *compile_err(const json_t *model, const char *chassis, const struct fake_iface *host)
{
	static char err[256];
	struct xovn_mapset out;
	int rc;

	xovn_mapset_init(&out);
	rc = compile_doc(model, chassis, fake_resolve, (void *)host, &out, err, sizeof(err));
	cr_assert_eq(rc, -1, "compile for %s should have failed", chassis);
	cr_assert_eq(out.n, 0, "a failed compile must leave the set empty");
	cr_assert_neq(err[0], '\0', "a failed compile must say why");
	xovn_mapset_free(&out);
	return err;
}

static const void *find_val(const struct xovn_mapset *s, uint32_t map, const void *key,
			    uint16_t key_len, uint16_t val_len)
{
	const struct xovn_map_entry *e = xovn_mapset_find(s, map, key, key_len);

	if (!e)
		return NULL;
	cr_assert_eq(e->val_len, val_len, "%s value has %u bytes, want %u",
		     xovn_map_names[map], e->val_len, val_len);
	return e->val;
}

const struct xovn_config *find_config(const struct xovn_mapset *s)
{
	uint32_t key = 0;

	return find_val(s, XOVN_MAP_CONFIG, &key, sizeof(key), sizeof(struct xovn_config));
}

const struct xovn_dp_val *find_dp(const struct xovn_mapset *s, uint32_t dp)
{
	return find_val(s, XOVN_MAP_DATAPATHS, &dp, sizeof(dp), sizeof(struct xovn_dp_val));
}

const void *find_port_val(const struct xovn_mapset *s, uint32_t map, uint32_t dp, uint16_t port,
			  uint16_t val_len)
{
	struct xovn_port_key k = { .dp_key = dp, .port_key = port };

	return find_val(s, map, &k, sizeof(k), val_len);
}

const struct xovn_port_val *find_port(const struct xovn_mapset *s, uint32_t dp, uint16_t port)
{
	return find_port_val(s, XOVN_MAP_PORTS, dp, port, sizeof(struct xovn_port_val));
}

const struct xovn_ingress_val *find_ingress(const struct xovn_mapset *s, uint32_t ifindex,
					    uint16_t vid)
{
	struct xovn_ingress_key k = { .ifindex = ifindex, .vid = vid };

	return find_val(s, XOVN_MAP_INGRESS, &k, sizeof(k), sizeof(struct xovn_ingress_val));
}

const struct xovn_fdb_val *find_fdb(const struct xovn_mapset *s, uint32_t dp, const char *mac)
{
	struct xovn_fdb_key k;
	unsigned int b[6];

	cr_assert_eq(sscanf(mac, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]), 6);
	memset(&k, 0, sizeof(k));
	k.dp_key = dp;
	for (int i = 0; i < 6; i++)
		k.mac[i] = (uint8_t)b[i];
	return find_val(s, XOVN_MAP_FDB, &k, sizeof(k), sizeof(struct xovn_fdb_val));
}

const struct xovn_flood_val *find_flood(const struct xovn_mapset *s, uint32_t dp, uint16_t group)
{
	struct xovn_flood_key k = { .dp_key = dp, .group = group };

	return find_val(s, XOVN_MAP_FLOOD, &k, sizeof(k), sizeof(struct xovn_flood_val));
}

size_t count_map(const struct xovn_mapset *s, uint32_t map)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].map == map;
	return n;
}

uint32_t ip4(const char *text)
{
	struct in_addr a;

	cr_assert_eq(inet_pton(AF_INET, text, &a), 1, "bad test address %s", text);
	return a.s_addr;
}

int hashed_iface(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	uint32_t h = 2166136261u;

	(void)arg;
	for (const char *p = ifname; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	info->ifindex = 100 + h % 100000;
	info->mtu = 1500;
	info->is_veth = 1;
	return 0;
}

const struct xovn_dhcp_val *find_dhcp(const struct xovn_mapset *s, uint32_t dp, uint16_t port)
{
	return find_port_val(s, XOVN_MAP_DHCP, dp, port, sizeof(struct xovn_dhcp_val));
}

const struct xovn_dhcp6_val *find_dhcp6(const struct xovn_mapset *s, uint32_t dp, uint16_t port)
{
	return find_port_val(s, XOVN_MAP_DHCP6, dp, port, sizeof(struct xovn_dhcp6_val));
}

/* ---- router entries ---------------------------------------------------------- */

/* Fills a 16-byte address and returns its XOVN_AF_* family. */
uint32_t addr_of(const char *text, uint8_t ip[16])
{
	memset(ip, 0, 16);
	if (strchr(text, ':')) {
		cr_assert_eq(inet_pton(AF_INET6, text, ip), 1);
		return XOVN_AF_IPV6;
	}
	cr_assert_eq(inet_pton(AF_INET, text, ip), 1);
	return XOVN_AF_IPV4;
}

/* The value of the entry of map with key, NULL when there is none. */
static const void *find_entry(const struct xovn_mapset *s, uint32_t map, const void *key,
			      size_t len)
{
	const struct xovn_map_entry *e = xovn_mapset_find(s, map, key, (uint16_t)len);

	return e ? e->val : NULL;
}

const struct xovn_lsp_router_val *find_lsp_router(const struct xovn_mapset *s,
							 uint32_t dp, uint16_t port)
{
	struct xovn_port_key k = { .dp_key = dp, .port_key = port };

	return find_entry(s, XOVN_MAP_LSP_ROUTER, &k, sizeof(k));
}

const struct xovn_rport_val *find_rport(const struct xovn_mapset *s, uint32_t rtr,
					       uint16_t lrp)
{
	struct xovn_rport_key k = { .rtr_key = rtr, .lrp_key = lrp };

	return find_entry(s, XOVN_MAP_RPORTS, &k, sizeof(k));
}

const struct xovn_route_val *find_route(const struct xovn_mapset *s, uint32_t map,
					       uint32_t rtr, const char *prefix, unsigned plen)
{
	struct xovn_route_key k = { .rtr_key = rtr };

	k.family = addr_of(prefix, k.ip);
	k.prefixlen = XOVN_ROUTE_FIXED_BITS + plen;
	return find_entry(s, map, &k, sizeof(k));
}

const struct xovn_neigh_fdb_val *find_neigh(const struct xovn_mapset *s, uint32_t rtr,
					       const char *ip)
{
	struct xovn_neigh_key k = { .rtr_key = rtr };

	k.family = addr_of(ip, k.ip);
	return find_entry(s, XOVN_MAP_NEIGH, &k, sizeof(k));
}

const struct xovn_gw_port_val *find_gw_port(const struct xovn_mapset *s, uint32_t rtr,
					    uint16_t lrp)
{
	struct xovn_rport_key k = { .rtr_key = rtr, .lrp_key = lrp };

	return find_entry(s, XOVN_MAP_GW_PORTS, &k, sizeof(k));
}
