/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * routers.c - finding logical routers and their ports as ovn-nbctl does:
 * by _uuid first, then by name.
 */
#include <string.h>

#include "ctl.h"
#include "model/dhcp.h"
#include "model/model.h"

static int row_is(const json_t *row, const char *id)
{
	const char *uuid = ctl_str(row, "_uuid"), *name = ctl_str(row, "name");

	return (uuid && strcmp(uuid, id) == 0) || (name && strcmp(name, id) == 0);
}

json_t *ctl_find_router(json_t *model, const char *id)
{
	json_t *lr;
	size_t i;

	json_array_foreach(json_object_get(model, "logical_routers"), i, lr)
		if (row_is(lr, id))
			return lr;
	return NULL;
}

json_t *ctl_find_router_port(json_t *model, const char *id, json_t **lr_out)
{
	json_t *lr, *lrp;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_routers"), i, lr) {
		json_array_foreach(json_object_get(lr, "ports"), j, lrp) {
			if (!row_is(lrp, id))
				continue;
			if (lr_out)
				*lr_out = lr;
			return lrp;
		}
	}
	return NULL;
}

static const char *id_kind(const char *id)
{
	return xovn_uuid_syntax_ok(id) ? "UUID" : "name";
}

json_t *ctl_need_router(json_t *model, const char *id)
{
	json_t *lr = ctl_find_router(model, id);

	if (!lr)
		ctl_fail("%s: router %s not found", id, id_kind(id));
	return lr;
}

json_t *ctl_need_router_port(json_t *model, const char *id, json_t **lr_out)
{
	json_t *lrp = ctl_find_router_port(model, id, lr_out);

	if (!lrp)
		ctl_fail("%s: port %s not found", id, id_kind(id));
	return lrp;
}
