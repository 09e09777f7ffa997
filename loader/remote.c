// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * remote.c - walking the other chassis' encap IPs.
 */
#include <arpa/inet.h>
#include <string.h>

#include "log.h"
#include "remote.h"
#include "xovn_maps.h"

#if __has_include("neigh.h")
#include "neigh.h"
#define HAVE_NEIGH 1
#endif

static uint32_t underlay_ifindex(const struct xovn_mapset *applied)
{
	const struct xovn_map_entry *e;
	struct xovn_config cfg;
	uint32_t key = 0;

	e = xovn_mapset_find(applied, XOVN_MAP_CONFIG, &key, sizeof(key));
	if (!e || e->val_len != sizeof(cfg))
		return 0;
	memcpy(&cfg, e->val, sizeof(cfg));
	return cfg.underlay_ifindex;
}

void remote_keep_resolved(const json_t *model, const char *chassis,
			  const struct xovn_mapset *applied)
{
	uint32_t ifindex = underlay_ifindex(applied);
	const json_t *ch;
	size_t i;

	if (ifindex == 0)
		return; /* no underlay here: nothing is tunneled */
	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *name = json_string_value(json_object_get(ch, "name"));
		const char *ip = json_string_value(json_object_get(json_object_get(ch, "encap"), "ip"));
		struct in_addr addr;

		if (!name || !ip || strcmp(name, chassis) == 0 || inet_pton(AF_INET, ip, &addr) != 1)
			continue;
#ifdef HAVE_NEIGH
		if (xovn_neigh_keep_resolved((int)ifindex, addr.s_addr) < 0)
			log_debug("neighbour %s of chassis %s not resolved yet", ip, name);
#else
		log_debug("chassis %s at %s: neighbour left to the kernel", name, ip);
#endif
	}
}
