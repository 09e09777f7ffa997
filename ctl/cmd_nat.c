/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_nat.c - a router's NAT rules: lr-nat-add, lr-nat-del, lr-nat-list,
 * with ovn-nbctl's arguments, checks, messages and table.
 *
 * logical_ip is stored in its canonical spelling (host bits cleared, IPv6
 * compressed lowercase, no /32 or /128) as ovn-nbctl stores it; external_ip
 * as written.  Two rules of one type clash on the address the type keys on:
 * the logical_ip of an snat, the external_ip of the others.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ctl.h"
#include "model/nat.h"

static int check_type(const char *type)
{
	if (!xovn_nat_type_ok(type))
		return ctl_fail("%s: type must be one of \"dnat\", \"snat\" and \"dnat_and_snat\".",
				type);
	return 0;
}

struct nat_args {
	const char *type, *external_ip;
	char logical_ip[XOVN_PREFIX_STRLEN];
	const char *logical_port, *external_mac, *port_range;
};

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

static int parse_addresses(struct nat_args *a, const char *logical_ip)
{
	struct xovn_ip ext, lip;

	if (xovn_nat_external_ip(a->external_ip, &ext) < 0)
		return ctl_fail("%s: Not a valid IPv4 or IPv6 address.", a->external_ip);
	if (xovn_nat_logical_ip(a->type, ext.family, logical_ip, &lip, a->logical_ip) == 0)
		return 0;
	if (xovn_nat_is_snat(a->type))
		return ctl_fail("%s: should be an %s address or network.", logical_ip,
				family_name(ext.family));
	return ctl_fail("%s: Not a valid %s address.", logical_ip, family_name(ext.family));
}

/* [LOGICAL_PORT EXTERNAL_MAC] [EXTERNAL_PORT_RANGE] after the four fixed arguments. */
static int parse_tail(struct ctl_ctx *ctx, struct nat_args *a, int argc, char **argv)
{
	int portrange = ctl_has_opt(ctx, CTL_OPT_PORTRANGE);
	uint8_t mac[6];

	if (argc == 5 && !portrange)
		return ctl_fail("lr-nat-add with logical_port must also specify external_mac.");
	if (argc == 5)
		a->port_range = argv[4];
	if (argc >= 6) {
		if (strcmp(a->type, "dnat_and_snat"))
			return ctl_fail("logical_port and external_mac are only valid when type "
					"is \"dnat_and_snat\".");
		if (!ctl_need_port(ctx->model, argv[4], NULL))
			return -1;
		if (xovn_parse_mac(argv[5], mac) < 0)
			return ctl_fail("invalid mac address %s.", argv[5]);
		a->logical_port = argv[4];
		a->external_mac = argv[5];
	}
	if (argc == 7)
		a->port_range = argv[6];
	if (a->port_range && !xovn_nat_port_range_ok(a->port_range))
		return ctl_fail("invalid port range %s.", a->port_range);
	return 0;
}

/* The address this type's rules must not share, in the spelling lr-nat-add stores. */
static const char *nat_key(const char *type, const char *external_ip, const char *logical_ip)
{
	return xovn_nat_is_snat(type) ? logical_ip : external_ip;
}

static const char *str_or_empty(const json_t *row, const char *key)
{
	const char *s = ctl_str(row, key);

	return s ? s : "";
}

static void set_or_drop(json_t *row, const char *key, const char *value)
{
	if (value)
		json_object_set_new(row, key, json_string(value));
	else
		json_object_del(row, key);
}

/*
 * A rule of a's type that already holds a's key: -1 (an error) unless it
 * is the same rule and --may-exist updates it (1); 0 when there is none.
 */
static int check_existing(struct ctl_ctx *ctx, json_t *lr, const struct nat_args *a)
{
	const char *key = nat_key(a->type, a->external_ip, a->logical_ip);
	int snat = xovn_nat_is_snat(a->type);
	json_t *nat;
	size_t i;

	json_array_foreach(json_object_get(lr, "nat"), i, nat) {
		const char *ext = ctl_str(nat, "external_ip"), *lip = ctl_str(nat, "logical_ip");

		if (!ext || !lip || strcmp(a->type, str_or_empty(nat, "type")) ||
		    strcmp(key, nat_key(a->type, ext, lip)))
			continue;
		if (strcmp(snat ? a->external_ip : a->logical_ip, snat ? ext : lip))
			return ctl_fail("a NAT with this type (%s), %s (%s) already exists", a->type,
					snat ? "logical_ip" : "external_ip", key);
		if (!ctl_has_opt(ctx, CTL_OPT_MAY_EXIST))
			return ctl_fail("%s, %s: a NAT with this external_ip and logical_ip already "
					"exists", a->external_ip, a->logical_ip);
		set_or_drop(nat, "logical_port", a->logical_port);
		set_or_drop(nat, "external_mac", a->external_mac);
		return 1;
	}
	return 0;
}

static int lr_nat_add(struct ctl_ctx *ctx, int argc, char **argv)
{
	int stateless = ctl_has_opt(ctx, CTL_OPT_STATELESS);
	struct nat_args a = { .type = argv[1], .external_ip = argv[2] };
	json_t *lr = ctl_need_router(ctx->model, argv[0]), *nat;
	int found;

	if (!lr || check_type(a.type) || parse_addresses(&a, argv[3]) ||
	    parse_tail(ctx, &a, argc, argv))
		return -1;
	if (stateless && strcmp(a.type, "dnat_and_snat"))
		return ctl_fail("stateless is not applicable to dnat or snat types");
	found = check_existing(ctx, lr, &a);
	if (found)
		return found > 0 ? 0 : -1;
	nat = json_pack("{s:s, s:s, s:s, s:{s:s}}", "type", a.type, "external_ip", a.external_ip,
			"logical_ip", a.logical_ip, "options", "stateless",
			stateless ? "true" : "false");
	if (!nat || ctl_ensure_uuid(nat)) {
		json_decref(nat);
		return -1;
	}
	set_or_drop(nat, "logical_port", a.logical_port);
	set_or_drop(nat, "external_mac", a.external_mac);
	if (a.port_range)
		json_object_set_new(nat, "external_port_range", json_string(a.port_range));
	json_array_append_new(ctl_array(lr, "nat"), nat);
	return 0;
}

/* ---- lr-nat-del ---------------------------------------------------------- */

/* The rule's key address in the spelling lr-nat-del compares (a snat's network masked). */
static int same_key(const json_t *nat, const char *type, const char *ip)
{
	char canon[XOVN_PREFIX_STRLEN], want[XOVN_PREFIX_STRLEN];
	struct xovn_ip ext, lip, arg;

	if (!xovn_nat_is_snat(type))
		return ctl_str(nat, "external_ip") && strcmp(ctl_str(nat, "external_ip"), ip) == 0;
	if (xovn_nat_external_ip(ctl_str(nat, "external_ip"), &ext) < 0 ||
	    xovn_nat_logical_ip(type, ext.family, ctl_str(nat, "logical_ip"), &lip, canon) < 0 ||
	    xovn_nat_logical_ip(type, ext.family, ip, &arg, want) < 0)
		return ctl_str(nat, "logical_ip") && strcmp(ctl_str(nat, "logical_ip"), ip) == 0;
	return strcmp(canon, want) == 0;
}

static int lr_nat_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]);
	json_t *nats, *nat;
	size_t i;

	if (!lr)
		return -1;
	nats = ctl_array(lr, "nat");
	if (argc == 1)
		return json_array_clear(nats);
	if (check_type(argv[1]))
		return -1;
	/* No rule has a gateway_port yet: naming one matches nothing. */
	if (argc == 4) {
		if (!ctl_need_router_port(ctx->model, argv[3], NULL))
			return -1;
		if (ctl_has_opt(ctx, CTL_OPT_IF_EXISTS))
			return 0;
		return ctl_fail("no matching NAT with the type (%s), %s (%s) and gateway_port (%s)",
				argv[1], xovn_nat_is_snat(argv[1]) ? "logical_ip" : "external_ip",
				argv[2], argv[3]);
	}
	for (i = json_array_size(nats); i-- > 0;) {
		nat = json_array_get(nats, i);
		if (strcmp(argv[1], str_or_empty(nat, "type")))
			continue;
		if (argc == 3 && !same_key(nat, argv[1], argv[2]))
			continue;
		json_array_remove(nats, i);
		if (argc == 3)
			return 0;
	}
	/* ovn-nbctl 23.03 deletes nothing and says nothing when no rule matches. */
	return 0;
}

/* ---- lr-nat-list --------------------------------------------------------- */

struct listed_nat {
	char key[96];      /* the columns before LOGICAL_IP, padded: the sort key */
	const json_t *nat;
	size_t index;
};

static int cmp_listed(const void *x, const void *y)
{
	const struct listed_nat *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->index > b->index) - (a->index < b->index);
}

static void print_nat(FILE *out, const struct listed_nat *l)
{
	const char *mac = ctl_str(l->nat, "external_mac"), *port = ctl_str(l->nat, "logical_port");
	const char *lip = str_or_empty(l->nat, "logical_ip");

	fputs(l->key, out);
	if (mac && port)
		fprintf(out, "%-20.16s%-21.17s%s\n", lip, mac, port);
	else
		fprintf(out, "%s\n", lip);
}

static int lr_nat_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *lr = ctl_need_router(ctx->model, argv[0]), *nats, *nat;
	struct listed_nat *v;
	size_t n = 0, i;

	(void)argc;
	if (!lr)
		return -1;
	nats = json_object_get(lr, "nat");
	if (!json_array_size(nats))
		return 0;
	v = calloc(json_array_size(nats), sizeof(*v));
	if (!v)
		return ctl_fail("out of memory");
	json_array_foreach(nats, i, nat) {
		snprintf(v[n].key, sizeof(v[n].key), "%-17.13s%-22.18s%-19.15s%-17.13s",
			 str_or_empty(nat, "type"), "", str_or_empty(nat, "external_ip"),
			 str_or_empty(nat, "external_port_range"));
		v[n].nat = nat;
		v[n].index = i;
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_listed);
	fprintf(ctx->out, "%-17.13s%-22.18s%-19.15s%-17.13s%-20.16s%-21.17s%s\n", "TYPE",
		"GATEWAY_PORT", "EXTERNAL_IP", "EXTERNAL_PORT", "LOGICAL_IP", "EXTERNAL_MAC",
		"LOGICAL_PORT");
	for (i = 0; i < n; i++)
		print_nat(ctx->out, &v[i]);
	free(v);
	return 0;
}

const struct ctl_verb ctl_nat_verbs[] = {
	{ "lr-nat-add", 4, 7, 1, CTL_OPT_MAY_EXIST | CTL_OPT_STATELESS | CTL_OPT_PORTRANGE,
	  lr_nat_add },
	{ "lr-nat-del", 1, 4, 1, CTL_OPT_IF_EXISTS, lr_nat_del },
	{ "lr-nat-list", 1, 1, 0, 0, lr_nat_list },
	{ 0 }
};
