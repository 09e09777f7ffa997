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

struct dhcp_pass {
	struct xovn_errors *errs;
	struct name_index family;   /* uuid -> the row's family as FAMILY_* */
};

/* Stored in the family index: never NULL, so "absent" stays distinct. */
static const char FAMILY_UNKNOWN[] = "0", FAMILY_V4[] = "4", FAMILY_V6[] = "6";

static void check_row(struct dhcp_pass *p, const struct xovn_dhcp_row *row,
		      struct name_index *seen)
{
	char path[256], err[256];
	uint8_t enc[XOVN_DHCP_OPTS_MAX];
	struct xovn_dhcp_options o;
	const struct xovn_dhcp_row *first;
	const char *bad_key;
	size_t i = row->index;

	if (!row->uuid || !xovn_uuid_syntax_ok(row->uuid))
		return;   /* the schema pass reported it */
	first = name_index_get(seen, row->uuid);
	snprintf(path, sizeof(path), "$.dhcp_options[%zu]._uuid", i);
	if (first) {
		xovn_errors_add(p->errs, path, "unique-key", "uuid \"%s\" is already used at %s",
				row->uuid, vitem_path("dhcp_options", first->index, "._uuid").s);
		return;
	}
	name_index_put_new(seen, row->uuid, row);
	memset(&o, 0, sizeof(o));
	if (!row->cidr) {
		/* the schema pass reported it; references to the row still resolve */
	} else if (xovn_dhcp_from_row(row, &o, &bad_key, err, sizeof(err)) < 0) {
		if (bad_key)
			snprintf(path, sizeof(path), "$.dhcp_options[%zu].options.%s", i, bad_key);
		else
			snprintf(path, sizeof(path), "$.dhcp_options[%zu].cidr", i);
		xovn_errors_add(p->errs, path, bad_key ? "dhcp-option" : "dhcp-cidr", "%s", err);
		/* a row with a bad option still exists: references to it are fine */
	} else if (o.family == AF_INET ? xovn_dhcp_encode(&o, enc, sizeof(enc)) < 0
				       : xovn_dhcp6_encode(&o, enc, XOVN_DHCP6_OPTS_MAX) < 0) {
		snprintf(path, sizeof(path), "$.dhcp_options[%zu].options", i);
		xovn_errors_add(p->errs, path, "dhcp-too-long",
				"the options encode to more than the %d bytes a reply carries",
				o.family == AF_INET ? XOVN_DHCP_OPTS_MAX : XOVN_DHCP6_OPTS_MAX);
	}
	name_index_put(&p->family, row->uuid,
		       !o.family ? FAMILY_UNKNOWN : o.family == AF_INET ? FAMILY_V4 : FAMILY_V6);
}

static void check_ref(struct dhcp_pass *p, const struct xovn_lsp *port, const char *uuid,
		      const char *member, int want)
{
	char suffix[32], path[256];
	const char *fam;

	if (!uuid || !xovn_uuid_syntax_ok(uuid))
		return;
	snprintf(suffix, sizeof(suffix), ".%s", member);
	lsp_path(path, sizeof(path), port, suffix);
	fam = name_index_get(&p->family, uuid);
	if (!fam) {
		xovn_errors_add(p->errs, path, "dangling-reference",
				"no dhcp_options row has uuid \"%s\"", uuid);
		return;
	}
	if (fam != FAMILY_UNKNOWN && (fam == FAMILY_V4 ? 4 : 6) != want)
		xovn_errors_add(p->errs, path, "dhcp-family",
				"dhcp_options %s has an IPv%d cidr; %s needs IPv%d", uuid,
				want == 4 ? 6 : 4, member, want);
}

static void check_port(const struct xovn_lsp *port, void *arg)
{
	check_ref(arg, port, port->dhcpv4_options, "dhcpv4_options", 4);
	check_ref(arg, port, port->dhcpv6_options, "dhcpv6_options", 6);
}

void validate_dhcp(struct xovn_errors *errs, const struct xovn_model *m)
{
	struct dhcp_pass p = { .errs = errs };
	struct name_index seen;   /* uuid -> the first row with it */

	name_index_init(&p.family);
	name_index_init(&seen);
	for (size_t i = 0; i < m->n_dhcp_options; i++)
		check_row(&p, &m->dhcp_options[i], &seen);
	for_each_port(m, check_port, &p);
	name_index_free(&seen);
	name_index_free(&p.family);
}
