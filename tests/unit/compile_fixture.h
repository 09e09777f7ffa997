/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * compile_fixture.h - shared helpers of the compiler's unit tests:
 * models written with single quotes, a resolver over a table of made-up
 * interfaces, and typed lookups into a compiled set.
 */
#ifndef XOVN_TEST_COMPILE_FIXTURE_H
#define XOVN_TEST_COMPILE_FIXTURE_H

#include <jansson.h>
#include <stdint.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "xovn_maps.h"

/* One interface the fake host has; tables end with a NULL name. */
struct fake_iface {
	const char *name;
	uint32_t ifindex;
	uint32_t mtu;
	int is_veth;
};

/* Interfaces every test host has unless it passes its own table. */
extern const struct fake_iface fake_host[];

/* Resolver over a struct fake_iface table given as arg. */
int fake_resolve(const char *ifname, struct xovn_iface_info *info, void *arg);

/* Every interface exists; its ifindex is a hash of its name (stable, rarely colliding). */
int hashed_iface(const char *ifname, struct xovn_iface_info *info, void *arg);

/*
 * The chassis list of the DHCP models: a, b and c bound on hv1, d on hv2.
 * Ends inside the top-level object so the model closes it.
 */
#define DHCP_FIXTURE_CHASSIS \
	" 'chassis':[" \
	" {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'}," \
	"  'vifs':[{'iface':'tap-a','port':'a'},{'iface':'tap-b','port':'b'}," \
	"   {'iface':'tap-meta','port':'c'}]}," \
	" {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.2'}," \
	"  'vifs':[{'iface':'tap-c','port':'d'}]}]"

/* Parses JSON written with ' for " (readable in C); fails the test if bad. */
json_t *model_from(const char *text);

/* xovn_compile() of the typed model read from doc, as xovnd compiles a document. */
int compile_doc(const json_t *doc, const char *chassis, xovn_iface_resolver resolve, void *arg,
		struct xovn_mapset *out, char *err, size_t errlen);
/* xovn_compile_attachments() of the typed model read from doc. */
int attachments_doc(const json_t *doc, const char *chassis, struct xovn_attach **out, size_t *n);

/* Compiles for chassis with the given host; fails the test on error. */
void compile_ok(const json_t *model, const char *chassis, const struct fake_iface *host,
		struct xovn_mapset *out);
/* compile_ok() of the model text (see model_from). */
void compile_text_ok(const char *text, const char *chassis, const struct fake_iface *host,
		     struct xovn_mapset *out);
/* Compiles expecting failure; returns the message (static buffer). */
const char *compile_err(const json_t *model, const char *chassis, const struct fake_iface *host);

/* Lookups into a compiled (sorted) set; NULL when the entry is absent. */
const struct xovn_config *find_config(const struct xovn_mapset *s);
const struct xovn_dp_val *find_dp(const struct xovn_mapset *s, uint32_t dp);
/* The value of (dp, port) in a map keyed by struct xovn_port_key, val_len bytes long. */
const void *find_port_val(const struct xovn_mapset *s, uint32_t map, uint32_t dp, uint16_t port,
			  uint16_t val_len);
const struct xovn_port_val *find_port(const struct xovn_mapset *s, uint32_t dp, uint16_t port);
const struct xovn_ingress_val *find_ingress(const struct xovn_mapset *s, uint32_t ifindex,
					    uint16_t vid);
const struct xovn_fdb_val *find_fdb(const struct xovn_mapset *s, uint32_t dp, const char *mac);
const struct xovn_flood_val *find_flood(const struct xovn_mapset *s, uint32_t dp, uint16_t group);
const struct xovn_dhcp_val *find_dhcp(const struct xovn_mapset *s, uint32_t dp, uint16_t port);
const struct xovn_dhcp6_val *find_dhcp6(const struct xovn_mapset *s, uint32_t dp, uint16_t port);
size_t count_map(const struct xovn_mapset *s, uint32_t map);

/* "10.0.0.1" in network order. */
uint32_t ip4(const char *text);

/* ---- router entries (NULL when absent) ---- */
/* Fills a 16-byte address and returns its XOVN_AF_* family. */
uint32_t addr_of(const char *text, uint8_t ip[16]);
const struct xovn_lsp_router_val *find_lsp_router(const struct xovn_mapset *s, uint32_t dp,
						  uint16_t port);
const struct xovn_rport_val *find_rport(const struct xovn_mapset *s, uint32_t rtr, uint16_t lrp);
const struct xovn_route_val *find_route(const struct xovn_mapset *s, uint32_t map, uint32_t rtr,
					const char *prefix, unsigned plen);
const struct xovn_neigh_fdb_val *find_neigh(const struct xovn_mapset *s, uint32_t rtr,
					const char *ip);
const struct xovn_gw_port_val *find_gw_port(const struct xovn_mapset *s, uint32_t rtr,
					    uint16_t lrp);

#endif /* XOVN_TEST_COMPILE_FIXTURE_H */
