// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * schema_nat.c - the schema rules of a router's "nat" rows and a router
 * port's "gateway_chassis" rows (schemas/nb.schema.json's nat and
 * gateway_chassis).  Addresses are only strings here: which address a NAT
 * type allows, and in which family, is the semantic pass's question
 * (semantic_nat.c), as ovn-nbctl's lr-nat-add answers it.
 */
#include <stdlib.h>
#include <string.h>

#include "model/validate/schema_rules.h"
#include "model/nat.h"

static void check_nat_type(struct vctx *c, const json_t *v)
{
	static const char *const types[] = { "snat", "dnat", "dnat_and_snat", NULL };

	vcheck_enum(c, v, types);
}

static void check_ip_string(struct vctx *c, const json_t *v)
{
	vcheck_string_len(c, v, 1, 64);
}

static void check_port_range(struct vctx *c, const json_t *v)
{
	if (vcheck_type(c, v, JSON_STRING, "a string") &&
	    !xovn_nat_port_range_syntax_ok(json_string_value(v)))
		vreport(c, "pattern", "\"%s\" is not PORT or LOW-HIGH", json_string_value(v));
}

static void check_nat(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", vcheck_uuid },
		{ "type", check_nat_type },
		{ "external_ip", check_ip_string },
		{ "logical_ip", check_ip_string },
		{ "logical_port", vcheck_name },
		{ "external_mac", vcheck_mac },
		{ "external_port_range", check_port_range },
		{ "options", vcheck_string_map },
		{ NULL, NULL },
	};
	static const char *const required[] = { "type", "external_ip", "logical_ip", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	vcheck_object(c, v, &rule);
}

void vcheck_nat_rows(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_nat);
}

static void check_gateway_name(struct vctx *c, const json_t *v)
{
	vcheck_string_len(c, v, 1, 255);
}

static void check_gateway_chassis(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", vcheck_uuid },
		{ "name", check_gateway_name },
		{ "chassis_name", vcheck_name },
		{ "priority", vcheck_priority },
		{ "options", vcheck_string_map },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", "chassis_name", "priority", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	vcheck_object(c, v, &rule);
}

void vcheck_gateway_chassis_rows(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_gateway_chassis);
}
