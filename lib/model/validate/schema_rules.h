/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * schema_rules.h - the table form of schemas/nb.schema.json's objects, shared
 * by the schema pass's files (schema.c, schema_router.c): an object is a
 * table of its members and the check of each member's value.
 */
#ifndef XOVN_MODEL_SCHEMA_RULES_H
#define XOVN_MODEL_SCHEMA_RULES_H

#include "model/validate/validate.h"

typedef void (*value_check)(struct vctx *c, const json_t *v);

struct field {
	const char *key;
	value_check check;
};

struct object_rule {
	const struct field *fields;       /* ends with { NULL } */
	const char *const *required;      /* ends with NULL */
	value_check other_members;        /* NULL: additionalProperties false */
	value_check whole;                /* object-level rules, may be NULL */
};

void vcheck_object(struct vctx *c, const json_t *v, const struct object_rule *r);
void vcheck_array(struct vctx *c, const json_t *v, value_check item);

/* schema_router.c: "logical_routers" */
void vcheck_router_rows(struct vctx *c, const json_t *v);
/* schema_nat.c: a router's "nat", a router port's "gateway_chassis" */
void vcheck_nat_rows(struct vctx *c, const json_t *v);
void vcheck_gateway_chassis_rows(struct vctx *c, const json_t *v);

#endif
