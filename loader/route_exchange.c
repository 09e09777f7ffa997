// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * route_exchange.c - the advertised set into the kernel's tables, the
 * learned routes out of them (route_exchange.h).
 */
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include "chassis.h"
#include "log.h"
#include "route_exchange.h"
#include "route_nl.h"
#include "routeexch/routeexch.h"

int route_exchange_open(struct route_exchange *rx)
{
	memset(rx, 0, sizeof(*rx));
	xovn_adv_set_init(&rx->applied);
	xovn_learned_init(&rx->learned);
	rx->stale = 1;   /* routes an earlier xovnd left behind are checked once */
	rx->fd = route_nl_subscribe();
	return rx->fd < 0 ? -1 : 0;
}

void route_exchange_close(struct route_exchange *rx)
{
	if (rx->fd >= 0)
		close(rx->fd);
	rx->fd = -1;
	xovn_adv_set_free(&rx->applied);
	xovn_learned_free(&rx->learned);
}

int route_exchange_fd(const struct route_exchange *rx)
{
	return rx->fd;
}

static int note_change(const struct route_nl_entry *e, void *arg)
{
	struct route_exchange *rx = arg;

	if (xovn_adv_set_has_table(&rx->applied, e->table))
		rx->stale = 1;
	return 0;
}

void route_exchange_drain(struct route_exchange *rx)
{
	if (rx->fd >= 0 && route_nl_drain(rx->fd, note_change, rx))
		rx->stale = 1;
}

static int collect_ours(const struct route_nl_entry *e, void *arg)
{
	return xovn_adv_set_add(arg, e->table, &e->dst);
}

struct learned_scan {
	struct xovn_learned_set *learned;
	size_t other_family;   /* unicast routes through a next hop of the other family */
};

/* A route a routing daemon installed: unicast, through a gateway of the prefix' family. */
static int collect_learned(const struct route_nl_entry *e, void *arg)
{
	struct learned_scan *scan = arg;
	char ifname[IF_NAMESIZE] = "";

	if (e->protocol == XOVN_RTPROT || e->protocol == RTPROT_KERNEL || e->type != RTN_UNICAST)
		return 0;
	scan->other_family += e->via_other_family;
	if (!e->has_gateway || e->gateway.family != e->dst.family)
		return 0;
	if (e->oif && !if_indextoname((unsigned)e->oif, ifname))
		ifname[0] = '\0';
	return xovn_learned_add(scan->learned, e->table, &e->dst, &e->gateway, ifname);
}

/* Said once per change: such routes (BGP unnumbered's IPv4 via IPv6) are left out. */
static void log_other_family(struct route_exchange *rx, size_t n)
{
	if (n && n != rx->other_family)
		log_info("route exchange: %zu route%s through a next hop of the other family "
			 "(IPv4 via IPv6) not used: the router needs one of the prefix' family",
			 n, n == 1 ? "" : "s");
	rx->other_family = n;
}

/* Adds (add) or removes the routes of from that other lacks; the failures. */
static int write_missing(const struct xovn_adv_set *from, const struct xovn_adv_set *other,
			 int add, size_t *count)
{
	int failures = 0;

	for (size_t i = 0; i < from->n_routes; i++) {
		const struct xovn_adv_route *r = &from->routes[i];

		if (xovn_adv_set_has(other, r))
			continue;
		failures += route_nl_blackhole(add, r->table, &r->prefix, XOVN_RTPROT,
					       XOVN_RT_METRIC) < 0;
		(*count)++;
	}
	return failures;
}

/* The tables to want, and what they hold that a routing daemon put there.  0 ok, -1 logged. */
static int sync_tables(struct route_exchange *rx, const struct xovn_adv_set *want,
		       struct xovn_learned_set *learned)
{
	struct learned_scan scan = { .learned = learned };
	struct xovn_adv_set have;
	size_t added = 0, removed = 0;
	int rc, failures;

	xovn_adv_set_init(&have);
	rc = route_nl_list(0, XOVN_RTPROT, collect_ours, &have);
	xovn_adv_set_finish(&have);
	/* Withdrawn first: a table never holds more than the two sets together. */
	failures = rc < 0 ? 1 : write_missing(&have, want, 0, &removed) +
				write_missing(want, &have, 1, &added);
	xovn_adv_set_free(&have);
	for (size_t i = 0; i < want->n_tables && rc == 0; i++)
		rc = route_nl_list(want->tables[i], 0, collect_learned, &scan);
	xovn_learned_sort(learned);
	if (rc == 0)
		log_other_family(rx, scan.other_family);
	if (failures || rc < 0) {
		if (!rx->failing)
			log_info("route exchange: cannot bring the routing tables along (%s); "
				 "retrying every second", rc < 0 ? strerror(-rc) : "a route was refused");
		rx->failing = 1;
		return -1;
	}
	if (added || removed || rx->failing)
		log_info("route exchange: +%zu -%zu advertised routes (%zu in %zu table%s)", added,
			 removed, want->n_routes, want->n_tables, want->n_tables == 1 ? "" : "s");
	rx->failing = 0;
	return 0;
}

/* The learned routes in force change: the typed model borrows them, so it is read anew. */
static void take_learned(struct route_exchange *rx, struct chassis *c,
			 struct xovn_learned_set *learned)
{
	chassis_forget_typed(c);
	xovn_learned_free(&rx->learned);
	rx->learned = *learned;
	xovn_learned_init(learned);
	c->learned = &rx->learned;
	log_info("route exchange: %zu learned route%s", rx->learned.n,
		 rx->learned.n == 1 ? "" : "s");
	chassis_apply(c);
}

void route_exchange_run(struct route_exchange *rx, struct chassis *c)
{
	const struct xovn_model *m = c->model ? chassis_typed(c) : NULL;
	struct xovn_learned_set learned;
	struct xovn_adv_set want;

	if (!m)
		return;
	xovn_adv_set_init(&want);
	if (xovn_advertise_compute(m, c->opt->chassis, &want) < 0) {
		log_info("route exchange: out of memory computing the advertised routes");
		xovn_adv_set_free(&want);
		return;
	}
	if (!rx->stale && rx->fd >= 0 && xovn_adv_set_equal(&want, &rx->applied)) {
		xovn_adv_set_free(&want);
		return;
	}
	xovn_learned_init(&learned);
	rx->stale = sync_tables(rx, &want, &learned) < 0;
	xovn_adv_set_free(&rx->applied);
	rx->applied = want;
	if (!rx->stale && !xovn_learned_equal(&learned, &rx->learned))
		take_learned(rx, c, &learned);
	xovn_learned_free(&learned);
}

static int remove_ours(const struct route_nl_entry *e, void *arg)
{
	(void)arg;
	route_nl_blackhole(0, e->table, &e->dst, XOVN_RTPROT, XOVN_RT_METRIC);
	return 0;
}

int route_exchange_flush(void)
{
	return route_nl_list(0, XOVN_RTPROT, remove_ours, NULL);
}
