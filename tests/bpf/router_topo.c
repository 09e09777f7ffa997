// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* router_topo.c - the routed topology, compiled from its model by the real compiler. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "model/incomplete.h"
#include "model/model.h"
#include "frame/frame.h"
#include "router_topo.h"
#include "xovn.skel.h"

#define LSP(name, key, rest) "{\"name\":\"" name "\",\"tunnel_key\":" #key rest "}"
#define ADDR(a) ",\"addresses\":[\"" a "\"]"
/* A switch port of type router, peer of router port lrp; its address is the router port's. */
#define RTR(lrp) ",\"type\":\"router\"" ADDR("router") ",\"options\":{\"router-port\":\"" lrp "\"}"
#define SWITCH(name, key, ports) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"ports\":[" ports "]}"
#define VIF(iface, port) "{\"iface\":\"" iface "\",\"port\":\"" port "\"}"
#define LRP(name, key, mac, nets) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"mac\":\"" mac "\",\"networks\":[" nets "]}"
#define ROUTE(prefix, nexthop, rest) \
	"{\"ip_prefix\":\"" prefix "\",\"nexthop\":\"" nexthop "\"" rest "}"
#define SRC_IP ",\"policy\":\"src-ip\""
#define ROUTER(name, key, ports, routes) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"ports\":[" ports "]," \
	"\"static_routes\":[" routes "]}"

static const char *model =
	"{\"version\":1,\"logical_switches\":["
	SWITCH("ls1", 1, LSP("vm1", 1, ADDR(RT_VM1_MAC " 10.0.1.1 fd01::1")) ","
			 LSP("rp1", 9, RTR("r1-ls1"))) ","
	SWITCH("ls2", 2, LSP("vm2", 1, ADDR(RT_VM2_MAC " 10.0.2.1 fd02::1")) ","
			 LSP("vm3", 2, ADDR(RT_VM3_MAC " 10.0.2.2 fd02::2")) ","
			 LSP("vm6", 4, ADDR(RT_VM6_MAC)) ","
			 LSP("rp2", 9, RTR("r1-ls2"))) ","
	SWITCH("join", 3, LSP("j1", 1, RTR("r1-join")) "," LSP("j2", 2, RTR("r2-join"))) ","
	SWITCH("ls4", 4, LSP("vm5", 1, ADDR(RT_VM5_MAC " 10.0.4.1")) ","
			 LSP("rp4", 9, RTR("r2-ls4"))) ","
	SWITCH("ls5", 5, LSP("gw1", 1, ADDR(RT_GW1_MAC " 10.0.5.1")) ","
			 LSP("gw2", 2, ADDR(RT_GW2_MAC " 10.0.5.2")) ","
			 LSP("rp5", 9, RTR("r1-ls5")))
	"],\"logical_routers\":["
	ROUTER("R1", 100,
	       LRP("r1-ls1", 1, RT_R1_LS1, "\"10.0.1.254/24\",\"fd01::fe/64\"") ","
	       LRP("r1-ls2", 2, RT_R1_LS2, "\"10.0.2.254/24\",\"fd02::fe/64\"") ","
	       LRP("r1-join", 3, RT_R1_JOIN, "\"100.64.0.1/24\"") ","
	       LRP("r1-ls5", 5, RT_R1_LS5, "\"10.0.5.254/24\""),
	       ROUTE("10.0.4.0/24", "100.64.0.2", "") ","
	       ROUTE("198.51.100.0/24", "10.0.5.1", "") ","
	       ROUTE("0.0.0.0/0", "10.0.5.1", "") ","
	       ROUTE("0.0.0.0/0", "10.0.5.2", "") ","
	       ROUTE("203.0.113.0/24", "100.64.0.2", ",\"output_port\":\"r1-join\"") ","
	       ROUTE("10.0.1.128/25", "10.0.5.2", SRC_IP) ","
	       ROUTE("192.0.2.128/25", "discard", "")) ","
	ROUTER("R2", 200,
	       LRP("r2-join", 1, RT_R2_JOIN, "\"100.64.0.2/24\"") ","
	       LRP("r2-ls4", 2, RT_R2_LS4, "\"10.0.4.254/24\""),
	       ROUTE("10.0.0.0/8", "100.64.0.1", "") ","
	       ROUTE("203.0.113.0/24", "100.64.0.1", ""))
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

void rt_check_model(const char *text)
{
	struct xovn_inactive_list inactive;
	struct xovn_errors errs;
	json_t *doc = json_loads(text, 0, NULL);

	cr_assert_not_null(doc, "the topology is not JSON");
	xovn_errors_init(&errs);
	xovn_inactive_init(&inactive);
	cr_assert_eq(xovn_model_validate(doc, &errs), 0, "the topology is invalid");
	cr_assert_eq(xovn_model_incomplete(doc, &inactive), 0, "part of the topology is inactive");
	xovn_inactive_free(&inactive);
	xovn_errors_free(&errs);
	json_decref(doc);
}

const char *rt_model(void)
{
	return model;
}

void rt_open(struct xh *h)
{
	rt_check_model(model);
	xh_open(h);
	xh_load_model(h, model, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
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
	return xh_trace_out(h, XH_VIF_TRACE, ifindex, frame, len, out, XH_FRAME_MAX + 64, out_len,
			    verdict);
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
