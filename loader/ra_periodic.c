// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ra_periodic.c - unsolicited router advertisements (ipv6_ra_configs
 * send_periodic=true), as ovn-controller's pinctrl sends them: every VIF of
 * this chassis on an advertising switch gets the switch's advertisement to
 * all nodes, written with AF_PACKET into the host side of the VIF (which
 * hands it to the VM), jittered between min_interval and max_interval.
 * Each chassis sends to its own VIFs only, so nothing crosses a tunnel.
 * The first one goes out within a second of the VIF's entry.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "chassis.h"
#include "compile/compile.h"
#include "frame/ra.h"
#include "log.h"
#include "ra_periodic.h"

#define LIST_EVERY_NS (5ull * 1000000000ull)
#define NS_PER_S 1000000000ull

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

void ra_periodic_init(struct ra_periodic *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->sock = -1;
	srandom((unsigned)monotonic_ns());
}

void ra_periodic_free(struct ra_periodic *rp)
{
	free(rp->v);
	free(rp->next_ns);
	if (rp->sock >= 0)
		close(rp->sock);
	ra_periodic_init(rp);
}

/* A random delay in [min, max] seconds (RFC 4861 6.2.4). */
static uint64_t jitter_ns(const struct xovn_ra_periodic *p)
{
	uint64_t span = p->max_interval > p->min_interval ? p->max_interval - p->min_interval : 0;

	return (p->min_interval * NS_PER_S) + (uint64_t)random() % (span * NS_PER_S + 1);
}

/* When the VIF last had an entry, its schedule carries over; a new one is due now. */
static uint64_t carried_over(const struct ra_periodic *old, const char *ifname, uint64_t now)
{
	for (size_t i = 0; i < old->n; i++)
		if (!strcmp(old->v[i].ifname, ifname))
			return old->next_ns[i];
	return now;
}

static void relist(struct chassis *c, struct ra_periodic *rp, uint64_t now)
{
	const struct xovn_model *typed = chassis_typed(c);
	struct xovn_ra_periodic *v;
	uint64_t *next;
	size_t n;

	rp->listed_ns = now;
	if (!typed || xovn_ra_periodic_list(typed, c->opt->chassis, &v, &n))
		return;
	next = calloc(n + 1, sizeof(*next));
	if (!next) {
		free(v);
		return;
	}
	for (size_t i = 0; i < n; i++)
		next[i] = carried_over(rp, v[i].ifname, now);
	free(rp->v);
	free(rp->next_ns);
	rp->v = v;
	rp->next_ns = next;
	rp->n = n;
}

static void send_one(struct ra_periodic *rp, const struct xovn_ra_periodic *p)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_halen = 6 };
	uint8_t frame[64 + XOVN_RA_MSG_MAX];
	size_t len = xovn_frame_ra_all_nodes(frame, sizeof(frame), &p->ra);

	if (rp->sock < 0)
		rp->sock = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	to.sll_ifindex = (int)if_nametoindex(p->ifname);
	to.sll_protocol = htons(ETH_P_IPV6);
	memcpy(to.sll_addr, frame, 6);
	if (rp->sock < 0 || !len || !to.sll_ifindex ||
	    sendto(rp->sock, frame, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		log_debug("router advertisement to %s not sent", p->ifname);
}

void ra_periodic_run(struct chassis *c, struct ra_periodic *rp)
{
	uint64_t now = monotonic_ns();

	if (now - rp->listed_ns >= LIST_EVERY_NS || !rp->listed_ns)
		relist(c, rp, now);
	for (size_t i = 0; i < rp->n; i++) {
		if (rp->next_ns[i] > now)
			continue;
		send_one(rp, &rp->v[i]);
		rp->next_ns[i] = now + jitter_ns(&rp->v[i]);
	}
}
