/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * names.h - the words operators read instead of numbers: drop reasons,
 * trace actions, and model names behind the keys found in the maps.
 *
 * Shared by `xovnctl trace`, `xovnctl stats` and the metrics endpoint of
 * xovnd, so a reason is spelled the same everywhere.
 */
#ifndef XOVN_NAMES_H
#define XOVN_NAMES_H

#include <stdint.h>

#include "model/types.h"

/* "malformed", "no-port", ...; "unknown" out of range. */
const char *xovn_drop_reason_name(unsigned reason);
/* "drop", "deliver", "tunnel", "localnet", "flood", "arp-reply", "pass". */
const char *xovn_action_name(unsigned action);
/* "local", "tunnel", "localnet". */
const char *xovn_out_kind_name(unsigned kind);
/* "" (VIF) "localport" ...: the model's own spelling. */
const char *xovn_port_type_name(unsigned type);

/* The switch whose tunnel_key is dp_key, NULL if none. */
const char *xovn_switch_by_key(const struct xovn_model *model, uint32_t dp_key);
/*
 * The port with port_key on switch dp_key; group keys give OVN's names
 * "_MC_flood" and "_MC_unknown".  NULL if none.
 */
const char *xovn_port_by_key(const struct xovn_model *model, uint32_t dp_key, uint16_t port_key);
/* The chassis whose encap IP is ip (network order), NULL if none. */
/* A logical router by its key, and one of its ports by (router key, port key); NULL if none. */
const char *xovn_router_by_key(const struct xovn_model *model, uint32_t rtr_key);
const char *xovn_lrp_by_key(const struct xovn_model *model, uint32_t rtr_key, uint16_t lrp_key);
/* The active gateway chassis of a distributed gateway port, as the model says; NULL if none. */
const char *xovn_gateway_by_key(const struct xovn_model *model, uint32_t rtr_key,
				uint16_t lrp_key);
const char *xovn_chassis_by_ip(const struct xovn_model *model, uint32_t ip);

/* Keys of a port by name: 0 ok, -1 when there is no such port or it has no keys. */
int xovn_port_keys(const struct xovn_model *model, const char *port, uint32_t *dp_key,
		   uint16_t *port_key);

#endif /* XOVN_NAMES_H */
