// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_dhcp.c - DHCP options rows and the ports that name them.
 *
 * Errors: a row's _uuid or cidr malformed or its uuid used twice, an option
 * xovn does not support or whose value does not parse, a port naming a row
 * that does not exist or one of the other family.  Not errors, because
 * ovn-nbctl users build them one command at a time and ovn-northd simply
 * does not answer: a row missing router/server_id/server_mac/lease_time,
 * a port whose address is outside the row's cidr.  Those are stored and
 * inactive (the compiler skips them, lib/compile/dhcp.c).
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "model/dhcp.h"
#include "xovn_maps.h"
#include "model/validate/validate.h"

/* ---- schema rules (called from schema.c's tables) ------------------------ */

void vcheck_uuid(struct vctx *c, const json_t *v)
{
	if (!vcheck_type(c, v, JSON_STRING, "a string"))
		return;
	if (!xovn_uuid_syntax_ok(json_string_value(v)))
		vreport(c, "pattern", "\"%s\" is not a lowercase UUID", json_string_value(v));
}

static void check_string_map(struct vctx *c, const json_t *v)
{
	const char *key;
	json_t *member;

	if (!vcheck_type(c, v, JSON_OBJECT, "an object"))
		return;
	json_object_foreach((json_t *)v, key, member) {
		size_t old = vpath_key(&c->path, key);

		vcheck_type(c, member, JSON_STRING, "a string");
		vpath_restore(&c->path, old);
	}
}

static void check_row(struct vctx *c, const json_t *row)
{
	static const char *const required[] = { "_uuid", "cidr", NULL };
	const char *key;
	json_t *v;

	if (!vcheck_type(c, row, JSON_OBJECT, "an object"))
		return;
	for (const char *const *r = required; *r; r++) {
		if (json_object_get(row, *r))
			continue;
		size_t old = vpath_key(&c->path, *r);
		vreport(c, "required", "\"%s\" is required", *r);
		vpath_restore(&c->path, old);
	}
	json_object_foreach((json_t *)row, key, v) {
		size_t old = vpath_key(&c->path, key);

		if (!strcmp(key, "_uuid"))
			vcheck_uuid(c, v);
		else if (!strcmp(key, "cidr"))
			vcheck_string_len(c, v, 1, 64);
		else if (!strcmp(key, "options") || !strcmp(key, "external_ids"))
			check_string_map(c, v);
		else
			vreport(c, "additional-property", "unknown member \"%s\"", key);
		vpath_restore(&c->path, old);
	}
}

void vcheck_dhcp_rows(struct vctx *c, const json_t *v)
{
	size_t i, old;
	json_t *row;

	if (!vcheck_type(c, v, JSON_ARRAY, "an array"))
		return;
	json_array_foreach(v, i, row) {
		old = vpath_index(&c->path, i);
		check_row(c, row);
		vpath_restore(&c->path, old);
	}
}

/* ---- semantic rules ---------------------------------------------------- */

struct dhcp_pass {
	struct xovn_errors *errs;
	json_t *family;     /* uuid -> 4 or 6, for rows that parsed */
};

static void check_rows(struct dhcp_pass *p, const json_t *model)
{
	json_t *seen = json_object();
	char path[256], err[256];
	uint8_t enc[XOVN_DHCP_OPTS_MAX];
	size_t i;
	json_t *row;

	json_array_foreach(json_object_get(model, "dhcp_options"), i, row) {
		struct xovn_dhcp_options o;
		const char *uuid = member_str(row, "_uuid"), *bad_key, *first;

		if (!json_is_object(row) || !uuid || !xovn_uuid_syntax_ok(uuid))
			continue;   /* the schema pass reported it */
		first = member_str(seen, uuid);
		snprintf(path, sizeof(path), "$.dhcp_options[%zu]._uuid", i);
		if (first) {
			xovn_errors_add(p->errs, path, "unique-key",
					"uuid \"%s\" is already used at %s", uuid, first);
			continue;
		}
		json_object_set_new(seen, uuid, json_string(path));
		memset(&o, 0, sizeof(o));
		if (!json_is_string(json_object_get(row, "cidr"))) {
			/* the schema pass reported it; references to the row still resolve */
		} else if (xovn_dhcp_from_json(row, &o, &bad_key, err, sizeof(err)) < 0) {
			if (bad_key)
				snprintf(path, sizeof(path), "$.dhcp_options[%zu].options.%s", i,
					 bad_key);
			else
				snprintf(path, sizeof(path), "$.dhcp_options[%zu].cidr", i);
			xovn_errors_add(p->errs, path, bad_key ? "dhcp-option" : "dhcp-cidr",
					"%s", err);
			/* a row with a bad option still exists: references to it are fine */
		} else if (o.family == AF_INET && xovn_dhcp_encode(&o, enc, sizeof(enc)) < 0) {
			snprintf(path, sizeof(path), "$.dhcp_options[%zu].options", i);
			xovn_errors_add(p->errs, path, "dhcp-too-long",
					"the options encode to more than the %d bytes a reply carries",
					XOVN_DHCP_OPTS_MAX);
		}
		if (o.family)
			json_object_set_new(p->family, uuid,
					    json_integer(o.family == AF_INET ? 4 : 6));
		else
			json_object_set_new(p->family, uuid, json_integer(0));
	}
	json_decref(seen);
}

static void check_ref(struct dhcp_pass *p, const json_t *port, const char *member,
		      int want, size_t sw_i, size_t port_i)
{
	const char *uuid = member_str(port, member);
	char suffix[32], path[256];
	json_t *fam;

	if (!uuid || !xovn_uuid_syntax_ok(uuid))
		return;
	snprintf(suffix, sizeof(suffix), ".%s", member);
	port_path(path, sizeof(path), sw_i, port_i, suffix);
	fam = json_object_get(p->family, uuid);
	if (!fam) {
		xovn_errors_add(p->errs, path, "dangling-reference",
				"no dhcp_options row has uuid \"%s\"", uuid);
		return;
	}
	if (json_integer_value(fam) && json_integer_value(fam) != want)
		xovn_errors_add(p->errs, path, "dhcp-family",
				"dhcp_options %s has an IPv%d cidr; %s needs IPv%d", uuid,
				want == 4 ? 6 : 4, member, want);
}

static void check_port(const json_t *model, const json_t *port, size_t sw_i,
		       size_t port_i, void *arg)
{
	(void)model;
	check_ref(arg, port, "dhcpv4_options", 4, sw_i, port_i);
	check_ref(arg, port, "dhcpv6_options", 6, sw_i, port_i);
}

void validate_dhcp(struct xovn_errors *errs, const json_t *model)
{
	struct dhcp_pass p = { .errs = errs, .family = json_object() };

	check_rows(&p, model);
	for_each_port(model, check_port, &p);
	json_decref(p.family);
}
