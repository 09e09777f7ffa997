/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nb_nat.h - a logical router's NAT rules from OVN's Northbound database
 * (ovn-nb(5) NAT, what lr-nat-add writes).  ovn-northd turns them into
 * logical flows only, so, like static routes (nb_routes.h), they are read
 * from the NB session and joined to the SB router by its Datapath_Binding's
 * external_ids:logical-router.
 */
#ifndef XOVN_OVSDB_NB_NAT_H
#define XOVN_OVSDB_NB_NAT_H

#include <jansson.h>

#include "ovsdb/replica.h"

/* The NAT table's entry of the NB "monitor" request: the columns read. */
json_t *nb_nat_monitor_request(void);

/*
 * The NAT rules of Logical_Router lr_uuid as the model's nat objects (a
 * new array, in an order that does not depend on UUIDs); NULL when the NB
 * has no such router.
 */
json_t *nb_router_nat(const struct ovsdb_replica *nb, const char *lr_uuid);

#endif /* XOVN_OVSDB_NB_NAT_H */
