/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * sb_model.h - OVN's Southbound database as an xovn model.
 *
 * In the OVN-database mode the model is not a file: it is built from the
 * monitored SB rows (Datapath_Binding, Port_Binding, Chassis, Encap,
 * HA_Chassis_Group, HA_Chassis; routers in sb_routers.h) plus this chassis' local configuration
 * (its row of a local model file: encap interface, bridge mappings, which
 * interface is which logical port).  The result has the shape of
 * schemas/nb.schema.json, so the validator, the compiler and the daemon
 * treat it like a file.  Tunnel keys are ovn-northd's, never allocated here.
 */
#ifndef XOVN_OVSDB_SB_MODEL_H
#define XOVN_OVSDB_SB_MODEL_H

#include <jansson.h>

#include "ovsdb/replica.h"

/* The SB tables and columns xovnd monitors (a "monitor" request's third parameter). */
json_t *sb_model_monitor_requests(void);

/*
 * The model for chassis local (a chassis object of the model schema, or
 * NULL for none), with the routers' static routes and options from nb (the
 * NB replica of nb_routes.h; NULL: connected networks only).  Rows xovn cannot use (a port type it does not
 * implement, a name it cannot hold, a row the validator refuses) are left
 * out; each gets one line in skipped (an array of strings) for the log.
 * Returns a new reference, NULL when out of memory.
 */
json_t *sb_model_build(const struct ovsdb_replica *sb, const struct ovsdb_replica *nb,
		       const json_t *local, long long generation, json_t *skipped);

/*
 * One switch rebuilt from the rows of Datapath_Binding dp_uuid and its
 * Port_Bindings, as sb_model_build would build it; NULL when the row is
 * gone or is a router's.
 */
json_t *sb_model_switch(const struct ovsdb_replica *sb, const char *dp_uuid, json_t *skipped);

/*
 * Validates switches as they would stand in model (with its chassis, HA
 * groups and the bindings of their ports).  What spans switches (unique
 * port names, unique keys) the SB's own indexes guarantee.  0 when valid.
 */
int sb_model_check_switches(const json_t *model, const json_t *switches);

#endif /* XOVN_OVSDB_SB_MODEL_H */
