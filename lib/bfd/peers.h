/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * peers.h - the chassis this chassis runs a BFD session with, from the
 * typed model.
 *
 *   - every other member of an HA chassis group this chassis belongs to;
 *   - every other gateway chassis of a distributed gateway port
 *     (gateway_chassis, or its ha_chassis_group) this chassis serves;
 *   - between the gateway chassis of such a port and every other chassis:
 *     routers are distributed, so every chassis sends the port's
 *     centralized traffic to the active gateway and must see which one
 *     is alive.  Both ends derive the same pairs, so each session has a
 *     peer that runs it too.
 *
 * Only chassis with an encap IP count: it is where the session's packets go.
 */
#ifndef XOVN_BFD_PEERS_H
#define XOVN_BFD_PEERS_H

#include <stddef.h>

#include "model/types.h"

struct bfd_peer {
	const char *name;       /* borrowed from the model */
	const char *encap_ip;
};

struct bfd_peer_list {
	struct bfd_peer *v;     /* sorted by name, each chassis once */
	size_t n;
};

/* 0 ok (out filled, free it with bfd_peers_free), -1 out of memory. */
int bfd_peers_of(const struct xovn_model *m, const char *chassis, struct bfd_peer_list *out);
void bfd_peers_free(struct bfd_peer_list *l);

#endif /* XOVN_BFD_PEERS_H */
