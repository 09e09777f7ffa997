// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* route_nl.c - routing tables over rtnetlink (route_nl.h). */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "route_nl.h"
#include "rtnl.h"

struct route_req {
	struct nlmsghdr nh;
	struct rtmsg rt;
	char attrs[128];
};

/* Strict checking makes the kernel filter a dump by table and protocol. */
static int open_dump_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int one = 1;

	if (fd >= 0)
		setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	return fd;
}

static void copy_addr(struct xovn_ip *ip, int family, const struct rtattr *a)
{
	ip->family = family;
	ip->plen = family == AF_INET ? 32 : 128;   /* a destination's is set from rtm_dst_len */
	if (family == AF_INET)
		memcpy(&ip->v4, RTA_DATA(a), 4);
	else
		memcpy(&ip->v6, RTA_DATA(a), 16);
}

/* The first next hop of a multipath route. */
static void first_nexthop(struct route_nl_entry *e, int family, const struct rtattr *mp)
{
	const struct rtnexthop *nh = RTA_DATA(mp);
	int len = (int)RTA_PAYLOAD(mp);

	if (len < (int)sizeof(*nh) || nh->rtnh_len < sizeof(*nh) || nh->rtnh_len > len)
		return;
	e->oif = nh->rtnh_ifindex;
	len = nh->rtnh_len - (int)sizeof(*nh);
	for (const struct rtattr *a = RTNH_DATA(nh); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == RTA_GATEWAY) {
			copy_addr(&e->gateway, family, a);
			e->has_gateway = 1;
		} else if (a->rta_type == RTA_VIA)
			e->via_other_family = 1;
	}
}

/* A RTM_NEWROUTE / RTM_DELROUTE message into e.  0 ok, -1 not a route of ours to look at. */
static int parse_route(const struct nlmsghdr *nh, struct route_nl_entry *e)
{
	const struct rtmsg *rt = NLMSG_DATA(nh);
	int len = (int)nh->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*rt));

	if (len < 0 || (rt->rtm_family != AF_INET && rt->rtm_family != AF_INET6))
		return -1;
	memset(e, 0, sizeof(*e));
	e->table = rt->rtm_table;
	e->protocol = rt->rtm_protocol;
	e->type = rt->rtm_type;
	e->dst.family = rt->rtm_family;
	for (const struct rtattr *a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == RTA_TABLE && RTA_PAYLOAD(a) >= 4)
			e->table = *(const uint32_t *)RTA_DATA(a);
		else if (a->rta_type == RTA_DST)
			copy_addr(&e->dst, rt->rtm_family, a);
		else if (a->rta_type == RTA_OIF && RTA_PAYLOAD(a) >= 4)
			e->oif = *(const int *)RTA_DATA(a);
		else if (a->rta_type == RTA_MULTIPATH && !e->has_gateway)
			first_nexthop(e, rt->rtm_family, a);
		else if (a->rta_type == RTA_GATEWAY) {
			copy_addr(&e->gateway, rt->rtm_family, a);
			e->has_gateway = 1;
		} else if (a->rta_type == RTA_VIA)
			e->via_other_family = 1;
	}
	e->dst.plen = rt->rtm_dst_len;
	return 0;
}

/* Calls fn for each route message of buf; < 0 stops.  1 when the dump is done. */
static int each_route(const char *buf, ssize_t n, route_nl_fn fn, void *arg, int *rc)
{
	for (const struct nlmsghdr *nh = (const void *)buf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
		struct route_nl_entry e;

		if (nh->nlmsg_type == NLMSG_DONE)
			return 1;
		if (nh->nlmsg_type == NLMSG_ERROR) {
			*rc = ((const struct nlmsgerr *)NLMSG_DATA(nh))->error;
			return 1;
		}
		if ((nh->nlmsg_type == RTM_NEWROUTE || nh->nlmsg_type == RTM_DELROUTE) &&
		    parse_route(nh, &e) == 0 && *rc == 0)
			*rc = fn(&e, arg);
	}
	return 0;
}

static int dump_family(int fd, int family, uint32_t table, uint8_t protocol, route_nl_fn fn,
		       void *arg)
{
	struct route_req req = { .nh = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
					 .nlmsg_type = RTM_GETROUTE,
					 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 } };
	char buf[32768];
	int rc = 0, done = 0;
	ssize_t n;

	req.rt.rtm_family = (unsigned char)family;
	req.rt.rtm_protocol = protocol;
	if (table) {
		req.rt.rtm_table = table < 256 ? (unsigned char)table : RT_TABLE_UNSPEC;
		rtnl_attr_put(&req.nh, RTA_TABLE, &table, sizeof(table));
	}
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		return -errno;
	while (!done) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return errno == EINTR ? rc : -errno;
		done = each_route(buf, n, fn, arg, &rc);
	}
	return rc;
}

/* Without strict checking a kernel lists everything: keep what was asked for. */
struct list_filter {
	uint32_t table;
	uint8_t protocol;
	route_nl_fn fn;
	void *arg;
};

static int filtered(const struct route_nl_entry *e, void *arg)
{
	const struct list_filter *f = arg;

	if ((f->table && e->table != f->table) || (f->protocol && e->protocol != f->protocol))
		return 0;
	return f->fn(e, f->arg);
}

int route_nl_list(uint32_t table, uint8_t protocol, route_nl_fn fn, void *arg)
{
	struct list_filter f = { table, protocol, fn, arg };
	int fd = open_dump_socket(), rc;

	if (fd < 0)
		return -errno;
	rc = dump_family(fd, AF_INET, table, protocol, filtered, &f);
	if (rc == 0)
		rc = dump_family(fd, AF_INET6, table, protocol, filtered, &f);
	close(fd);
	return rc;
}

int route_nl_blackhole(int add, uint32_t table, const struct xovn_ip *dst, uint8_t protocol,
		       uint32_t metric)
{
	struct route_req req = { .nh = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)),
					 .nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE,
					 .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
							(add ? NLM_F_CREATE | NLM_F_REPLACE : 0),
					 .nlmsg_seq = 1 } };
	int v4 = dst->family == AF_INET;

	req.rt.rtm_family = (unsigned char)dst->family;
	req.rt.rtm_dst_len = (unsigned char)dst->plen;
	req.rt.rtm_table = RT_TABLE_UNSPEC;
	req.rt.rtm_protocol = protocol;
	req.rt.rtm_scope = RT_SCOPE_UNIVERSE;
	req.rt.rtm_type = RTN_BLACKHOLE;
	rtnl_attr_put(&req.nh, RTA_TABLE, &table, sizeof(table));
	rtnl_attr_put(&req.nh, RTA_DST, v4 ? (const void *)&dst->v4 : (const void *)&dst->v6, v4 ? 4 : 16);
	rtnl_attr_put(&req.nh, RTA_PRIORITY, &metric, sizeof(metric));
	return rtnl_ack(&req.nh);
}

int route_nl_subscribe(void)
{
	return rtnl_subscribe(RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE, "route changes");
}

int route_nl_drain(int fd, route_nl_fn fn, void *arg)
{
	char buf[32768];
	int lost = 0, rc = 0;
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n > 0)
			each_route(buf, n, fn, arg, &rc);
		else if (n < 0 && errno == ENOBUFS)
			lost = 1;
		else
			return lost;
	}
}
