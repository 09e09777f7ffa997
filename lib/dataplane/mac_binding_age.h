/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * mac_binding_age.h - aging of the neighbours routers learn (xovn_mac_binding,
 * OVN's MAC_Binding table).
 *
 * The datapath stamps each learned binding with the time it last saw the
 * neighbour answer (bpf_ktime_get_ns, CLOCK_MONOTONIC).  A router whose
 * options:mac_binding_age_threshold is a number of seconds > 0 forgets its
 * bindings older than that, as OVN does; the next packet to such a
 * neighbour asks again (ARP request / NS).  Routers without the option
 * keep their bindings until the map's LRU evicts them.
 */
#ifndef XOVN_MAC_BINDING_AGE_H
#define XOVN_MAC_BINDING_AGE_H

#include <stddef.h>
#include <stdint.h>

struct xovn_model;

/* One router's threshold. */
struct xovn_age_rule {
	uint32_t rtr_key;
	uint64_t max_age_ns;
};

struct xovn_age_rules {
	struct xovn_age_rule *v;   /* sorted by rtr_key */
	size_t n;
};

/* The rules of model's routers that set the option; 0 ok, -1 out of memory. */
int xovn_age_rules_from_model(const struct xovn_model *m, struct xovn_age_rules *out);
void xovn_age_rules_free(struct xovn_age_rules *r);

/*
 * Deletes the bindings in map_fd (xovn_mac_binding) older than their
 * router's threshold at now_ns.  Returns how many were deleted, -1 when
 * the map cannot be read.
 */
int xovn_mac_binding_age(int map_fd, const struct xovn_age_rules *rules, uint64_t now_ns);

#endif /* XOVN_MAC_BINDING_AGE_H */
