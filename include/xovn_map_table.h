/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * xovn_map_table.h - every BPF map of the datapath, described once.
 *
 * One row per map.  The BPF side defines its maps from these rows
 * (bpf/lib/maps.h); userspace takes from them the map ids, pinned names,
 * shapes and where an entry keeps its datapath key and counter slot
 * (lib/dataplane/map_desc.c), and the loader the skeleton's maps in id
 * order (lib/dataplane/skel_maps.h).  A new map is its key/value layouts
 * in xovn_maps.h plus one row here.
 *
 *   X(ID, name, TYPE, KEY, VALUE, MAX_ENTRIES, FLAGS, DP, SLOT)
 *
 *   ID      enum xovn_map_id is XOVN_MAP_<ID>
 *   name    BTF and pinned name (a skeleton member: skel->maps.<name>)
 *   TYPE    BPF_MAP_TYPE_<TYPE>
 *   FLAGS   map_flags
 *   DP      where an entry keeps the datapath (switch) key it belongs to:
 *             NONE         belongs to no switch (part of every switch's part)
 *             KEY          the key is the datapath key
 *             KEY_FIELD    the key's dp_key member
 *             VALUE_FIELD  the value's dp_key member
 *             KEY_ROUTER   the key's rtr_key member: a router's entries,
 *                          in the same key space as switches, so a
 *                          switch's part never holds them
 *   SLOT    what the value holds of a port's counter slot (xovn_port_stats):
 *             NONE         nothing
 *             OWN          the slot of the port (DP, key.port_key), given here
 *             COPY         value.slot: the slot of port (DP, value.port_key)
 *             COPY_PORT    value.port.slot: the same, for an embedded port value
 *             COPY_OUT     value.fdb.port.slot: the slot of port
 *                          (value.ls_dp_key, value.fdb.port_key), a switch's
 *                          port in an entry that belongs to a router
 *             MEMBERS      value.local[i].slot: the slot of port
 *                          (DP, value.local[i].port_key), i < value.n_local
 *
 * Row order is id order.  The maps the compiler writes come first, in the
 * order their upserts are applied (deletes run in reverse), so a frame
 * never finds a reference to an entry that is not there yet: address
 * tables a port's flags point into come before the ports, ports before
 * the flood groups, fdb and ingress entries that lead to them.  The maps
 * only the datapath writes (counters, trace records) follow.
 *
 * Changing the shape of a pinned map means renaming it (see xovn_maps.h).
 */
#ifndef XOVN_MAP_TABLE_H
#define XOVN_MAP_TABLE_H

#include <linux/bpf.h>
#include "xovn_maps.h"

/* Allowed IP sources/destinations per port-security map (all ports together). */
#define XOVN_MAX_PSEC_IPS      65536

#define XOVN_MAPS_COMPILED(X)						\
	X(CONFIG, xovn_config, ARRAY, __u32, struct xovn_config,	\
	  1, 0, NONE, NONE)						\
	X(DATAPATHS, xovn_datapaths, HASH, __u32, struct xovn_dp_val,	\
	  XOVN_MAX_DATAPATHS, BPF_F_NO_PREALLOC, KEY, NONE)		\
	X(PSEC_MAC, xovn_psec_mac, HASH,				\
	  struct xovn_psec_mac_key, struct xovn_psec_mac_val,		\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)		\
	X(PSEC_IN4, xovn_psec_in4, LPM_TRIE,				\
	  struct xovn_psec_ip4_key, __u32,				\
	  XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PSEC_OUT4, xovn_psec_out4, LPM_TRIE,				\
	  struct xovn_psec_ip4_key, __u32,				\
	  XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PSEC_IN6, xovn_psec_in6, LPM_TRIE,				\
	  struct xovn_psec_ip6_key, __u32,				\
	  XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PSEC_OUT6, xovn_psec_out6, LPM_TRIE,				\
	  struct xovn_psec_ip6_key, __u32,				\
	  XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PSEC_HOST4, xovn_psec_host4, HASH,				\
	  struct xovn_psec_host4_key, __u32,				\
	  2 * XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PSEC_HOST6, xovn_psec_host6, HASH,				\
	  struct xovn_psec_host6_key, __u32,				\
	  2 * XOVN_MAX_PSEC_IPS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(ARP_RESP, xovn_arp_resp, HASH,				\
	  struct xovn_arp_resp_key, struct xovn_resp_val,		\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)		\
	X(ND_RESP, xovn_nd_resp, HASH,					\
	  struct xovn_nd_resp_key, struct xovn_resp_val,		\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)		\
	/* before the ingress flag that points to it */			\
	X(DHCP, xovn_dhcp, HASH,					\
	  struct xovn_port_key, struct xovn_dhcp_val,			\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)		\
	X(DHCP6, xovn_dhcp6, HASH,					\
	  struct xovn_port_key, struct xovn_dhcp6_val,			\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)		\
	/* Routers: ports before the routes that name them, and		\
	 * everything a router reads before the LSP entry that lets	\
	 * frames into it. */						\
	X(RPORTS, xovn_rports, HASH,					\
	  struct xovn_rport_key, struct xovn_rport_val,			\
	  XOVN_MAX_ROUTER_PORTS, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)	\
	X(ROUTES, xovn_routes_v2, LPM_TRIE,				\
	  struct xovn_route_key, struct xovn_route_val,			\
	  XOVN_MAX_ROUTES, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)		\
	X(SRC_ROUTES, xovn_src_routes_v2, LPM_TRIE,			\
	  struct xovn_route_key, struct xovn_route_val,			\
	  XOVN_MAX_ROUTES, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)		\
	X(NEIGH, xovn_neigh_v2, HASH,					\
	  struct xovn_neigh_key, struct xovn_neigh_fdb_val,		\
	  XOVN_MAX_NEIGH, BPF_F_NO_PREALLOC, KEY_ROUTER, COPY_OUT)	\
	/* NAT rules before the LSP entries that flag the router */	\
	X(NAT_DNAT, xovn_nat_dnat, HASH,				\
	  struct xovn_nat_ip_key, struct xovn_nat_dnat_val,		\
	  XOVN_MAX_NAT_RULES, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)	\
	X(NAT_SNAT, xovn_nat_snat, LPM_TRIE,				\
	  struct xovn_nat_snat_key, struct xovn_nat_snat_val,		\
	  XOVN_MAX_NAT_RULES, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)	\
	X(LSP_ROUTER, xovn_lsp_router, HASH,				\
	  struct xovn_port_key, struct xovn_lsp_router_val,		\
	  XOVN_MAX_ROUTER_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, NONE)	\
	X(PORTS, xovn_ports, HASH,					\
	  struct xovn_port_key, struct xovn_port_val,			\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, OWN)		\
	X(FLOOD, xovn_flood, HASH,					\
	  struct xovn_flood_key, struct xovn_flood_val,			\
	  2 * XOVN_MAX_DATAPATHS, BPF_F_NO_PREALLOC, KEY_FIELD, MEMBERS) \
	X(FDB, xovn_fdb_v2, HASH,					\
	  struct xovn_fdb_key, struct xovn_fdb_val,			\
	  XOVN_MAX_PORTS, BPF_F_NO_PREALLOC, KEY_FIELD, COPY_PORT)	\
	X(INGRESS, xovn_ingress, HASH,					\
	  struct xovn_ingress_key, struct xovn_ingress_val,		\
	  XOVN_MAX_INGRESS, BPF_F_NO_PREALLOC, VALUE_FIELD, COPY)	\
	/* read only for router solicitations: nothing points to it */	\
	X(RA, xovn_ra, HASH, __u32, struct xovn_ra_val,			\
	  XOVN_MAX_DATAPATHS, BPF_F_NO_PREALLOC, KEY, NONE)		\
	/* distributed gateway ports: active here, or where */		\
	X(GW_PORTS, xovn_gw_ports, HASH,				\
	  struct xovn_rport_key, struct xovn_gw_port_val,		\
	  XOVN_MAX_ROUTER_PORTS, BPF_F_NO_PREALLOC, KEY_ROUTER, NONE)	\
	/* untagged ingress by ifindex: xovn_ingress's VID-0 entries */	\
	X(INGRESS_IDX, xovn_ingress_idx, ARRAY, __u32,			\
	  struct xovn_ingress_val, XOVN_MAX_INGRESS_IFINDEX, 0,	\
	  VALUE_FIELD, COPY)

#define XOVN_MAPS_DATAPATH(X)						\
	X(DROPS, xovn_drops, PERCPU_ARRAY, __u32, struct xovn_drop_count, \
	  XOVN_DROP__COUNT, 0, NONE, NONE)				\
	X(PORT_STATS, xovn_port_stats, PERCPU_ARRAY,			\
	  __u32, struct xovn_port_stats,				\
	  XOVN_MAX_STAT_SLOTS, 0, NONE, NONE)				\
	X(TRACE, xovn_trace, PERCPU_ARRAY, __u32, struct xovn_trace,	\
	  1, 0, NONE, NONE)						\
	/* OVN's MAC_Binding: neighbours the routers learn themselves */ \
	X(MAC_BINDING, xovn_mac_binding, LRU_HASH,			\
	  struct xovn_neigh_key, struct xovn_neigh_val,			\
	  XOVN_MAX_MAC_BINDINGS, 0, KEY_ROUTER, NONE)			\
	/* NAT connections: preallocated, a full table refuses inserts */ \
	X(NAT_CT, xovn_nat_ct, HASH,					\
	  struct xovn_nat_ct_key, struct xovn_nat_ct_val,		\
	  XOVN_MAX_NAT_CONNS, 0, KEY_ROUTER, NONE)			\
	/* next hops toward remote chassis: xovnd, from the kernel */	\
	X(REMOTE_HOPS, xovn_remote_hops, HASH, __u32,			\
	  struct xovn_remote_hop, XOVN_MAX_REMOTE_HOPS, 0, NONE, NONE)

#define XOVN_MAPS(X) XOVN_MAPS_COMPILED(X) XOVN_MAPS_DATAPATH(X)

#define XOVN_MAP_ID_(ID, ...) XOVN_MAP_##ID,

/*
 * XOVN_MAP__COUNT counts the maps the compiler writes (a mapset's maps),
 * XOVN_MAP__ALL every map of the object; __LAST_COMPILED only makes the
 * datapath's maps continue the numbering after __COUNT.
 */
enum xovn_map_id {
	XOVN_MAPS_COMPILED(XOVN_MAP_ID_)
	XOVN_MAP__COUNT,
	XOVN_MAP__LAST_COMPILED = XOVN_MAP__COUNT - 1,
	XOVN_MAPS_DATAPATH(XOVN_MAP_ID_)
	XOVN_MAP__ALL
};

#endif /* XOVN_MAP_TABLE_H */
