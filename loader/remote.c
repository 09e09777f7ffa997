// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * remote.c - walking the other chassis' encap IPs for the neighbour table.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "neigh.h"
#include "remote.h"
#include "remote_hops.h"
#include "util/u32_list.h"
#include "xovn_maps.h"

void remotes_init(struct remotes *r)
{
	memset(r, 0, sizeof(*r));
	r->hops_map_fd = r->hops_sub_fd = -1;
}

void remotes_follow_hops(struct remotes *r, int hops_map_fd)
{
	r->hops_map_fd = hops_map_fd;
	if (hops_map_fd >= 0 && r->hops_sub_fd < 0)
		r->hops_sub_fd = remote_hops_subscribe();
	/* Not following the kernel: no entry may stay. */
	if (r->hops_sub_fd < 0)
		remote_hops_clear(hops_map_fd);
}

void remotes_free(struct remotes *r)
{
	remote_hops_clear(r->hops_map_fd);
	if (r->hops_sub_fd >= 0)
		close(r->hops_sub_fd);
	free(r->ips);
	remotes_init(r);
}

int remotes_hops_fd(const struct remotes *r)
{
	return r->hops_sub_fd;
}

static void refresh_hops(struct remotes *r)
{
	if (r->hops_sub_fd >= 0)
		remote_hops_refresh(r->hops_map_fd, r->ifindex, r->encap_ip, r->ips, r->n);
}

void remotes_underlay_changed(struct remotes *r)
{
	int what;

	if (r->hops_sub_fd < 0)
		return;
	what = remote_hops_drain(r->hops_sub_fd, r->ifindex);
	/* What changed is unknown: no entry may outlive it. */
	if (what == REMOTE_HOPS_LOST)
		remote_hops_clear(r->hops_map_fd);
	if (what != REMOTE_HOPS_QUIET)
		refresh_hops(r);
}

static uint32_t underlay_ifindex(const struct xovn_mapset *applied, uint32_t *encap_ip)
{
	struct xovn_config cfg;

	if (xovn_mapset_config(applied, &cfg))
		return *encap_ip = 0;
	*encap_ip = cfg.encap_ip;
	return cfg.underlay_ifindex;
}

static const char *ip_str(uint32_t ip_be, char *buf, size_t len)
{
	return inet_ntop(AF_INET, &ip_be, buf, (socklen_t)len) ? buf : "?";
}

static void release_gone(const struct remotes *r, uint32_t ifindex, const uint32_t *ips, size_t n)
{
	char buf[INET_ADDRSTRLEN];

	for (size_t i = 0; i < r->n; i++) {
		if (r->ifindex == ifindex && xovn_u32_in(ips, n, r->ips[i]))
			continue;
		if (xovn_neigh_release((int)r->ifindex, r->ips[i]) == 0)
			log_debug("released neighbour %s", ip_str(r->ips[i], buf, sizeof(buf)));
	}
}

static void underlay_fib_ready(uint32_t ifindex)
{
	char ifname[IF_NAMESIZE];
	int err;

	if (!if_indextoname(ifindex, ifname))
		return;
	err = xovn_neigh_enable_fib_lookup(ifname);
	if (err < 0)
		log_info("cannot enable FIB lookups on %s: %s", ifname, strerror(-err));
}

void remotes_sync(struct remotes *r, const uint32_t *want, size_t n_want,
		  const struct xovn_mapset *applied)
{
	uint32_t encap_ip, ifindex = underlay_ifindex(applied, &encap_ip);
	char buf[INET_ADDRSTRLEN];
	uint32_t *ips;
	/* No underlay here: nothing is tunneled, nothing to resolve. */
	size_t n = ifindex ? n_want : 0;

	ips = calloc(n + 1, sizeof(*ips));
	if (!ips)
		return;
	memcpy(ips, want, n * sizeof(*ips));
	release_gone(r, ifindex, ips, n);
	if (ifindex)
		underlay_fib_ready(ifindex);
	for (size_t i = 0; i < n; i++) {
		int err = xovn_neigh_keep_resolved((int)ifindex, ips[i]);

		/* Said once per chassis, not on every link event. */
		if (err < 0 && !xovn_u32_in(r->ips, r->n, ips[i]))
			log_info("cannot resolve the chassis at %s yet: %s",
				 ip_str(ips[i], buf, sizeof(buf)), strerror(-err));
	}
	free(r->ips);
	r->ips = ips;
	r->n = n;
	r->ifindex = ifindex;
	r->encap_ip = encap_ip;
	refresh_hops(r);
}
