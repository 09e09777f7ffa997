// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* remote_hop.c - xovn_remote_hops entries from rtnetlink answers (remote_hop.h). */
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "dataplane/remote_hop.h"

/* The states in which bpf_fib_lookup() takes a neighbour's address (the kernel's NUD_VALID). */
#define HOP_NUD_VALID (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY)

/* The first message of an answer, when it is of type and holds hdr_len bytes of header. */
static const void *answer_body(const struct nlmsghdr *nh, size_t len, uint16_t type,
			       size_t hdr_len)
{
	if (!nh || !NLMSG_OK(nh, len) || nh->nlmsg_type != type ||
	    nh->nlmsg_len < NLMSG_LENGTH(hdr_len))
		return NULL;
	return NLMSG_DATA(nh);
}

static uint32_t route_mtu(const struct rtattr *metrics)
{
	int left = (int)RTA_PAYLOAD(metrics);

	for (const struct rtattr *a = RTA_DATA(metrics); RTA_OK(a, left); a = RTA_NEXT(a, left))
		if (a->rta_type == RTAX_MTU && RTA_PAYLOAD(a) >= sizeof(uint32_t))
			return *(const uint32_t *)RTA_DATA(a);
	return 0;
}

/* Takes one route attribute; -1 for one that makes the answer depend on the flow. */
static int route_attr(const struct rtattr *a, struct xovn_hop_route *r)
{
	switch (a->rta_type) {
	case RTA_OIF:
		if (RTA_PAYLOAD(a) >= sizeof(uint32_t))
			r->oif = *(const uint32_t *)RTA_DATA(a);
		return 0;
	case RTA_GATEWAY:
		if (RTA_PAYLOAD(a) != sizeof(uint32_t))
			return -1;
		memcpy(&r->via, RTA_DATA(a), sizeof(r->via));
		return 0;
	case RTA_METRICS:
		r->mtu = route_mtu(a);
		return 0;
	case RTA_MULTIPATH:
	case RTA_NH_ID:
	case RTA_VIA:
		return -1;
	default:
		return 0;
	}
}

int xovn_hop_route_parse(const struct nlmsghdr *nh, size_t len, uint32_t dst_be,
			 struct xovn_hop_route *r)
{
	const struct rtmsg *rtm = answer_body(nh, len, RTM_NEWROUTE, sizeof(*rtm));
	int left;

	memset(r, 0, sizeof(*r));
	if (!rtm || rtm->rtm_family != AF_INET || rtm->rtm_type != RTN_UNICAST)
		return -1;
	left = (int)RTM_PAYLOAD(nh);
	for (const struct rtattr *a = RTM_RTA(rtm); RTA_OK(a, left); a = RTA_NEXT(a, left))
		if (route_attr(a, r) < 0)
			return -1;
	if (!r->oif)
		return -1;
	if (!r->via)
		r->via = dst_be;
	return 0;
}

int xovn_hop_neigh_parse(const struct nlmsghdr *nh, size_t len, uint8_t mac[6])
{
	const struct ndmsg *ndm = answer_body(nh, len, RTM_NEWNEIGH, sizeof(*ndm));
	int left;

	if (!ndm || !(ndm->ndm_state & HOP_NUD_VALID))
		return -1;
	left = (int)(nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ndm)));
	for (const struct rtattr *a = (const void *)((const char *)ndm + NLMSG_ALIGN(sizeof(*ndm)));
	     RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == NDA_LLADDR && RTA_PAYLOAD(a) == 6) {
			memcpy(mac, RTA_DATA(a), 6);
			return 0;
		}
	}
	return -1;
}

void xovn_hop_make(const struct xovn_hop_route *r, const uint8_t next_hop_mac[6],
		   const uint8_t if_mac[6], uint32_t if_mtu, struct xovn_remote_hop *hop)
{
	memset(hop, 0, sizeof(*hop));
	hop->ifindex = r->oif;
	/* bpf_fib_lookup takes the route's MTU when it has one, the device's else. */
	hop->mtu = r->mtu && r->mtu < if_mtu ? r->mtu : if_mtu;
	memcpy(hop->dmac, next_hop_mac, 6);
	memcpy(hop->smac, if_mac, 6);
}
