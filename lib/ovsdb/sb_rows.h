/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_rows.h - the SB rows a chassis owns, as ovn-controller keeps them:
 * its Chassis (with its geneve Encap and ovn-bridge-mappings) and
 * Chassis_Private rows, the claims of the Port_Bindings of its interfaces
 * (chassis and up) and of the gateways it holds (chassisredirect), and Chassis_Private.nb_cfg once a configuration is in
 * its maps.  Pure: from the replica and the wanted state to the "transact"
 * operations that bring the database there (none when it is there).
 */
#ifndef XOVN_OVSDB_SB_ROWS_H
#define XOVN_OVSDB_SB_ROWS_H

#include <jansson.h>

#include "ovsdb/replica.h"

struct sb_chassis_want {
	const char *name;           /* system-id */
	const char *hostname;
	const char *encap_ip;       /* geneve */
	const json_t *bridge_mappings; /* {"net": "iface"} or NULL */
	const json_t *vifs;         /* the local chassis' vifs: [{iface, port}] */
	const json_t *gateways;     /* {"LRP": true}: the distributed gateway ports this
				     * chassis is the active gateway of, or NULL */
	long long nb_cfg;           /* applied SB_Global.nb_cfg, -1 for none yet */
};

/*
 * Fills want's encap_ip, bridge_mappings and vifs from this chassis' object
 * of the model (borrowed from it).  0 ok, -1 when it has no encap IP.
 */
int sb_chassis_want_local(struct sb_chassis_want *want, const json_t *local);

/*
 * Appends to ops the operations that make the SB say what want says.
 * Returns the number appended.
 */
size_t sb_rows_ops(const struct ovsdb_replica *sb, const struct sb_chassis_want *want,
		   json_t *ops);

/* Does requested-chassis list (comma-separated) name this chassis or host? */
int sb_requested_here(const char *list, const char *name, const char *hostname);

#endif /* XOVN_OVSDB_SB_ROWS_H */
