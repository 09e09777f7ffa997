// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* gw_announce.c - which gateway ports a map write made active here (gw_announce.h). */
#include <stddef.h>
#include <string.h>

#include "dataplane/gw_announce.h"
#include "xovn_map_table.h"

static const void *value_of(const struct xovn_mapset *s, uint32_t map, const void *key,
			    uint16_t key_len, uint16_t val_len)
{
	const struct xovn_map_entry *e = xovn_mapset_find(s, map, key, key_len);

	return e && e->val_len == val_len ? e->val : NULL;
}

/*
 * The port's IPv6 addresses: the router's LOCAL IPv6 host routes that
 * belong to it, contiguous in the sorted set (same prefix length, router
 * and family in front of the address).
 */
static void ip6_of(const struct xovn_mapset *applied, const struct xovn_rport_key *k,
		   struct xovn_gw_announce *a)
{
	struct xovn_route_key rk = { .prefixlen = XOVN_ROUTE_FIXED_BITS + 128,
				     .rtr_key = k->rtr_key, .family = XOVN_AF_IPV6 };
	size_t i = xovn_mapset_lower_bound(applied, XOVN_MAP_ROUTES, &rk, sizeof(rk));

	for (; i < applied->n && a->n_ip6 < XOVN_GW_ANNOUNCE_IP6_MAX; i++) {
		const struct xovn_map_entry *e = &applied->v[i];
		const struct xovn_route_val *rv = (const void *)e->val;

		if (e->map != XOVN_MAP_ROUTES || e->key_len != sizeof(rk) ||
		    memcmp(e->key, &rk, offsetof(struct xovn_route_key, ip)) != 0)
			break;
		if (e->val_len == sizeof(*rv) && (rv->flags & XOVN_RT_LOCAL) && rv->n_paths &&
		    rv->paths[0].lrp_key == k->lrp_key)
			memcpy(&a->ip6[a->n_ip6++], ((const struct xovn_route_key *)e->key)->ip, 16);
	}
}

/* The announcement for gateway port k, active here with value gw; 0 ok, -1 nothing to send. */
static int announce_of(const struct xovn_mapset *applied, const struct xovn_rport_key *k,
		       const struct xovn_gw_port_val *gw, struct xovn_gw_announce *a)
{
	const struct xovn_rport_val *rp = value_of(applied, XOVN_MAP_RPORTS, k, sizeof(*k),
						   sizeof(*rp));
	const struct xovn_dp_val *dp = value_of(applied, XOVN_MAP_DATAPATHS, &gw->ls_dp_key,
						sizeof(gw->ls_dp_key), sizeof(*dp));
	struct xovn_port_key pk = { .dp_key = gw->ls_dp_key };
	const struct xovn_port_val *ln;

	if (!rp || !dp || !(dp->flags & XOVN_DPF_LOCALNET))
		return -1;
	pk.port_key = dp->localnet_port;
	ln = value_of(applied, XOVN_MAP_PORTS, &pk, sizeof(pk), sizeof(*ln));
	if (!ln || !(ln->flags & XOVN_PF_LOCAL))
		return -1;
	memset(a, 0, sizeof(*a));
	a->ifindex = ln->ifindex;
	a->vid = ln->vid;
	memcpy(a->mac, rp->mac, sizeof(a->mac));
	a->ip4 = rp->ip4;
	ip6_of(applied, k, a);
	return a->ip4 || a->n_ip6 ? 0 : -1;
}

size_t xovn_gw_announcements(const struct xovn_mapset *up, const struct xovn_mapset *applied,
			     struct xovn_gw_announce *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < up->n && n < max; i++) {
		const struct xovn_map_entry *e = &up->v[i];
		const struct xovn_gw_port_val *gw = (const void *)e->val;

		if (e->map != XOVN_MAP_GW_PORTS || e->key_len != sizeof(struct xovn_rport_key) ||
		    e->val_len != sizeof(*gw) || !(gw->flags & XOVN_GW_ACTIVE_HERE))
			continue;
		if (announce_of(applied, (const void *)e->key, gw, &out[n]) == 0)
			n++;
	}
	return n;
}
