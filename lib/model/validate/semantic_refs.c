// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_refs.c - what a port refers to and what its type requires: a
 * parent that exists is a plain VIF, container VLANs are unique per
 * parent, tags appear only on container and localnet ports, HA groups
 * exist.  What a port still lacks (a parent or chassis not defined yet, a
 * network name) is incomplete configuration, not an error: incomplete.c.
 */
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"

struct refs_pass {
	struct xovn_errors *errs;
	const struct vnames *names;
	struct vset tag_keys;   /* (parent, VLAN) -> the first child using it */
};

static int is_plain_vif(const struct xovn_lsp *port)
{
	return strcmp(lsp_type(port), "") == 0;
}

/* Container VLANs are unique per parent: the key is the parent (as found by name) and the tag. */
static void check_child_tag(struct refs_pass *p, const struct xovn_lsp *parent,
			    const struct xovn_lsp *port)
{
	struct vloc here = { .a = port->ls->index, .b = port->index };
	uint8_t key[sizeof(parent) + sizeof(port->tag)];
	char path[256], first_path[256];
	const struct vloc *first;

	if (!port->has_tag)
		return;
	memcpy(key, &parent, sizeof(parent));
	memcpy(key + sizeof(parent), &port->tag, sizeof(port->tag));
	first = vset_claim(&p->tag_keys, key, sizeof(key), &here);
	if (!first)
		return;
	xovn_errors_add(p->errs, lsp_path(path, sizeof(path), port, ".tag"), "duplicate-tag",
			"VLAN %lld on parent \"%s\" is already used at %s", (long long)port->tag,
			parent->name,
			port_path(first_path, sizeof(first_path), first->a, first->b, ".tag"));
}

static void check_parent(struct refs_pass *p, const struct xovn_lsp *port)
{
	const char *parent_name = ref_name(port->parent_name);
	const struct xovn_lsp *parent;
	char path[256];

	if (!parent_name)
		return;
	if (!is_plain_vif(port)) {
		xovn_errors_add(p->errs, lsp_path(path, sizeof(path), port, ".type"),
				"container-not-vif",
				"a container port (with parent_name) must be a VIF (type \"\")");
		return;
	}
	parent = vnames_port(p->names, parent_name);
	if (!parent)
		return;   /* a parent not created yet: incomplete, not wrong (incomplete.c) */
	lsp_path(path, sizeof(path), port, ".parent_name");
	if (!is_plain_vif(parent))
		xovn_errors_add(p->errs, path, "parent-not-vif",
				"parent \"%s\" has type \"%s\", not a VIF", parent_name,
				lsp_type(parent));
	else if (parent->present & XOVN_LSP_PARENT_NAME)
		xovn_errors_add(p->errs, path, "parent-not-vif",
				"parent \"%s\" is itself a container port", parent_name);
	else
		check_child_tag(p, parent, port);
}

static void check_tag_allowed(struct refs_pass *p, const struct xovn_lsp *port)
{
	char path[256];

	if (!(port->present & XOVN_LSP_TAG) || port->present & XOVN_LSP_PARENT_NAME ||
	    strcmp(lsp_type(port), "localnet") == 0)
		return;
	xovn_errors_add(p->errs, lsp_path(path, sizeof(path), port, ".tag"), "tag-not-allowed",
			"only container ports (with parent_name) and localnet ports have a tag");
}

static void check_group_ref(struct refs_pass *p, const struct xovn_lsp *port)
{
	const char *group = ref_name(port->ha_chassis_group);
	char path[256];

	if (group && p->names->groups && !vnames_group(p->names, group))
		xovn_errors_add(p->errs, lsp_path(path, sizeof(path), port, ".ha_chassis_group"),
				"dangling-reference", "no HA chassis group \"%s\"", group);
}

static void check_port_refs(const struct xovn_lsp *port, void *arg)
{
	check_parent(arg, port);
	check_tag_allowed(arg, port);
	check_group_ref(arg, port);
}

void validate_port_refs(struct xovn_errors *errs, const struct xovn_model *m,
			const struct vnames *names)
{
	struct refs_pass p = { .errs = errs, .names = names };

	vset_init(&p.tag_keys);
	for_each_port(m, check_port_refs, &p);
	vset_free(&p.tag_keys);
}
