/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * refs.c - what goes away with a deleted object.
 *
 * As in OVN, the southbound side follows the northbound one: a deleted port
 * loses its VIF attachments and its binding, a deleted chassis loses its
 * bindings and its HA group memberships, a deleted HA group is cleared from
 * the ports that named it.  References a user wrote on purpose (a parent
 * port, an l2gateway-chassis option) are not silently dropped: the
 * validator rejects the result and the user fixes it in the same chain.
 */
#include <string.h>

#include "ctl.h"

/* Removes every element of arr whose string member key equals value. */
static void remove_matching(json_t *arr, const char *key, const char *value)
{
	size_t i = json_array_size(arr);

	while (i-- > 0) {
		const char *s = ctl_str(json_array_get(arr, i), key);

		if (s && strcmp(s, value) == 0)
			json_array_remove(arr, i);
	}
}

void ctl_forget_port(json_t *model, const char *port)
{
	json_t *chassis;
	size_t i;

	json_array_foreach(json_object_get(model, "chassis"), i, chassis)
		remove_matching(json_object_get(chassis, "vifs"), "port", port);
	remove_matching(json_object_get(model, "bindings"), "port", port);
}

void ctl_forget_chassis(json_t *model, const char *chassis)
{
	json_t *group;
	size_t i;

	remove_matching(json_object_get(model, "bindings"), "chassis", chassis);
	json_array_foreach(json_object_get(model, "ha_chassis_groups"), i, group)
		remove_matching(json_object_get(group, "members"), "chassis", chassis);
}

static void forget_group_in_ports(json_t *holders, const char *group)
{
	json_t *holder, *port;
	size_t i, j;

	json_array_foreach(holders, i, holder) {
		json_array_foreach(json_object_get(holder, "ports"), j, port) {
			const char *g = ctl_str(port, "ha_chassis_group");

			if (g && strcmp(g, group) == 0)
				json_object_del(port, "ha_chassis_group");
		}
	}
}

/* Switch ports and router ports (distributed gateway ports) naming the group. */
void ctl_forget_group(json_t *model, const char *group)
{
	forget_group_in_ports(json_object_get(model, "logical_switches"), group);
	forget_group_in_ports(json_object_get(model, "logical_routers"), group);
}

/* Name of some port whose parent_name is parent, NULL when none. */
const char *ctl_first_child(const json_t *model, const char *parent)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *p = ctl_str(port, "parent_name");

			if (p && strcmp(p, parent) == 0)
				return ctl_str(port, "name");
		}
	}
	return NULL;
}
