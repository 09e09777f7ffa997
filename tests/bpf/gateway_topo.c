// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* gateway_topo.c - the gateway topology, compiled from its model by the real compiler. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "gateway_topo.h"
#include "router_topo.h"
#include "xovn.skel.h"

#define RTR(name, key, lrp) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"type\":\"router\"," \
	"\"addresses\":[\"router\"],\"options\":{\"router-port\":\"" lrp "\"}}"
#define LOCALNET(name, net) \
	"{\"name\":\"" name "\",\"tunnel_key\":1,\"type\":\"localnet\"," \
	"\"addresses\":[\"unknown\"],\"options\":{\"network_name\":\"" net "\"}}"
#define LRP(name, key, mac, net, rest) \
	"{\"name\":\"" name "\",\"tunnel_key\":" #key ",\"mac\":\"" mac "\"," \
	"\"networks\":[\"" net "\"]" rest "}"
#define ROUTE(prefix, nexthop) "{\"ip_prefix\":\"" prefix "\",\"nexthop\":\"" nexthop "\"}"
#define MAPPINGS "\"bridge_mappings\":{\"phys\":\"br-phys\",\"ext\":\"br-ext\"}"

static const char *model_fmt =
	"{\"version\":1,\"logical_switches\":["
	"{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":["
	"{\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"" GT_VM1_MAC " 10.0.1.1\"]},"
	"{\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.1.2\"]},"
	RTR("rp1", 9, "r1-ls1") "]},"
	"{\"name\":\"join\",\"tunnel_key\":3,\"ports\":["
	RTR("j1", 1, "r1-join") "," RTR("j2", 2, "gw-join") "]},"
	"{\"name\":\"outside\",\"tunnel_key\":4,\"ports\":["
	LOCALNET("ln-out", "phys") "," RTR("go", 9, "gw-out") "]},"
	"{\"name\":\"ext\",\"tunnel_key\":5,\"ports\":["
	LOCALNET("ln-ext", "ext") "," RTR("re", 9, "r1-ext") "]}],"
	"\"logical_routers\":["
	"{\"name\":\"R1\",\"tunnel_key\":100,\"ports\":["
	LRP("r1-ls1", 1, GT_R1_LS1, "10.0.1.254/24", "") ","
	LRP("r1-join", 2, GT_R1_JOIN, "100.64.0.1/24", "") ","
	LRP("r1-ext", 3, GT_R1_EXT, "172.16.0.1/24", ",\"gateway_chassis\":[%s]") "],"
	"\"static_routes\":[" ROUTE("0.0.0.0/0", "172.16.0.254") ","
	ROUTE("10.9.0.0/16", "100.64.0.2") "]},"
	"{\"name\":\"GW\",\"tunnel_key\":200,\"options\":{\"chassis\":\"%s\"},\"ports\":["
	LRP("gw-join", 1, GT_GW_JOIN, "100.64.0.2/24", "") ","
	LRP("gw-out", 2, GT_GW_OUT, "10.9.0.1/16", "") "],"
	"\"static_routes\":[" ROUTE("10.0.0.0/8", "100.64.0.1") "]}],"
	"\"chassis\":["
	"{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"" GT_HV1_IP "\"},"
	"\"encap_iface\":\"ul0\"," MAPPINGS ",\"vifs\":[{\"iface\":\"t1\",\"port\":\"vm1\"}]},"
	"{\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"" GT_HV2_IP "\"}%s,"
	MAPPINGS ",\"vifs\":[{\"iface\":\"t2\",\"port\":\"vm2\"}]},"
	"{\"name\":\"hv3\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.3\"}}]}";

static const struct xh_iface ifaces[] = {
	{ "t1", GT_IF_T1, 1 }, { "br-phys", GT_IF_PHYS, 0 }, { "br-ext", GT_IF_EXT, 0 },
	{ "ul0", GT_IF_UL0, 0 },
};

static void gateway_entry(char *buf, size_t len, const char *chassis, int prio)
{
	size_t used = strlen(buf);

	if (!prio)
		return;
	snprintf(buf + used, len - used, "%s{\"name\":\"r1-ext-%s\",\"chassis_name\":\"%s\","
		 "\"priority\":%d}", used ? "," : "", chassis, chassis, prio);
}

const char *gt_model(const struct gt_variant *v)
{
	static char model[8192];
	char gws[256] = "", state[64] = "";

	gateway_entry(gws, sizeof(gws), "hv1", v->dgp_prio_hv1);
	gateway_entry(gws, sizeof(gws), "hv2", v->dgp_prio_hv2);
	if (v->hv2_state)
		snprintf(state, sizeof(state), ",\"state\":\"%s\"", v->hv2_state);
	snprintf(model, sizeof(model), model_fmt, gws, v->gw_chassis, state);
	return model;
}

void gt_open(struct xh *h, const struct gt_variant *v)
{
	const char *text = gt_model(v);

	rt_check_model(text);
	xh_open_model(h, text, "hv1", ifaces, sizeof(ifaces) / sizeof(ifaces[0]));
}

void gt_learn(struct xh *h, uint32_t rtr_key, uint16_t lrp_key, const char *ip, const char *mac)
{
	struct bpf_map *m = bpf_object__find_map_by_name(h->skel->obj, "xovn_mac_binding");
	struct xovn_neigh_key k = { .rtr_key = rtr_key, .family = XOVN_AF_IPV4 };
	struct xovn_neigh_val v = { .lrp_key = lrp_key, .seen_ns = 1 };

	cr_assert_not_null(m);
	cr_assert_eq(inet_pton(AF_INET, ip, k.ip), 1);
	xh_mac(mac, v.mac);
	cr_assert_eq(bpf_map_update_elem(bpf_map__fd(m), &k, &v, BPF_ANY), 0);
}
