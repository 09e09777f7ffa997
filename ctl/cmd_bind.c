/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_bind.c - where ports live: VIF attachments (vif-attach/vif-detach,
 * like OVS external_ids:iface-id) and explicit bindings (lsp-bind/unbind).
 */
#include <string.h>

#include "ctl.h"
#include "model/model.h"

/* Where else the port is attached: chassis name and iface, or NULL. */
static const char *find_attachment(const json_t *model, const char *port,
				   const char *only_chassis, const char **iface)
{
	json_t *ch, *vif;
	size_t i, j;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *name = ctl_str(ch, "name");

		if (only_chassis && strcmp(name, only_chassis) != 0)
			continue;
		json_array_foreach(json_object_get(ch, "vifs"), j, vif) {
			if (strcmp(ctl_str(vif, "port"), port) == 0) {
				*iface = ctl_str(vif, "iface");
				return name;
			}
		}
	}
	return NULL;
}

/*
 * A VIF lives on one chassis; a localport may have one instance on every
 * chassis.  A container port has no interface of its own.
 */
static int check_attachable(json_t *model, json_t *port, const char *chassis)
{
	const char *name = ctl_str(port, "name");
	const char *type = xovn_port_type_str(port);
	int is_localport = strcmp(type, "localport") == 0;
	const char *where, *iface;

	if (type[0] != '\0' && !is_localport)
		return ctl_fail("%s: only VIF and localport ports can be attached "
				"(type is %s)", name, type);
	if (json_object_get(port, "parent_name"))
		return ctl_fail("%s: a container port uses its parent's interface; "
				"attach %s instead", name, ctl_str(port, "parent_name"));
	where = find_attachment(model, name, is_localport ? chassis : NULL, &iface);
	if (where)
		return ctl_fail("%s: port is already attached on chassis %s (iface %s); "
				"vif-detach it first", name, where, iface);
	return 0;
}

/* Re-attaching an interface to another port replaces its old port, as iface-id does. */
static int vif_attach(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *ch = ctl_need_chassis(ctx->model, argv[0]);
	json_t *port, *vifs;
	int idx;

	(void)argc;
	if (!ch || ctl_check_ifname(argv[1]))
		return -1;
	/* Like iface-id, an interface may name a port that is created later. */
	if (ctl_check_name("port", argv[2]))
		return -1;
	port = xovn_find_port(ctx->model, argv[2], NULL);
	vifs = ctl_array(ch, "vifs");
	idx = ctl_index_by_name(vifs, "iface", argv[1]);
	if (idx >= 0 && strcmp(ctl_str(json_array_get(vifs, idx), "port"), argv[2]) == 0)
		return 0;
	if (idx >= 0)
		json_array_remove(vifs, idx);
	if (port && check_attachable(ctx->model, port, argv[0]))
		return -1;
	json_array_append_new(vifs, json_pack("{s:s, s:s}", "iface", argv[1], "port", argv[2]));
	return 0;
}

static int vif_detach(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *ch = ctl_need_chassis(ctx->model, argv[0]);
	json_t *vifs;
	int idx;

	(void)argc;
	if (!ch)
		return -1;
	vifs = json_object_get(ch, "vifs");
	idx = ctl_index_by_name(vifs, "iface", argv[1]);
	if (idx < 0) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: no VIF attached on interface %s", argv[0], argv[1]);
	}
	json_array_remove(vifs, idx);
	return 0;
}

/* localport and localnet exist on every chassis; nobody claims them. */
static int lsp_bind(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);
	json_t *bindings;
	const char *type;
	int idx;

	(void)argc;
	/* The chassis may be defined later: the binding waits for it. */
	if (!port || ctl_check_name("chassis", argv[1]))
		return -1;
	type = xovn_port_type_str(port);
	if (strcmp(type, "localport") == 0 || strcmp(type, "localnet") == 0)
		return ctl_fail("%s: a %s port is present on every chassis and cannot be bound",
				argv[0], type);
	bindings = ctl_array(ctx->model, "bindings");
	idx = ctl_index_by_name(bindings, "port", argv[0]);
	if (idx >= 0)
		json_array_remove(bindings, idx);
	json_array_append_new(bindings, json_pack("{s:s, s:s}", "port", argv[0],
						  "chassis", argv[1]));
	return 0;
}

static int lsp_unbind(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *bindings = json_object_get(ctx->model, "bindings");
	int idx;

	(void)argc;
	if (!ctl_need_port(ctx->model, argv[0], NULL))
		return -1;
	idx = ctl_index_by_name(bindings, "port", argv[0]);
	if (idx < 0) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: port has no explicit binding", argv[0]);
	}
	json_array_remove(bindings, idx);
	return 0;
}

const struct ctl_verb ctl_bind_verbs[] = {
	{ "vif-attach", 3, 3, 1, 0, vif_attach },
	{ "vif-detach", 2, 2, 1, CTL_OPT_IF_EXISTS, vif_detach },
	{ "lsp-bind", 2, 2, 1, 0, lsp_bind },
	{ "lsp-unbind", 1, 1, 1, CTL_OPT_IF_EXISTS, lsp_unbind },
	{ 0 }
};
