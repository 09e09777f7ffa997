/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * remote.h - the other chassis as seen from this one: keeping the underlay
 * neighbour entry of each encap IP resolved, so the first Geneve frame to a
 * chassis does not wait for (or get lost in) ARP resolution.
 */
#ifndef XOVND_REMOTE_H
#define XOVND_REMOTE_H

#include <jansson.h>

#include "mapset.h"

/* For every other chassis of the model, on the underlay of the applied config. */
void remote_keep_resolved(const json_t *model, const char *chassis,
			  const struct xovn_mapset *applied);

#endif /* XOVND_REMOTE_H */
