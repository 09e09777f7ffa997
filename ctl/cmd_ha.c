/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_ha.c - HA chassis groups: the ordered set of chassis that may hold an
 * external port.
 */
#include "ctl.h"
#include "model/model.h"

static int group_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	if (ctl_check_name("ha chassis group", argv[0]))
		return -1;
	if (xovn_find_group(ctx->model, argv[0])) {
		if (ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
			return 0;
		return ctl_fail("%s: an ha chassis group with this name already exists", argv[0]);
	}
	json_array_append_new(ctl_array(ctx->model, "ha_chassis_groups"),
			      json_pack("{s:s, s:[]}", "name", argv[0], "members"));
	return 0;
}

/* Ports that named the group lose the reference (they become held by nobody). */
static int group_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *groups = json_object_get(ctx->model, "ha_chassis_groups");
	int idx = ctl_index_by_name(groups, "name", argv[0]);

	(void)argc;
	if (idx < 0) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: ha chassis group name not found", argv[0]);
	}
	ctl_forget_group(ctx->model, argv[0]);
	json_array_remove(groups, idx);
	return 0;
}

/* Adding a chassis that is already a member updates its priority, as in OVN. */
static int group_add_chassis(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *group = ctl_need_group(ctx->model, argv[0]);
	json_t *members;
	long prio;
	int idx;

	(void)argc;
	/* A chassis that registers later may be named now; it counts once it exists. */
	if (!group || ctl_check_name("chassis", argv[1]) ||
	    ctl_parse_long("priority", argv[2], 0, 32767, &prio))
		return -1;
	members = ctl_array(group, "members");
	idx = ctl_index_by_name(members, "chassis", argv[1]);
	if (idx >= 0) {
		json_object_set_new(json_array_get(members, idx), "priority",
				    json_integer(prio));
		return 0;
	}
	json_array_append_new(members, json_pack("{s:s, s:I}", "chassis", argv[1],
						 "priority", (json_int_t)prio));
	return 0;
}

static int group_remove_chassis(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *group = ctl_need_group(ctx->model, argv[0]);
	json_t *members;
	int idx;

	(void)argc;
	if (!group)
		return -1;
	members = json_object_get(group, "members");
	idx = ctl_index_by_name(members, "chassis", argv[1]);
	if (idx < 0)
		return ctl_fail("%s: chassis %s is not a member of this group",
				argv[0], argv[1]);
	json_array_remove(members, idx);
	return 0;
}

static int group_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ctl_print_sorted_names(ctx->out, json_object_get(ctx->model, "ha_chassis_groups"));
	return 0;
}

const struct ctl_verb ctl_ha_verbs[] = {
	{ "ha-chassis-group-add", 1, 1, 1, CTL_OPT_MAY_EXIST, group_add },
	{ "ha-chassis-group-del", 1, 1, 1, CTL_OPT_IF_EXISTS, group_del },
	{ "ha-chassis-group-list", 0, 0, 0, 0, group_list },
	{ "ha-chassis-group-add-chassis", 3, 3, 1, 0, group_add_chassis },
	{ "ha-chassis-group-remove-chassis", 2, 2, 1, 0, group_remove_chassis },
	{ 0 }
};
