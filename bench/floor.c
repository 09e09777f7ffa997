// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * floor.c - loads bench/floor.bpf.c and gives its maps the entries that the
 * frames of the local unicast and routed paths (scenarios.c) hit: one
 * switch for unicast, and for the routed frame a switch, a router LSP, a
 * route (with its out port) and a neighbour (with the out port's fdb value),
 * and for the encap frame a port on another chassis and the next hop toward
 * that chassis.  The
 * keys are taken from the frames themselves; the values only need to lead
 * from one lookup to the next.
 */
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "floor.h"
#include "floor.skel.h"
#include "netns.h"
#include "scenarios.h"

enum { FL_DP_SW = 1, FL_DP_IN = 3, FL_DP_OUT = 4, FL_RTR = 100, FL_LSP = 2, FL_LRP = 2 };

#define FL_REMOTE_IP 0x0200000a  /* 10.0.0.2, network order on x86 */

static const uint8_t fl_out_mac[6] = { 0x02, 0, 0, 0, 0xfe, 0x04 };
static const uint8_t fl_nh_mac[6] = { 0x02, 0, 0, 0, 0x44, 0x01 };

static int put(struct bpf_map *m, const void *k, const void *v)
{
	if (bpf_map_update_elem(bpf_map__fd(m), k, v, BPF_ANY) == 0)
		return 0;
	fprintf(stderr, "bench: floor map %s: update failed\n", bpf_map__name(m));
	return -1;
}

/* Ingress port of ifindex into switch dp (hash and array), counted in slot. */
static int put_ingress(struct floor *s, uint32_t ifindex, uint32_t dp, uint32_t slot)
{
	struct xovn_ingress_key k = { .ifindex = ifindex };
	struct xovn_ingress_val v = { .dp_key = dp, .port_key = 1, .slot = slot };

	return put(s->maps.fl_ingress, &k, &v) || put(s->maps.fl_ingress_idx, &ifindex, &v);
}

static int put_fdb(struct floor *s, uint32_t dp, const uint8_t *mac, uint16_t port,
		   uint32_t ifindex, uint32_t slot)
{
	struct xovn_fdb_key k = { .dp_key = dp };
	struct xovn_fdb_val v = { .port_key = port,
				  .port = { .ifindex = ifindex, .slot = slot,
					    .flags = XOVN_PF_LOCAL } };

	memcpy(k.mac, mac, 6);
	return put(s->maps.fl_fdb, &k, &v);
}

/* The port of another chassis the encap frame is for, and the next hop there. */
static int put_remote(struct floor *s, const uint8_t *frame, uint32_t ifindex)
{
	struct xovn_fdb_key k = { .dp_key = FL_DP_SW };
	struct xovn_fdb_val v = { .port_key = 3,
				  .port = { .remote_ip = FL_REMOTE_IP, .slot = 5,
					    .flags = XOVN_PF_REMOTE } };
	struct xovn_remote_hop hop = { .ifindex = ifindex, .mtu = 1500 };
	uint32_t ip = FL_REMOTE_IP;

	memcpy(k.mac, frame, 6);
	memcpy(hop.dmac, fl_nh_mac, 6);
	memcpy(hop.smac, fl_out_mac, 6);
	return put(s->maps.fl_fdb, &k, &v) || put(s->maps.fl_remote_hops, &ip, &hop);
}

/* The router LSP frame is addressed to, with its router in its fdb value. */
static int put_router_lsp(struct floor *s, const uint8_t *frame)
{
	struct xovn_fdb_key k = { .dp_key = FL_DP_IN };
	struct xovn_fdb_val v = { .port_key = FL_LSP, .router = { .rtr_key = FL_RTR, .lrp_key = 1 } };

	memcpy(k.mac, frame, 6);
	return put(s->maps.fl_fdb, &k, &v);
}

/* The router hop for frame's IPv4 destination: LSP, route with out port, neighbour. */
static int put_router(struct floor *s, const uint8_t *frame, uint32_t out_ifindex)
{
	struct xovn_route_key rk = { .prefixlen = XOVN_ROUTE_FIXED_BITS + 24, .rtr_key = FL_RTR,
				     .family = XOVN_AF_IPV4 };
	struct xovn_route_val rv = { .plen = 24, .n_paths = 1, .flags = XOVN_RT_CONNECTED };
	struct xovn_neigh_key nk = { .rtr_key = FL_RTR, .family = XOVN_AF_IPV4 };
	struct xovn_neigh_fdb_val nv = {
		.ls_dp_key = FL_DP_OUT,
		.fdb = { .port_key = 5, .port = { .ifindex = out_ifindex, .slot = 4,
						  .flags = XOVN_PF_LOCAL } },
	};

	memcpy(rk.ip, frame + 30, 3);  /* the destination's /24 */
	rv.paths[0].lrp_key = FL_LRP;
	rv.paths[0].ls_port_key = 1;
	rv.paths[0].ls_dp_key = FL_DP_OUT;
	memcpy(rv.paths[0].mac, fl_out_mac, 6);
	memcpy(nk.ip, frame + 30, 4);
	memcpy(nv.mac, fl_nh_mac, 6);
	return put_router_lsp(s, frame) || put(s->maps.fl_routes, &rk, &rv) ||
	       put(s->maps.fl_neigh, &nk, &nv);
}

static const struct bs_scenario *scenario(const char *name)
{
	for (size_t i = 0; i < bs_n_scenarios; i++)
		if (!strcmp(bs_scenarios[i].name, name))
			return &bs_scenarios[i];
	return NULL;
}

/* Floor path i: program prog on the frame of scenario scen. */
static int path(struct bfl *f, const struct bd_iface *ifaces, int i, const char *name,
		struct bpf_program *prog, const char *scen)
{
	const struct bs_scenario *s = scenario(scen);
	struct bfl_path *p = &f->paths[i];

	if (!s)
		return -1;
	p->name = name;
	p->repeatable = s->repeatable;
	p->in = (struct bt_input){
		.prog_fd = bpf_program__fd(prog),
		.ingress_ifindex = bn_ifindex(ifaces, s->in_iface),
		.frame = p->frame,
		.len = s->build(p->frame),
	};
	return 0;
}

int bfl_open(struct bfl *f, const struct bd_iface *ifaces)
{
	uint32_t out = bn_ifindex(ifaces, "bv1");
	struct floor *s = floor__open_and_load();

	f->skel = s;
	if (!s) {
		fprintf(stderr, "bench: floor programs do not load\n");
		return -1;
	}
	if (path(f, ifaces, 0, "floor_unicast", s->progs.floor_unicast, "unicast") ||
	    path(f, ifaces, 1, "floor_unicast_hash", s->progs.floor_unicast_hash, "unicast") ||
	    path(f, ifaces, 2, "floor_routed", s->progs.floor_routed, "routed_unicast") ||
	    path(f, ifaces, 3, "encap_floor_full", s->progs.floor_encap, "encap"))
		return -1;
	return put_ingress(s, f->paths[0].in.ingress_ifindex, FL_DP_SW, 1) ||
	       put_fdb(s, FL_DP_SW, f->paths[0].frame, 2, out, 2) ||
	       put_ingress(s, f->paths[2].in.ingress_ifindex, FL_DP_IN, 3) ||
	       put_router(s, f->paths[2].frame, out) ||
	       put_ingress(s, f->paths[3].in.ingress_ifindex, FL_DP_SW, 1) ||
	       put_remote(s, f->paths[3].frame, out) ? -1 : 0;
}

void bfl_close(struct bfl *f)
{
	floor__destroy(f->skel);
}
