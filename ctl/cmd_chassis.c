/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_chassis.c - chassis: encap, underlay interface, bridge mappings and
 * operator-set liveness.
 */
#include <stdlib.h>
#include <string.h>

#include "util/addr.h"
#include "ctl.h"
#include "model/model.h"

static const char *chassis_with_ip(const json_t *model, const char *ip)
{
	json_t *ch;
	size_t i;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *other = ctl_str(json_object_get(ch, "encap"), "ip");

		if (other && strcmp(other, ip) == 0)
			return ctl_str(ch, "name");
	}
	return NULL;
}

static int chassis_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	struct in_addr ip;
	const char *owner;

	(void)argc;
	if (ctl_check_name("chassis", argv[0]))
		return -1;
	if (xovn_find_chassis(ctx->model, argv[0])) {
		if (ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
			return 0;
		return ctl_fail("%s: a chassis with this name already exists", argv[0]);
	}
	if (strcmp(argv[1], "geneve") != 0)
		return ctl_fail("%s: unsupported encap type \"%s\" (only geneve)",
				argv[0], argv[1]);
	if (xovn_parse_ipv4(argv[2], &ip))
		return ctl_fail("%s: invalid encap IP \"%s\" (dotted-quad IPv4)",
				argv[0], argv[2]);
	owner = chassis_with_ip(ctx->model, argv[2]);
	if (owner)
		return ctl_fail("%s: encap IP %s is already used by chassis %s",
				argv[0], argv[2], owner);
	json_array_append_new(ctl_array(ctx->model, "chassis"),
			      json_pack("{s:s, s:{s:s, s:s}}", "name", argv[0], "encap",
					"type", "geneve", "ip", argv[2]));
	return 0;
}

/* A port that names the chassis as its l2gateway would be left dangling. */
static const char *l2gateway_user(const json_t *model, const char *chassis)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *c = ctl_str(json_object_get(port, "options"),
						"l2gateway-chassis");

			if (c && strcmp(c, chassis) == 0)
				return ctl_str(port, "name");
		}
	}
	return NULL;
}

/* Its VIFs, bindings and HA memberships go with it. */
static int chassis_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *all = json_object_get(ctx->model, "chassis");
	int idx = ctl_index_by_name(all, "name", argv[0]);
	const char *user;

	(void)argc;
	if (idx < 0) {
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("%s: chassis name not found", argv[0]);
	}
	user = l2gateway_user(ctx->model, argv[0]);
	if (user)
		return ctl_fail("%s: chassis is the l2gateway-chassis of port %s; "
				"change that option first", argv[0], user);
	ctl_forget_chassis(ctx->model, argv[0]);
	json_array_remove(all, idx);
	return 0;
}

static int chassis_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ctl_print_sorted_names(ctx->out, json_object_get(ctx->model, "chassis"));
	return 0;
}

/* An empty IFNAME clears it. */
static int chassis_set_encap_iface(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *ch = ctl_need_chassis(ctx->model, argv[0]);

	(void)argc;
	if (!ch)
		return -1;
	if (argv[1][0] == '\0') {
		json_object_del(ch, "encap_iface");
		return 0;
	}
	if (ctl_check_ifname(argv[1]))
		return -1;
	json_object_set_new(ch, "encap_iface", json_string(argv[1]));
	return 0;
}

/* Adds one "NETWORK:IFNAME" to maps; a network may be mapped once. */
static int add_mapping(json_t *maps, char *item)
{
	char *colon = strchr(item, ':');

	if (!colon || colon == item)
		return ctl_fail("bridge mapping \"%s\" is not NETWORK:IFNAME", item);
	*colon = '\0';
	if (ctl_check_ifname(colon + 1))
		return -1;
	if (json_object_get(maps, item))
		return ctl_fail("network %s is mapped twice", item);
	json_object_set_new(maps, item, json_string(colon + 1));
	return 0;
}

/* Replaces the mappings; an empty list clears them. */
static int chassis_set_bridge_mappings(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *ch = ctl_need_chassis(ctx->model, argv[0]);
	json_t *maps;
	char *list, *item, *save = NULL;
	int err = 0;

	(void)argc;
	if (!ch)
		return -1;
	list = strdup(argv[1]);
	maps = json_object();
	if (!list || !maps) {
		free(list);
		json_decref(maps);
		return ctl_fail("out of memory");
	}
	for (item = strtok_r(list, ",", &save); item && !err;
	     item = strtok_r(NULL, ",", &save))
		err = add_mapping(maps, item);
	free(list);
	if (err) {
		json_decref(maps);
		return -1;
	}
	if (json_object_size(maps) == 0) {
		json_decref(maps);
		json_object_del(ch, "bridge_mappings");
		return 0;
	}
	json_object_set_new(ch, "bridge_mappings", maps);
	return 0;
}

static int chassis_set_state(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *ch = ctl_need_chassis(ctx->model, argv[0]);

	(void)argc;
	if (!ch)
		return -1;
	if (strcmp(argv[1], "up") != 0 && strcmp(argv[1], "down") != 0)
		return ctl_fail("%s: state \"%s\" is neither up nor down", argv[0], argv[1]);
	json_object_set_new(ch, "state", json_string(argv[1]));
	return 0;
}

const struct ctl_verb ctl_chassis_verbs[] = {
	{ "chassis-add", 3, 3, 1, CTL_OPT_MAY_EXIST, chassis_add },
	{ "chassis-del", 1, 1, 1, CTL_OPT_IF_EXISTS, chassis_del },
	{ "chassis-list", 0, 0, 0, 0, chassis_list },
	{ "chassis-set-encap-iface", 2, 2, 1, 0, chassis_set_encap_iface },
	{ "chassis-set-bridge-mappings", 2, 2, 1, 0, chassis_set_bridge_mappings },
	{ "chassis-set-state", 2, 2, 1, 0, chassis_set_state },
	{ 0 }
};
