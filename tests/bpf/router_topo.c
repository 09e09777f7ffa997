// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* router_topo.c - switches from the model, routers written as a router compiler would. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dataplane/map_apply.h"
#include "frame/frame.h"
#include "router_topo.h"
#include "xovn.skel.h"

#define LSP(name, key, rest) "{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"
#define RTR(mac_ips) ",\"type\":\"router\"" ADDR(mac_ips)
#define SWITCH(name, key, ports) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"ports\":[" ports "]}"
#define VIF(iface, port) "{\"iface\":\"" iface "\",\"port\":\"" port "\"}"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	SWITCH("ls1", 1, LSP("vm1", 1, ADDR(RT_VM1_MAC " 10.0.1.1 fd01::1")) ","
			 LSP("rp1", 9, RTR(RT_R1_LS1 " 10.0.1.254 fd01::fe"))) ","
	SWITCH("ls2", 2, LSP("vm2", 1, ADDR(RT_VM2_MAC " 10.0.2.1 fd02::1")) ","
			 LSP("vm3", 2, ADDR(RT_VM3_MAC " 10.0.2.2 fd02::2")) ","
			 LSP("vm6", 4, ADDR(RT_VM6_MAC)) ","
			 LSP("rp2", 9, RTR(RT_R1_LS2 " 10.0.2.254 fd02::fe"))) ","
	SWITCH("join", 3, LSP("j1", 1, RTR(RT_R1_JOIN " 100.64.0.1")) ","
			  LSP("j2", 2, RTR(RT_R2_JOIN " 100.64.0.2"))) ","
	SWITCH("ls4", 4, LSP("vm5", 1, ADDR(RT_VM5_MAC " 10.0.4.1")) ","
			 LSP("rp4", 9, RTR(RT_R2_LS4 " 10.0.4.254"))) ","
	SWITCH("ls5", 5, LSP("gw1", 1, ADDR(RT_GW1_MAC " 10.0.5.1")) ","
			 LSP("gw2", 2, ADDR(RT_GW2_MAC " 10.0.5.2")) ","
			 LSP("rp5", 9, RTR(RT_R1_LS5 " 10.0.5.254")))
	"],\"chassis\":["
	" {\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"  \"encap_iface\":\"ul0\",\"vifs\":["
	VIF("t1", "vm1") "," VIF("t2", "vm2") "," VIF("t5", "vm5") "," VIF("t6", "gw1") ","
	VIF("t7", "gw2") "," VIF("t8", "vm6") "]},"
	" {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.2\"},"
	"  \"vifs\":[" VIF("t3", "vm3") "]}]}";

static const struct xh_iface ifaces[] = {
	{ "t1", RT_IF_T1, 0 }, { "t2", RT_IF_T2, 0 }, { "t5", RT_IF_T5, 0 },
	{ "t6", RT_IF_T6, 0 }, { "t7", RT_IF_T7, 0 }, { "t8", RT_IF_T8, 0 },
	{ "ul0", RT_IF_UL0, 0 },
};

/* ---- entries as a router compiler emits them -------------------------------- */

struct rt_path {
	const char *nexthop;  /* NULL: connected (the destination itself) */
	uint16_t lrp;
};

static void mac_of(const char *s, uint8_t mac[6])
{
	xh_mac(s, mac);
}

/* "a.b.c.d" or an IPv6 address into 16 bytes and its family. */
static uint32_t ip_of(const char *s, uint8_t ip[16])
{
	memset(ip, 0, 16);
	if (strchr(s, ':')) {
		cr_assert_eq(inet_pton(AF_INET6, s, ip), 1, "bad IPv6 %s", s);
		return XOVN_AF_IPV6;
	}
	cr_assert_eq(inet_pton(AF_INET, s, ip), 1, "bad IPv4 %s", s);
	return XOVN_AF_IPV4;
}

static void add(struct xovn_mapset *s, uint32_t map, const void *k, size_t kl, const void *v,
		size_t vl)
{
	cr_assert_eq(xovn_mapset_add(s, map, k, (uint16_t)kl, v, (uint16_t)vl), 0);
}

static void rt_lsp(struct xovn_mapset *s, uint32_t ls, uint16_t lsp, uint32_t rtr, uint16_t lrp)
{
	struct xovn_port_key k = { .dp_key = ls, .port_key = lsp };
	struct xovn_lsp_router_val v = { .rtr_key = rtr, .lrp_key = lrp };

	add(s, XOVN_MAP_LSP_ROUTER, &k, sizeof(k), &v, sizeof(v));
}

static void rt_rport(struct xovn_mapset *s, uint32_t rtr, uint16_t lrp, const char *mac,
		     uint32_t ls, uint16_t lsp, const char *ip4, const char *ip6)
{
	struct xovn_rport_key k = { .rtr_key = rtr, .lrp_key = lrp };
	struct xovn_rport_val v = { .ls_port_key = lsp, .ls_dp_key = ls };
	uint8_t ip[16];

	mac_of(mac, v.mac);
	if (ip4) {
		ip_of(ip4, ip);
		memcpy(&v.ip4, ip, 4);
	}
	if (ip6)
		ip_of(ip6, v.ip6);
	add(s, XOVN_MAP_RPORTS, &k, sizeof(k), &v, sizeof(v));
}

static void rt_route(struct xovn_mapset *s, uint32_t map, uint32_t rtr, const char *prefix,
		     unsigned plen, uint8_t flags, const struct rt_path *paths, unsigned n)
{
	struct xovn_route_key k = { .rtr_key = rtr };
	struct xovn_route_val v = { .plen = (uint8_t)plen, .n_paths = (uint8_t)n, .flags = flags };

	cr_assert_leq(n, XOVN_MAX_ECMP);
	k.family = ip_of(prefix, k.ip);
	k.prefixlen = XOVN_ROUTE_FIXED_BITS + plen;
	for (unsigned i = 0; i < n; i++) {
		v.paths[i].lrp_key = paths[i].lrp;
		if (paths[i].nexthop)
			ip_of(paths[i].nexthop, v.paths[i].nexthop);
	}
	add(s, map, &k, sizeof(k), &v, sizeof(v));
}

/* A port's network (connected) and its own address (local, as a host route). */
static void rt_network(struct xovn_mapset *s, uint32_t rtr, uint16_t lrp, const char *net,
		       unsigned plen, const char *own)
{
	struct rt_path p = { NULL, lrp };
	unsigned host = strchr(own, ':') ? 128 : 32;

	rt_route(s, XOVN_MAP_ROUTES, rtr, net, plen, XOVN_RT_CONNECTED, &p, 1);
	rt_route(s, XOVN_MAP_ROUTES, rtr, own, host, XOVN_RT_LOCAL, &p, 1);
}

static void rt_via(struct xovn_mapset *s, uint32_t map, uint32_t rtr, const char *prefix,
		   unsigned plen, const char *nexthop, uint16_t lrp)
{
	struct rt_path p = { nexthop, lrp };

	rt_route(s, map, rtr, prefix, plen, 0, &p, 1);
}

static void rt_neigh(struct xovn_mapset *s, uint32_t rtr, const char *ip, const char *mac)
{
	struct xovn_neigh_key k = { .rtr_key = rtr };
	struct xovn_neigh_val v = { 0 };

	k.family = ip_of(ip, k.ip);
	mac_of(mac, v.mac);
	add(s, XOVN_MAP_NEIGH, &k, sizeof(k), &v, sizeof(v));
}

static void rt_router1(struct xovn_mapset *s)
{
	static const struct rt_path ecmp[] = { { "10.0.5.1", 5 }, { "10.0.5.2", 5 } };

	rt_lsp(s, RT_LS1, RT_LSP, RT_R1, 1);
	rt_lsp(s, RT_LS2, RT_LSP, RT_R1, 2);
	rt_lsp(s, RT_JOIN, 1, RT_R1, 3);
	rt_lsp(s, RT_LS5, RT_LSP, RT_R1, 5);
	rt_rport(s, RT_R1, 1, RT_R1_LS1, RT_LS1, RT_LSP, "10.0.1.254", "fd01::fe");
	rt_rport(s, RT_R1, 2, RT_R1_LS2, RT_LS2, RT_LSP, "10.0.2.254", "fd02::fe");
	rt_rport(s, RT_R1, 3, RT_R1_JOIN, RT_JOIN, 1, "100.64.0.1", NULL);
	rt_rport(s, RT_R1, 5, RT_R1_LS5, RT_LS5, RT_LSP, "10.0.5.254", NULL);
	rt_network(s, RT_R1, 1, "10.0.1.0", 24, "10.0.1.254");
	rt_network(s, RT_R1, 1, "fd01::", 64, "fd01::fe");
	rt_network(s, RT_R1, 2, "10.0.2.0", 24, "10.0.2.254");
	rt_network(s, RT_R1, 2, "fd02::", 64, "fd02::fe");
	rt_network(s, RT_R1, 3, "100.64.0.0", 24, "100.64.0.1");
	rt_network(s, RT_R1, 5, "10.0.5.0", 24, "10.0.5.254");
	rt_via(s, XOVN_MAP_ROUTES, RT_R1, "10.0.4.0", 24, "100.64.0.2", 3);
	rt_via(s, XOVN_MAP_ROUTES, RT_R1, "198.51.100.0", 24, "10.0.5.1", 5);
	rt_via(s, XOVN_MAP_ROUTES, RT_R1, "203.0.113.0", 24, "100.64.0.2", 3);
	rt_route(s, XOVN_MAP_ROUTES, RT_R1, "0.0.0.0", 0, 0, ecmp, 2);
	rt_via(s, XOVN_MAP_SRC_ROUTES, RT_R1, "10.0.1.128", 25, "10.0.5.2", 5);
	rt_neigh(s, RT_R1, "10.0.1.1", RT_VM1_MAC);
	rt_neigh(s, RT_R1, "fd01::1", RT_VM1_MAC);
	rt_neigh(s, RT_R1, "10.0.2.1", RT_VM2_MAC);
	rt_neigh(s, RT_R1, "fd02::1", RT_VM2_MAC);
	rt_neigh(s, RT_R1, "10.0.2.2", RT_VM3_MAC);
	rt_neigh(s, RT_R1, "fd02::2", RT_VM3_MAC);
	rt_neigh(s, RT_R1, "100.64.0.2", RT_R2_JOIN);
	rt_neigh(s, RT_R1, "10.0.5.1", RT_GW1_MAC);
	rt_neigh(s, RT_R1, "10.0.5.2", RT_GW2_MAC);
}

static void rt_router2(struct xovn_mapset *s)
{
	rt_lsp(s, RT_JOIN, 2, RT_R2, 1);
	rt_lsp(s, RT_LS4, RT_LSP, RT_R2, 2);
	rt_rport(s, RT_R2, 1, RT_R2_JOIN, RT_JOIN, 2, "100.64.0.2", NULL);
	rt_rport(s, RT_R2, 2, RT_R2_LS4, RT_LS4, RT_LSP, "10.0.4.254", NULL);
	rt_network(s, RT_R2, 1, "100.64.0.0", 24, "100.64.0.2");
	rt_network(s, RT_R2, 2, "10.0.4.0", 24, "10.0.4.254");
	rt_via(s, XOVN_MAP_ROUTES, RT_R2, "10.0.0.0", 8, "100.64.0.1", 1);
	rt_via(s, XOVN_MAP_ROUTES, RT_R2, "203.0.113.0", 24, "100.64.0.1", 1);
	rt_neigh(s, RT_R2, "100.64.0.1", RT_R1_JOIN);
	rt_neigh(s, RT_R2, "10.0.4.1", RT_VM5_MAC);
}

void rt_open(struct xh *h)
{
	struct xovn_mapset set;
	char err[512] = "";

	xh_open(h);
	xh_load_model(h, model, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
	xovn_mapset_init(&set);
	rt_router1(&set);
	rt_router2(&set);
	xovn_mapset_sort(&set);
	cr_assert_eq(xovn_map_apply(h->map_fds, &set, NULL, err, sizeof(err)), 0,
		     "writing the routers' maps: %s", err);
	xovn_mapset_free(&set);
}

/* ---- running ----------------------------------------------------------------- */

size_t rt_frame(uint8_t *buf, const char *fields)
{
	char err[256] = "";
	size_t len = 0;

	cr_assert_eq(xovn_frame_from_fields(fields, buf, XH_FRAME_MAX, &len, err, sizeof(err)), 0,
		     "frame \"%s\": %s", fields, err);
	return len;
}

struct xovn_trace rt_trace(struct xh *h, uint32_t ifindex, const uint8_t *frame, size_t len,
			   uint8_t *out, size_t *out_len, int *verdict)
{
	struct xovn_trace *per_cpu = calloc(h->ncpus, sizeof(*per_cpu));
	struct xovn_trace tr;
	uint32_t zero = 0, seq;
	int v;

	cr_assert_not_null(per_cpu);
	cr_assert_eq(bpf_map_lookup_elem(h->trace_fd, &zero, per_cpu), 0);
	seq = per_cpu[0].seq;
	v = xh_run_out(h, XH_VIF_TRACE, ifindex, frame, len, out, XH_FRAME_MAX + 64, out_len);
	cr_assert_eq(bpf_map_lookup_elem(h->trace_fd, &zero, per_cpu), 0);
	tr = per_cpu[0];
	free(per_cpu);
	cr_assert_eq(tr.seq, seq + 1, "the program wrote no trace record");
	if (verdict)
		*verdict = v;
	return tr;
}

int rt_learned(struct xh *h, uint32_t rtr_key, const char *ip, uint8_t mac[6])
{
	struct bpf_map *m = bpf_object__find_map_by_name(h->skel->obj, "xovn_mac_binding");
	struct xovn_neigh_key k = { .rtr_key = rtr_key };
	struct xovn_neigh_val v;

	cr_assert_not_null(m);
	k.family = ip_of(ip, k.ip);
	if (bpf_map_lookup_elem(bpf_map__fd(m), &k, &v))
		return -1;
	memcpy(mac, v.mac, 6);
	return 0;
}
