/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ctx.h - state shared by the compiler's translation units.
 *
 * Not a public API: only the files of lib/compile/ include it.  Every cross-reference
 * of the model (port -> chassis, parent -> port, group -> members) goes
 * through a name index built once per compile, so the per-port work stays
 * constant and a 100,000-port model compiles in linear time.
 */
#ifndef XOVN_COMPILE_CTX_H
#define XOVN_COMPILE_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "model/types.h"
#include "util/addr.h"
#include "util/name_index.h"
#include "xovn_maps.h"

/* ---- ingress candidates, checked for collisions before emitting ------- */

struct ingress_candidate {
	struct xovn_ingress_key key;
	struct xovn_ingress_val val;
	const char *port;  /* for the collision message */
};

struct ingress_list {
	struct ingress_candidate *v;
	size_t n, cap;
};

/* ---- the compile ------------------------------------------------------ */

/* One port name's placement seen from the chassis compiled for. */
struct compile_place {
	const char *iface;     /* its interface when attached here, else NULL */
	const char *chassis;   /* the chassis it is bound to, else NULL */
};

struct compile_ctx {
	const struct xovn_model *model;
	const char *chassis_name;
	const struct xovn_chassis *chassis; /* this chassis */
	xovn_iface_resolver resolve;
	void *resolve_arg;
	struct xovn_mapset *out;
	char *err;
	size_t errlen;

	struct name_index chassis_by_name; /* -> struct xovn_chassis */
	/*
	 * Port name -> struct xovn_lsp, for a model read without its
	 * references resolved (VIF attachments then look their port up).
	 */
	struct name_index ports_by_name;
	struct name_index groups_by_name;  /* -> struct xovn_ha_group */
	struct name_index lrps_by_name;    /* -> struct xovn_lrp */
	/*
	 * Port name -> struct compile_place: where it is attached here and
	 * which chassis it is bound to, one lookup for both.
	 */
	struct name_index places;
	struct compile_place *place_v;     /* one per binding and VIF entry */
	size_t n_places;
	/*
	 * Placements by port number (xovn_lsp.num) when the model resolved
	 * its references when read: the switch loop reads them in document
	 * order instead of probing places by name.  places then holds only
	 * the names that are no port of the model.  NULL: by name only.
	 */
	struct compile_place *place_by_port;
	int by_name;   /* set before compile_build_indexes: placements by name only (incr.c) */
	struct name_index dhcp_by_uuid;    /* dhcp_options _uuid -> struct xovn_dhcp_row */
	struct ingress_list ingress;
};

/* One switch while its ports are compiled. */
struct switch_state {
	uint32_t dp_key;
	int has_localnet;                /* the switch has a localnet port at all */
	uint16_t mapped_localnet;        /* key of the localnet port mapped here, 0 = none */
	struct xovn_flood_val flood;     /* group XOVN_MC_FLOOD */
	struct xovn_flood_val unknown;   /* group XOVN_MC_UNKNOWN */
	int has_ra;                      /* its xovn_ra entry is made */
};

/* Writes the message into ctx->err; always returns -1. */
int compile_fail(struct compile_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Adds one zero-padded entry to ctx->out, or fails with a message. */
int compile_emit(struct compile_ctx *ctx, uint32_t map, const void *key, uint16_t key_len,
		 const void *val, uint16_t val_len);

/* compile.c: this chassis' xovn_config entry; every entry of one switch */
int compile_emit_config(struct compile_ctx *ctx);
int compile_switch(struct compile_ctx *ctx, const struct xovn_ls *sw);

/* bindings.c: who lives where */
int compile_build_indexes(struct compile_ctx *ctx);
void compile_free_indexes(struct compile_ctx *ctx);
/* Encap IP (network order) of the named chassis; 0 if unknown. */
uint32_t compile_chassis_ip(const struct compile_ctx *ctx, const char *chassis);
/* Interface chassis maps network to (bridge_mappings), or NULL. */
const char *compile_bridge_iface(const struct xovn_chassis *chassis, const char *network);
/* Resolves ifname through the caller's resolver; 0 ok, -1 absent. */
int compile_resolve(const struct compile_ctx *ctx, const char *ifname, struct xovn_iface_info *info);
/* The interface port is attached by on this chassis, or NULL. */
const char *compile_local_iface(const struct compile_ctx *ctx, const struct xovn_lsp *port);
/* The chassis port is bound to (explicit binding, else its VIF attachment), or NULL. */
const char *compile_bound_chassis(const struct compile_ctx *ctx, const char *port);
/* Placement (LOCAL/REMOTE/neither) of the VIF port named port. */
void compile_place_vif(const struct compile_ctx *ctx, const char *port, struct xovn_port_val *val);
/* The same for a VIF port of the model; a container port is placed where its parent is. */
void compile_place_resident(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			    struct xovn_port_val *val);
/* Whether this chassis holds the external port (HA chassis group). */
int compile_external_held(const struct compile_ctx *ctx, const struct xovn_lsp *port);
/* The active gateway chassis of a distributed gateway port; NULL when none is alive. */
const char *compile_lrp_active_gateway(const struct compile_ctx *ctx, const struct xovn_lrp *lrp);

/* ports.c: one port -> ports, fdb, ingress candidate, flood */
int compile_switch_scan(struct compile_ctx *ctx, const struct xovn_ls *sw, struct switch_state *st);
int compile_port(struct compile_ctx *ctx, struct switch_state *st, const struct xovn_lsp *port);

/* flood.c */
void flood_init(struct switch_state *st);
int flood_add_member(struct compile_ctx *ctx, struct switch_state *st, uint16_t port_key,
		     const struct xovn_port_val *pv);
int flood_emit(struct compile_ctx *ctx, struct switch_state *st);

/* ingress.c */
int ingress_add(struct compile_ctx *ctx, const struct xovn_ingress_key *key,
		const struct xovn_ingress_val *val, const char *port);
int ingress_emit(struct compile_ctx *ctx);
void ingress_free(struct ingress_list *l);
/*
 * After ingress_emit of some switches: a key that in_force (the entries in
 * the maps) gives to a switch outside dps[0..n) is an error.
 */
int ingress_check_in_force(struct compile_ctx *ctx, const struct xovn_mapset *in_force,
			   const uint32_t *dps, size_t n);

/* result.c: res->facts.attach from the whole model; 0 ok, -1 out of memory or no chassis */
int compile_result_attach(const struct xovn_model *model, const char *chassis,
			  struct xovn_compile_result *res);

/* security.c: port_security -> xovn_psec_* */
int compile_port_security(struct compile_ctx *ctx, const struct switch_state *st,
			  const struct xovn_lsp *port);
/* The EUI-64 IPv6 link-local address of mac (fe80::/64). */
void xovn_eui64_lla(const uint8_t mac[6], uint8_t lla[16]);

/* responder.c: addresses this chassis answers ARP/ND for */
int compile_responder_port(struct compile_ctx *ctx, const struct switch_state *st,
			   const struct xovn_lsp *port);

/* dhcp.c: native DHCPv4 (xovn_dhcp) */
int compile_dhcp_index(struct compile_ctx *ctx);
/* 1 with *val filled when the port's DHCP is answered here, else 0. */
int compile_dhcp_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
		       struct xovn_dhcp_val *val);
int compile_dhcp_port(struct compile_ctx *ctx, const struct switch_state *st,
		      const struct xovn_lsp *port);
/* The port is a VIF (or container port) attached on this chassis. */
int compile_dhcp_lives_here(const struct compile_ctx *ctx, const struct xovn_lsp *port);
struct xovn_dhcp_options;
/*
 * 1 when port lives here and uuid names a DHCP_Options row of family
 * (AF_INET/AF_INET6) complete enough to answer, with *o parsed from it.
 */
int compile_dhcp_row_here(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			  const char *uuid, int family, struct xovn_dhcp_options *o);
/* Adds port's entry val to map (xovn_dhcp or xovn_dhcp6), keyed by the port. */
int compile_dhcp_emit(struct compile_ctx *ctx, const struct switch_state *st,
		      const struct xovn_lsp *port, uint32_t map, const void *val,
		      uint16_t val_len);
/* dhcp6.c: native DHCPv6 (xovn_dhcp6); 1 with *val filled when answered here. */
int compile_dhcp6_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			struct xovn_dhcp6_val *val);
int compile_dhcp6_port(struct compile_ctx *ctx, const struct switch_state *st,
		       const struct xovn_lsp *port);

/* router_lsp.c: the switch side of a router (its LSP of type router) */
/*
 * The enabled router port a switch port of type router is the peer of
 * (options:router-port), NULL when there is none in the model.
 */
const struct xovn_lrp *compile_router_peer(const struct compile_ctx *ctx,
					   const struct xovn_lsp *port);
/*
 * One "addresses" entry of port as MAC and IPs: "router" stands for the
 * peer router port's MAC and the addresses of its networks.  1 filled,
 * 0 nothing to resolve ("unknown", "dynamic", "router" without a peer),
 * -1 with a message.
 */
int compile_lsp_address(struct compile_ctx *ctx, const struct xovn_lsp *port, const char *text,
			struct xovn_lport_addr *out);
/* The router port's MAC and networks as an address (0), -1 when they do not parse. */
int compile_lrp_address(const struct xovn_lrp *lrp, struct xovn_lport_addr *out);
/*
 * The link-local address of a router port with an IPv6 network (fe80::
 * EUI-64 of its MAC, as ovn-northd gives every such port): 1 with *out
 * filled, 0 when the port has none.
 */
int compile_lrp_lla(const struct xovn_lrp *lrp, struct xovn_ip *out);
/*
 * The xovn_lsp_router value of a router-type port (also copied into its
 * xovn_fdb_v2 entries): 1 with *v filled when it enters a router here, else
 * 0 with *v zero.
 */
int compile_router_lsp_val(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			   struct xovn_lsp_router_val *v);
/* xovn_lsp_router for a router-type port with a peer. */
int compile_router_lsp(struct compile_ctx *ctx, const struct switch_state *st,
		       const struct xovn_lsp *port);

/* router.c, router_routes.c, router_neigh.c: every entry of every router (full compile) */
int compile_routers(struct compile_ctx *ctx);
int compile_router_routes(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key,
			  const struct name_index *lsp_by_lrp);
/* The xovn_rports value of lrp, attached to switch port lsp; -1 when its MAC or a network does not parse. */
int compile_rport_val(const struct xovn_lrp *lrp, const struct xovn_lsp *lsp,
		      struct xovn_rport_val *v);
/* XOVN_LR_SRC_ROUTES when r has src-ip routes, else 0 (its xovn_lsp_router flags) */
uint16_t compile_router_route_flags(const struct xovn_lr *r);
/* Switch ports of type router by the router port they name, for the routers' compile. */
int compile_router_neigh(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key,
			 const struct name_index *lsp_by_lrp);
/* Copies into each xovn_neigh_v2 entry of the sorted set s its switch's fdb value for its MAC. */
void compile_neigh_fdb(struct xovn_mapset *s);
/* Whether the router and the port are both enabled (absent means enabled). */
int compile_lrp_enabled(const struct xovn_lrp *lrp);

/* ra.c: the switch's router advertisement (xovn_ra), from its router ports */
int compile_ra_port(struct compile_ctx *ctx, struct switch_state *st,
		    const struct xovn_lsp *port);

/* gateway.c: gateway routers and distributed gateway ports */
/* Whether router r runs here: distributed, or a gateway router pinned to this chassis. */
int compile_router_here(const struct compile_ctx *ctx, const struct xovn_lr *r);
/* Whether lrp is a distributed gateway port (gateway_chassis or ha_chassis_group). */
int compile_lrp_is_gateway(const struct xovn_lrp *lrp);
/*
 * Whether lrp's router takes frames from tunnels and the physical network
 * here: a gateway router on its chassis, a gateway port on its active chassis.
 */
int compile_lrp_edge_here(const struct compile_ctx *ctx, const struct xovn_lrp *lrp);
/* The ROUTER_HERE / ROUTER_EDGE / REMOTE placement of a switch port of type router. */
void compile_gateway_place_lsp(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			       struct xovn_port_val *val);
/* Flags the paths of a route of r that leave by a gateway port (XOVN_PATH_GATEWAY). */
void compile_gateway_mark_paths(const struct xovn_lr *r, struct xovn_route_val *val);
/* xovn_gw_ports for gateway port lrp of router rtr_key, whose peer is lsp. */
int compile_gateway_port(struct compile_ctx *ctx, uint32_t rtr_key, const struct xovn_lrp *lrp,
			 const struct xovn_lsp *lsp);

/* nat.c: a router's NAT rules where its NAT runs (xovn_nat_dnat, xovn_nat_snat) */
/* XOVN_LR_NAT when some NAT rule of the router runs on this chassis, else 0. */
uint16_t compile_router_nat_flags(const struct compile_ctx *ctx, const struct xovn_lr *r);
int compile_router_nat(struct compile_ctx *ctx, const struct xovn_lr *r, uint32_t rtr_key);
/* Where rule n of r runs, seen from here; *out_lrp: r's gateway port (0: a gateway router). */
enum { COMPILE_NAT_ELSEWHERE, COMPILE_NAT_CENTRAL, COMPILE_NAT_DISTRIBUTED };
int compile_nat_where(const struct compile_ctx *ctx, const struct xovn_lr *r,
		      const struct xovn_nat *n, uint16_t *out_lrp);
/* nat_switch.c: a router LSP's ARP answers (and fdb entries) for NAT external IPs run here */
int compile_nat_port(struct compile_ctx *ctx, const struct switch_state *st, uint16_t key,
		     const struct xovn_lsp *port, const struct xovn_port_val *pv);

#endif /* XOVN_COMPILE_CTX_H */
