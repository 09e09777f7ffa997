/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * maps.h - BTF definitions of every map the datapath reads or writes.
 * Layouts come from include/xovn_maps.h; pinned by name under the chassis'
 * pin directory so that xovnd restarts and xovnctl find the same maps.
 */
#ifndef XOVN_BPF_MAPS_H
#define XOVN_BPF_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "xovn_maps.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_INGRESS);
	__type(key, struct xovn_ingress_key);
	__type(value, struct xovn_ingress_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_ingress SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_port_key);
	__type(value, struct xovn_port_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_fdb_key);
	__type(value, struct xovn_fdb_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_fdb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_DATAPATHS);
	__type(key, __u32);
	__type(value, struct xovn_dp_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_datapaths SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2 * XOVN_MAX_DATAPATHS);
	__type(key, struct xovn_flood_key);
	__type(value, struct xovn_flood_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_flood SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xovn_config);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XOVN_DROP__COUNT);
	__type(key, __u32);
	__type(value, struct xovn_drop_count);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XOVN_MAX_STAT_SLOTS);
	__type(key, __u32);
	__type(value, struct xovn_port_stats);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_port_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xovn_trace);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_trace SEC(".maps");

/* ---- port security and the ARP/ND responder ---------------------------- */

#define XOVN_MAX_PSEC_IPS 65536

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_psec_mac_key);
	__type(value, struct xovn_psec_mac_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_psec_mac SEC(".maps");

/* LPM tries must not be preallocated. */
#define XOVN_PSEC_LPM(name, keytype)					\
	struct {							\
		__uint(type, BPF_MAP_TYPE_LPM_TRIE);			\
		__uint(max_entries, XOVN_MAX_PSEC_IPS);			\
		__type(key, keytype);					\
		__type(value, __u32);					\
		__uint(map_flags, BPF_F_NO_PREALLOC);			\
		__uint(pinning, LIBBPF_PIN_BY_NAME);			\
	} name SEC(".maps")

XOVN_PSEC_LPM(xovn_psec_in4, struct xovn_psec_ip4_key);
XOVN_PSEC_LPM(xovn_psec_out4, struct xovn_psec_ip4_key);
XOVN_PSEC_LPM(xovn_psec_in6, struct xovn_psec_ip6_key);
XOVN_PSEC_LPM(xovn_psec_out6, struct xovn_psec_ip6_key);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_arp_resp_key);
	__type(value, struct xovn_resp_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_arp_resp SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_nd_resp_key);
	__type(value, struct xovn_resp_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_nd_resp SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_PORTS);
	__type(key, struct xovn_port_key);
	__type(value, struct xovn_dhcp_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_dhcp SEC(".maps");

/* ---- logical routers ------------------------------------------------------ */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_ROUTER_PORTS);
	__type(key, struct xovn_port_key);
	__type(value, struct xovn_lsp_router_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_lsp_router SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_ROUTER_PORTS);
	__type(key, struct xovn_rport_key);
	__type(value, struct xovn_rport_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_rports SEC(".maps");

#define XOVN_ROUTE_LPM(name)						\
	struct {							\
		__uint(type, BPF_MAP_TYPE_LPM_TRIE);			\
		__uint(max_entries, XOVN_MAX_ROUTES);			\
		__type(key, struct xovn_route_key);			\
		__type(value, struct xovn_route_val);			\
		__uint(map_flags, BPF_F_NO_PREALLOC);			\
		__uint(pinning, LIBBPF_PIN_BY_NAME);			\
	} name SEC(".maps")

XOVN_ROUTE_LPM(xovn_routes);
XOVN_ROUTE_LPM(xovn_src_routes);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_NEIGH);
	__type(key, struct xovn_neigh_key);
	__type(value, struct xovn_neigh_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_neigh SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XOVN_MAX_MAC_BINDINGS);
	__type(key, struct xovn_neigh_key);
	__type(value, struct xovn_neigh_val);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} xovn_mac_binding SEC(".maps");

#endif /* XOVN_BPF_MAPS_H */
