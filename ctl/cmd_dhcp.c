/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_dhcp.c - DHCP options rows and the ports that use them, with
 * ovn-nbctl's verbs.  A row is found by its _uuid: dhcp-options-create
 * prints nothing (as ovn-nbctl), dhcp-options-list prints the uuids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ctl.h"
#include "model/dhcp.h"
#include "model/model.h"

static json_t *need_row(json_t *model, const char *uuid)
{
	json_t *row = xovn_find_dhcp_options(model, uuid);

	if (!row)
		ctl_fail("%s: dhcp options UUID not found", uuid);
	return row;
}

/* KEY=VALUE arguments into obj (replacing it). */
static int parse_pairs(json_t *obj, int argc, char **argv)
{
	json_object_clear(obj);
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i])
			return ctl_fail("\"%s\": expected KEY=VALUE", argv[i]);
		*eq = '\0';
		json_object_set_new(obj, argv[i], json_string(eq + 1));
		*eq = '=';
	}
	return 0;
}

/* Every option of obj must parse for the row's family (a clear error, not a stored typo). */
static int check_options(const char *cidr, const json_t *opts)
{
	struct xovn_dhcp_options o;
	char err[256];
	const char *key;
	json_t *v;

	memset(&o, 0, sizeof(o));
	if (xovn_dhcp_parse_cidr(cidr, &o.family, &o.plen, &o.net4, &o.net6) < 0)
		return ctl_fail("%s: invalid cidr format", cidr);
	json_object_foreach((json_t *)opts, key, v)
		if (xovn_dhcp_set_option(&o, key, json_string_value(v), err, sizeof(err)) < 0)
			return ctl_fail("%s", err);
	return 0;
}

/* dhcp-options-create CIDR [KEY=VALUE]...: the pairs are external_ids, as in ovn-nbctl. */
static int dhcp_create(struct ctl_ctx *ctx, int argc, char **argv)
{
	char uuid[XOVN_UUID_LEN + 1];
	json_t *row, *ids = json_object();

	if (check_options(argv[0], NULL) || parse_pairs(ids, argc - 1, argv + 1) ||
	    ctl_uuid_new(uuid)) {
		json_decref(ids);
		return -1;
	}
	row = json_pack("{s:s, s:s, s:{}}", "_uuid", uuid, "cidr", argv[0], "options");
	if (json_object_size(ids))
		json_object_set(row, "external_ids", ids);
	json_decref(ids);
	json_array_append_new(ctl_array(ctx->model, "dhcp_options"), row);
	return 0;
}

static int dhcp_set_options(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *row = need_row(ctx->model, argv[0]), *opts;

	if (!row)
		return -1;
	opts = json_object();
	if (parse_pairs(opts, argc - 1, argv + 1) || check_options(ctl_str(row, "cidr"), opts)) {
		json_decref(opts);
		return -1;
	}
	json_object_set_new(row, "options", opts);
	return 0;
}

static int dhcp_get_options(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *row = need_row(ctx->model, argv[0]);

	(void)argc;
	if (!row)
		return -1;
	ctl_print_sorted_pairs(ctx->out, json_object_get(row, "options"), "", "=", "\n");
	return 0;
}

/* Ports referring to the row lose the reference (a weak reference in OVN). */
void ctl_forget_dhcp_options(json_t *model, const char *uuid)
{
	json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *v4 = ctl_str(port, "dhcpv4_options");
			const char *v6 = ctl_str(port, "dhcpv6_options");

			if (v4 && !strcmp(v4, uuid))
				json_object_del(port, "dhcpv4_options");
			if (v6 && !strcmp(v6, uuid))
				json_object_del(port, "dhcpv6_options");
		}
	}
}

static int dhcp_del(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *rows = json_object_get(ctx->model, "dhcp_options");
	int idx = ctl_index_by_name(rows, "_uuid", argv[0]);

	(void)argc;
	if (idx < 0)
		return ctl_fail("%s: dhcp options UUID not found", argv[0]);
	ctl_forget_dhcp_options(ctx->model, argv[0]);
	json_array_remove(rows, (size_t)idx);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int dhcp_list(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *rows = json_object_get(ctx->model, "dhcp_options"), *row;
	size_t n = json_array_size(rows), i, k = 0;
	const char **uuids = calloc(n + 1, sizeof(*uuids));

	(void)argc;
	(void)argv;
	if (!uuids)
		return ctl_fail("out of memory");
	json_array_foreach(rows, i, row)
		if (ctl_str(row, "_uuid"))
			uuids[k++] = ctl_str(row, "_uuid");
	qsort(uuids, k, sizeof(*uuids), cmp_str);
	for (i = 0; i < k; i++)
		fprintf(ctx->out, "%s\n", uuids[i]);
	free(uuids);
	return 0;
}

static int set_port_options(struct ctl_ctx *ctx, char **argv, int argc, const char *member,
			    int family)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL), *row;
	struct xovn_dhcp_options o;

	if (!port)
		return -1;
	if (argc < 2) {
		json_object_del(port, member);
		return 0;
	}
	row = need_row(ctx->model, argv[1]);
	if (!row)
		return -1;
	memset(&o, 0, sizeof(o));
	if (xovn_dhcp_parse_cidr(ctl_str(row, "cidr"), &o.family, &o.plen, &o.net4,
				 &o.net6) == 0 && o.family != family)
		return ctl_fail("%s: dhcp options %s has an IPv%d cidr", argv[0], argv[1],
				family == AF_INET ? 6 : 4);
	json_object_set_new(port, member, json_string(argv[1]));
	return 0;
}

/* ovn-nbctl prints "UUID (CIDR)". */
static int get_port_options(struct ctl_ctx *ctx, char **argv, const char *member)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL), *row;
	const char *uuid;

	if (!port)
		return -1;
	uuid = ctl_str(port, member);
	row = uuid ? xovn_find_dhcp_options(ctx->model, uuid) : NULL;
	if (row)
		fprintf(ctx->out, "%s (%s)\n", uuid, ctl_str(row, "cidr"));
	return 0;
}

static int lsp_set_v4(struct ctl_ctx *ctx, int argc, char **argv)
{
	return set_port_options(ctx, argv, argc, "dhcpv4_options", AF_INET);
}

static int lsp_set_v6(struct ctl_ctx *ctx, int argc, char **argv)
{
	return set_port_options(ctx, argv, argc, "dhcpv6_options", AF_INET6);
}

static int lsp_get_v4(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return get_port_options(ctx, argv, "dhcpv4_options");
}

static int lsp_get_v6(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return get_port_options(ctx, argv, "dhcpv6_options");
}

const struct ctl_verb ctl_dhcp_verbs[] = {
	{ "dhcp-options-create", 1, -1, 1, 0, dhcp_create },
	{ "dhcp-options-set-options", 1, -1, 1, 0, dhcp_set_options },
	{ "dhcp-options-get-options", 1, 1, 0, 0, dhcp_get_options },
	{ "dhcp-options-del", 1, 1, 1, 0, dhcp_del },
	{ "dhcp-options-list", 0, 0, 0, 0, dhcp_list },
	{ "lsp-set-dhcpv4-options", 1, 2, 1, 0, lsp_set_v4 },
	{ "lsp-get-dhcpv4-options", 1, 1, 0, 0, lsp_get_v4 },
	{ "lsp-set-dhcpv6-options", 1, 2, 1, 0, lsp_set_v6 },
	{ "lsp-get-dhcpv6-options", 1, 1, 0, 0, lsp_get_v6 },
	{ 0 }
};
