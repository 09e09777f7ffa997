// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic_refs.c - what a port refers to and what its type requires:
 * a parent that exists is a plain VIF, container VLANs are unique per
 * parent, tags appear only on container and localnet ports, HA groups
 * exist.  What a port still lacks (a parent or chassis not defined yet, a
 * network name) is incomplete configuration, not an error: incomplete.c.
 */
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"

struct refs_pass {
	struct xovn_errors *errs;
	const struct name_index *ports;     /* port name -> port object */
	const struct name_index *groups;    /* group name -> group */
	json_t *child_tags;     /* "parent/tag" -> path of the first child */
};

static int is_plain_vif(const json_t *port)
{
	return strcmp(xovn_port_type_str(port), "") == 0;
}

static void check_child_tag(struct refs_pass *p, const char *parent, const json_t *port,
			    const char *tag_path)
{
	const json_t *tag = json_object_get(port, "tag");
	const char *first;
	char key[96];

	if (!json_is_integer(tag))
		return;
	snprintf(key, sizeof(key), "%s/%lld", parent, (long long)json_integer_value(tag));
	first = json_string_value(json_object_get(p->child_tags, key));
	if (!first) {
		json_object_set_new(p->child_tags, key, json_string(tag_path));
		return;
	}
	xovn_errors_add(p->errs, tag_path, "duplicate-tag",
			"VLAN %lld on parent \"%s\" is already used at %s",
			(long long)json_integer_value(tag), parent, first);
}

static void check_parent(struct refs_pass *p, const json_t *port, size_t sw_i, size_t port_i)
{
	const char *parent_name = ref_name(port, "parent_name");
	const json_t *parent;
	char path[256], tag_path[256];

	if (!parent_name)
		return;
	if (!is_plain_vif(port)) {
		xovn_errors_add(p->errs, port_path(path, sizeof(path), sw_i, port_i, ".type"),
				"container-not-vif",
				"a container port (with parent_name) must be a VIF (type \"\")");
		return;
	}
	if (!p->ports)
		return;
	port_path(path, sizeof(path), sw_i, port_i, ".parent_name");
	port_path(tag_path, sizeof(tag_path), sw_i, port_i, ".tag");
	parent = vnames_get(p->ports, parent_name);
	if (!parent)
		return;   /* a parent not created yet: incomplete, not wrong (incomplete.c) */
	if (!is_plain_vif(parent))
		xovn_errors_add(p->errs, path, "parent-not-vif",
				"parent \"%s\" has type \"%s\", not a VIF", parent_name,
				xovn_port_type_str(parent));
	else if (json_object_get(parent, "parent_name"))
		xovn_errors_add(p->errs, path, "parent-not-vif",
				"parent \"%s\" is itself a container port", parent_name);
	else
		check_child_tag(p, parent_name, port, tag_path);
}

static void check_tag_allowed(struct refs_pass *p, const json_t *port, size_t sw_i,
			      size_t port_i)
{
	char path[256];

	if (!json_object_get(port, "tag") || json_object_get(port, "parent_name") ||
	    strcmp(xovn_port_type_str(port), "localnet") == 0)
		return;
	xovn_errors_add(p->errs, port_path(path, sizeof(path), sw_i, port_i, ".tag"),
			"tag-not-allowed",
			"only container ports (with parent_name) and localnet ports have a tag");
}

static void check_group_ref(struct refs_pass *p, const json_t *port, size_t sw_i,
			    size_t port_i)
{
	const char *group = ref_name(port, "ha_chassis_group");
	char path[256];

	if (group && p->groups && !vnames_get(p->groups, group))
		xovn_errors_add(p->errs,
				port_path(path, sizeof(path), sw_i, port_i, ".ha_chassis_group"),
				"dangling-reference", "no HA chassis group \"%s\"", group);
}

static void check_port_refs(const json_t *model, const json_t *port, size_t sw_i,
			    size_t port_i, void *arg)
{
	struct refs_pass *p = arg;

	(void)model;
	check_parent(p, port, sw_i, port_i);
	check_tag_allowed(p, port, sw_i, port_i);
	check_group_ref(p, port, sw_i, port_i);
}

void validate_port_refs(struct xovn_errors *errs, const json_t *model,
			const struct vnames *names)
{
	struct refs_pass p = {
		.errs = errs,
		.ports = names->ports,
		.groups = names->groups,
		.child_tags = json_object(),
	};

	for_each_port(model, check_port_refs, &p);
	json_decref(p.child_tags);
}
