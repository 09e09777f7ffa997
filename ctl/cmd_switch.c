/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_switch.c - logical switches and adding/removing their ports:
 * ls-add, ls-del, ls-list, lsp-add, lsp-del, lsp-list.
 */
#include <string.h>

#include "ctl.h"
#include "model/model.h"

static long requested_key(const struct ctl_ctx *ctx)
{
	return ctl_has_opt(ctx, CTL_OPT_TUNNEL_KEY) ? ctx->cmd->tunnel_key : 0;
}

static int ls_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	const char *name = argv[0];
	json_t *sw;

	(void)argc;
	if (ctl_check_name("switch", name))
		return -1;
	if (xovn_find_switch(ctx->model, name)) {
		if (ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
			return 0;
		return ctl_fail("%s: a switch with this name already exists", name);
	}
	sw = json_pack("{s:s, s:[]}", "name", name, "ports");
	if (ctl_assign_switch_key(ctx->model, sw, requested_key(ctx))) {
		json_decref(sw);
		return -1;
	}
	json_array_append_new(ctl_array(ctx->model, "logical_switches"), sw);
	return 0;
}

/* Removes the switch and, as in OVN, all of its ports with it. */
static int ls_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *switches = json_object_get(ctx->model, "logical_switches");
	int idx = ctl_index_by_name(switches, "name", argv[0]);
	json_t *port;
	size_t i;

	(void)argc;
	if (idx < 0) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: switch name not found", argv[0]);
	}
	json_array_foreach(json_object_get(json_array_get(switches, idx), "ports"), i, port)
		ctl_forget_port(ctx->model, ctl_str(port, "name"));
	json_array_remove(switches, idx);
	return 0;
}

static int ls_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ctl_print_sorted_names(ctx->out, json_object_get(ctx->model, "logical_switches"));
	return 0;
}

/*
 * A container port's parent must be a plain VIF: type "" and no parent
 * itself.  A parent not created yet is allowed, as ovn-nbctl allows it:
 * the container port stays inactive until it exists and is bound.
 */
static int check_parent(json_t *model, const char *parent)
{
	json_t *p = xovn_find_port(model, parent, NULL);

	if (!p)
		return 0;
	if (xovn_port_type_str(p)[0] != '\0' || json_object_get(p, "parent_name"))
		return ctl_fail("%s: parent port is not a VIF (type \"\" without a parent)",
				parent);
	return 0;
}

static int check_tag_free(json_t *model, const char *parent, long tag)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *p = ctl_str(port, "parent_name");

			if (p && strcmp(p, parent) == 0 &&
			    json_integer_value(json_object_get(port, "tag")) == tag)
				return ctl_fail("tag %ld is already used by port %s under parent %s",
						tag, ctl_str(port, "name"), parent);
		}
	}
	return 0;
}

/* --may-exist: an existing port is fine if it is the same port on the same switch. */
static int port_exists(struct ctl_ctx *ctx, json_t *sw, const char *name)
{
	json_t *old_sw;

	if (!xovn_find_port(ctx->model, name, &old_sw)) {
		if (ctl_find_router_port(ctx->model, name, NULL))
			return ctl_fail("%s: a logical router port has this name (router and "
					"switch ports share one name space)", name);
		return 0;
	}
	if (!ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
		return ctl_fail("%s: a port with this name already exists", name);
	if (old_sw != sw)
		return ctl_fail("%s: port already exists on switch %s", name,
				ctl_str(old_sw, "name"));
	return 1;
}

static int lsp_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *sw, *port;
	long tag = 0;
	int exists;

	if (argc == 3)
		return ctl_fail("lsp-add: PARENT given without TAG");
	sw = ctl_need_switch(ctx->model, argv[0]);
	if (!sw || ctl_check_name("port", argv[1]))
		return -1;
	exists = port_exists(ctx, sw, argv[1]);
	if (exists)
		return exists < 0 ? -1 : 0;
	if (argc == 4 && (check_parent(ctx->model, argv[2]) ||
			  ctl_parse_long("tag", argv[3], 1, 4094, &tag) ||
			  check_tag_free(ctx->model, argv[2], tag)))
		return -1;

	port = json_pack("{s:s}", "name", argv[1]);
	if (argc == 4) {
		json_object_set_new(port, "parent_name", json_string(argv[2]));
		json_object_set_new(port, "tag", json_integer(tag));
	}
	if (ctl_assign_port_key(sw, port, requested_key(ctx))) {
		json_decref(port);
		return -1;
	}
	json_array_append_new(ctl_array(sw, "ports"), port);
	return 0;
}

/*
 * Refuses to delete a parent that still has container ports: they share its
 * interface and would be left without one.  Delete the children first
 * (earlier in the same chain is fine).
 */
static int lsp_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	const char *child;
	json_t *sw, *ports;

	(void)argc;
	if (!xovn_find_port(ctx->model, argv[0], &sw)) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: port name not found", argv[0]);
	}
	child = ctl_first_child(ctx->model, argv[0]);
	if (child)
		return ctl_fail("%s: port is the parent of container port %s; delete the "
				"container ports first", argv[0], child);
	ctl_forget_port(ctx->model, argv[0]);
	ports = json_object_get(sw, "ports");
	json_array_remove(ports, ctl_index_by_name(ports, "name", argv[0]));
	return 0;
}

static int lsp_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *sw = ctl_need_switch(ctx->model, argv[0]);

	(void)argc;
	if (!sw)
		return -1;
	ctl_print_sorted_names(ctx->out, json_object_get(sw, "ports"));
	return 0;
}

const struct ctl_verb ctl_switch_verbs[] = {
	{ "ls-add", 1, 1, 1, CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, ls_add },
	{ "ls-del", 1, 1, 1, CTL_OPT_IF_EXISTS, ls_del },
	{ "ls-list", 0, 0, 0, 0, ls_list },
	{ "lsp-add", 2, 4, 1, CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, lsp_add },
	{ "lsp-del", 1, 1, 1, CTL_OPT_IF_EXISTS, lsp_del },
	{ "lsp-list", 1, 1, 0, 0, lsp_list },
	{ 0 }
};
