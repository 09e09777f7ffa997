/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_routers.h - logical routers from OVN's Southbound rows, as
 * ovn-northd writes them: a router's Datapath_Binding (external_ids
 * logical-router, name, tunnel_key) and the Port_Bindings of type "patch"
 * (or "l3gateway", a gateway router's) on it, whose "mac" column is
 * "MAC NETWORK/PLEN...".  The other end of a router port on a switch is a
 * Port_Binding of the same type on the switch's datapath, whose
 * options:peer names the router port: in the model, a switch port of type
 * "router" with options:router-port.
 *
 * A "chassisredirect" Port_Binding (cr-PORT) on a router makes the port
 * its options:distributed-port names a distributed gateway port of the
 * row's HA_Chassis_Group.
 *
 * Static routes and NAT rules are not SB rows; they come from the NB
 * (nb_routes.h, nb_nat.h) when xovnd has it, and a router has only its
 * connected networks otherwise.
 */
#ifndef XOVN_OVSDB_SB_ROUTERS_H
#define XOVN_OVSDB_SB_ROUTERS_H

#include <jansson.h>

#include "ovsdb/replica.h"

/* Is Datapath_Binding row dp a logical router's? */
int sb_is_router_dp(const json_t *dp);

/* Is a Port_Binding of this type one end of a router-to-switch or router-to-router link? */
int sb_is_patch_type(const char *type);

/*
 * Turns port (a switch port built from Port_Binding pb, whose type is a
 * patch type) into the model's switch port of type "router".
 */
void sb_patch_as_router_port(json_t *port, const json_t *pb);

/*
 * The model's logical_routers from the SB (a new array, by tunnel key),
 * with static routes and options from nb when it is not NULL.  Rows that
 * cannot be used get a line in skipped.
 */
json_t *sb_routers_build(const struct ovsdb_replica *sb, const struct ovsdb_replica *nb,
			 json_t *skipped);

#endif /* XOVN_OVSDB_SB_ROUTERS_H */
