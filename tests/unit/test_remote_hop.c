// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_remote_hop.c - lib/dataplane/remote_hop.c: which kernel answers
 * about the way to a remote chassis make an xovn_remote_hops entry, and
 * which leave the frame to the datapath's own FIB lookup.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "dataplane/remote_hop.h"

struct msg {
	struct nlmsghdr nh;
	union {
		struct rtmsg rtm;
		struct ndmsg ndm;
	};
	char attrs[256];
} __attribute__((aligned(NLMSG_ALIGNTO)));

static struct rtattr *attr_put(struct msg *m, uint16_t type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)((char *)&m->nh + NLMSG_ALIGN(m->nh.nlmsg_len));

	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	m->nh.nlmsg_len = NLMSG_ALIGN(m->nh.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void route_msg(struct msg *m, uint8_t family, uint8_t type)
{
	memset(m, 0, sizeof(*m));
	m->nh.nlmsg_type = RTM_NEWROUTE;
	m->nh.nlmsg_len = NLMSG_LENGTH(sizeof(m->rtm));
	m->rtm.rtm_family = family;
	m->rtm.rtm_type = type;
}

/* RTA_METRICS holding RTAX_MTU = mtu. */
static void put_mtu(struct msg *m, uint32_t mtu)
{
	char nest[RTA_SPACE(sizeof(mtu))];
	struct rtattr *a = (struct rtattr *)nest;

	a->rta_type = RTAX_MTU;
	a->rta_len = (unsigned short)RTA_LENGTH(sizeof(mtu));
	memcpy(RTA_DATA(a), &mtu, sizeof(mtu));
	attr_put(m, RTA_METRICS, nest, sizeof(nest));
}

#define DST "192.0.2.2"
#define GW  "198.51.100.1"

/* One answer of RTM_GETROUTE and what it makes. */
static const struct route_case {
	const char *name;
	uint8_t family, type;
	uint32_t oif;
	const char *gateway;     /* NULL: none */
	uint32_t mtu;            /* 0: no metric */
	uint16_t flow_attr;      /* 0, or RTA_MULTIPATH / RTA_NH_ID */
	int ok;
	const char *via;
	uint32_t want_mtu;
} route_cases[] = {
	{ "connected", AF_INET, RTN_UNICAST, 7, NULL, 0, 0, 1, DST, 0 },
	{ "through a gateway", AF_INET, RTN_UNICAST, 7, GW, 0, 0, 1, GW, 0 },
	{ "with an MTU metric", AF_INET, RTN_UNICAST, 7, GW, 1400, 0, 1, GW, 1400 },
	{ "multipath", AF_INET, RTN_UNICAST, 7, NULL, 0, RTA_MULTIPATH, 0, NULL, 0 },
	{ "a nexthop object", AF_INET, RTN_UNICAST, 7, NULL, 0, RTA_NH_ID, 0, NULL, 0 },
	{ "blackhole", AF_INET, RTN_BLACKHOLE, 0, NULL, 0, 0, 0, NULL, 0 },
	{ "unreachable", AF_INET, RTN_UNREACHABLE, 7, NULL, 0, 0, 0, NULL, 0 },
	{ "no interface", AF_INET, RTN_UNICAST, 0, NULL, 0, 0, 0, NULL, 0 },
	{ "IPv6", AF_INET6, RTN_UNICAST, 7, NULL, 0, 0, 0, NULL, 0 },
};

Test(remote_hop, route_answers_make_an_entry_only_for_one_unicast_next_hop)
{
	for (size_t i = 0; i < sizeof(route_cases) / sizeof(route_cases[0]); i++) {
		const struct route_case *c = &route_cases[i];
		struct xovn_hop_route r;
		uint32_t gw, zero = 0;
		struct msg m;
		int rc;

		route_msg(&m, c->family, c->type);
		if (c->oif)
			attr_put(&m, RTA_OIF, &c->oif, sizeof(c->oif));
		if (c->gateway) {
			gw = inet_addr(c->gateway);
			attr_put(&m, RTA_GATEWAY, &gw, sizeof(gw));
		}
		if (c->mtu)
			put_mtu(&m, c->mtu);
		if (c->flow_attr)
			attr_put(&m, c->flow_attr, &zero, sizeof(zero));
		rc = xovn_hop_route_parse(&m.nh, m.nh.nlmsg_len, inet_addr(DST), &r);
		cr_assert_eq(rc, c->ok ? 0 : -1, "%s", c->name);
		if (!c->ok)
			continue;
		cr_assert_eq(r.oif, c->oif, "%s", c->name);
		cr_assert_eq(r.via, inet_addr(c->via), "%s", c->name);
		cr_assert_eq(r.mtu, c->want_mtu, "%s", c->name);
	}
}

Test(remote_hop, an_error_or_truncated_answer_makes_no_entry)
{
	struct xovn_hop_route r;
	struct msg m;
	uint32_t oif = 7;

	route_msg(&m, AF_INET, RTN_UNICAST);
	attr_put(&m, RTA_OIF, &oif, sizeof(oif));
	cr_assert_eq(xovn_hop_route_parse(&m.nh, NLMSG_HDRLEN, inet_addr(DST), &r), -1);
	m.nh.nlmsg_type = NLMSG_ERROR;
	cr_assert_eq(xovn_hop_route_parse(&m.nh, m.nh.nlmsg_len, inet_addr(DST), &r), -1);
	cr_assert_eq(xovn_hop_route_parse(NULL, 0, inet_addr(DST), &r), -1);
}

/* One answer of RTM_GETNEIGH: usable in the states bpf_fib_lookup() takes. */
static const struct neigh_case {
	uint16_t state;
	int with_mac;
	int ok;
} neigh_cases[] = {
	{ NUD_REACHABLE, 1, 1 }, { NUD_STALE, 1, 1 },   { NUD_DELAY, 1, 1 },
	{ NUD_PROBE, 1, 1 },     { NUD_PERMANENT, 1, 1 }, { NUD_NOARP, 1, 1 },
	{ NUD_INCOMPLETE, 1, 0 }, { NUD_FAILED, 1, 0 },  { NUD_NONE, 1, 0 },
	{ NUD_REACHABLE, 0, 0 },
};

Test(remote_hop, neighbour_answers_give_a_mac_in_the_states_the_fib_lookup_takes)
{
	const uint8_t want[6] = { 2, 0, 0, 0, 0, 0x42 };

	for (size_t i = 0; i < sizeof(neigh_cases) / sizeof(neigh_cases[0]); i++) {
		const struct neigh_case *c = &neigh_cases[i];
		uint8_t mac[6] = { 0 };
		struct msg m;

		memset(&m, 0, sizeof(m));
		m.nh.nlmsg_type = RTM_NEWNEIGH;
		m.nh.nlmsg_len = NLMSG_LENGTH(sizeof(m.ndm));
		m.ndm.ndm_family = AF_INET;
		m.ndm.ndm_state = c->state;
		if (c->with_mac)
			attr_put(&m, NDA_LLADDR, want, sizeof(want));
		cr_assert_eq(xovn_hop_neigh_parse(&m.nh, m.nh.nlmsg_len, mac), c->ok ? 0 : -1,
			     "state 0x%x, mac %d", c->state, c->with_mac);
		if (c->ok)
			cr_assert_arr_eq(mac, want, 6);
	}
}

Test(remote_hop, the_entry_takes_the_smaller_of_route_and_interface_mtu)
{
	const uint8_t next[6] = { 2, 0, 0, 0, 0, 1 }, own[6] = { 2, 0, 0, 0, 0, 2 };
	struct xovn_hop_route r = { .oif = 7, .via = 1, .mtu = 0 };
	struct xovn_remote_hop hop;

	xovn_hop_make(&r, next, own, 1500, &hop);
	cr_assert_eq(hop.ifindex, 7);
	cr_assert_eq(hop.mtu, 1500);
	cr_assert_arr_eq(hop.dmac, next, 6);
	cr_assert_arr_eq(hop.smac, own, 6);
	r.mtu = 1400;
	xovn_hop_make(&r, next, own, 1500, &hop);
	cr_assert_eq(hop.mtu, 1400);
	r.mtu = 9000;
	xovn_hop_make(&r, next, own, 1500, &hop);
	cr_assert_eq(hop.mtu, 1500);
}
