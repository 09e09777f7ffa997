// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * nb_nat.c - NB NAT rows -> the model's nat (see nb_nat.h).  Columns are
 * copied as they are; a rule the model refuses (an IPv6 address where
 * xovn takes IPv4 only, a port range out of bounds, ...) is left out by
 * the validator alone, with its reason (sb_leave_out.c).
 */
#include "ovsdb/datum.h"
#include "ovsdb/nb_nat.h"
#include "ovsdb/nb_routes.h"
#include "ovsdb/sb_cols.h"

json_t *nb_nat_monitor_request(void)
{
	return json_pack("{s:[s,s,s,s,s,s,s]}", "columns", "type", "external_ip", "logical_ip",
			 "logical_port", "external_mac", "external_port_range", "options");
}

static json_t *nat_from_row(const char *uuid, const json_t *row)
{
	json_t *nat = json_pack("{s:s}", "_uuid", uuid);
	json_t *opts = ovsdb_map_object(json_object_get(row, "options"));

	sb_copy_string(nat, "type", row, "type");
	sb_copy_string(nat, "external_ip", row, "external_ip");
	sb_copy_string(nat, "logical_ip", row, "logical_ip");
	sb_copy_string(nat, "logical_port", row, "logical_port");
	sb_copy_string(nat, "external_mac", row, "external_mac");
	sb_copy_string(nat, "external_port_range", row, "external_port_range");
	if (json_object_size(opts))
		json_object_set(nat, "options", opts);
	json_decref(opts);
	return nat;
}

/* By type, external IP and logical IP: what ovn-nbctl tells two rules apart by. */
static int nat_order(const void *a, const void *b)
{
	static const char *const keys[] = { "type", "external_ip", "logical_ip", "logical_port",
					    "_uuid" };

	return nb_order_by(*(json_t *const *)a, *(json_t *const *)b, keys,
			   sizeof(keys) / sizeof(keys[0]));
}

json_t *nb_router_nat(const struct ovsdb_replica *nb, const char *lr_uuid)
{
	return nb_router_rows(nb, lr_uuid, "nat", "NAT", nat_from_row, nat_order);
}
