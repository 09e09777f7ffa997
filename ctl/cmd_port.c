/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cmd_port.c - the settable columns of a logical switch port: type,
 * addresses, port_security, options, tag, ha_chassis_group.
 */
#include <string.h>

#include "util/addr.h"
#include "ctl.h"
#include "model/model.h"

static int lsp_set_type(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!port)
		return -1;
	if (xovn_port_type_from_str(argv[1]) < 0)
		return ctl_fail("%s: invalid port type \"%s\" (use \"\", localport, localnet, "
				"external, l2gateway or router)", argv[0], argv[1]);
	if (argv[1][0] == '\0')
		json_object_del(port, "type");
	else
		json_object_set_new(port, "type", json_string(argv[1]));
	return 0;
}

static int lsp_get_type(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!port)
		return -1;
	fprintf(ctx->out, "%s\n", xovn_port_type_str(port));
	return 0;
}

/* "unknown" and "router" are keywords of "addresses", not MAC entries. */
static int check_address(const char *port, const char *s, int allow_mask)
{
	struct xovn_lport_addr addr;
	char why[128] = "";

	if (!allow_mask && (strcmp(s, "unknown") == 0 || strcmp(s, "router") == 0))
		return 0;
	if (xovn_parse_lport_addr(s, allow_mask, &addr, why, sizeof(why)))
		return ctl_fail("%s: invalid %s \"%s\": %s", port,
				allow_mask ? "port security address" : "address", s, why);
	return 0;
}

/* Replaces the string list column with argv; an empty list removes it. */
static int set_address_list(struct ctl_ctx *ctx, int argc, char **argv,
			    const char *column, int allow_mask)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);
	json_t *list;
	int i;

	if (!port)
		return -1;
	for (i = 1; i < argc; i++)
		if (check_address(argv[0], argv[i], allow_mask))
			return -1;
	if (argc == 1) {
		json_object_del(port, column);
		return 0;
	}
	list = json_array();
	for (i = 1; i < argc; i++)
		json_array_append_new(list, json_string(argv[i]));
	json_object_set_new(port, column, list);
	return 0;
}

static int print_string_list(struct ctl_ctx *ctx, const char *name, const char *column)
{
	json_t *port = ctl_need_port(ctx->model, name, NULL);
	json_t *el;
	size_t i;

	if (!port)
		return -1;
	json_array_foreach(json_object_get(port, column), i, el)
		fprintf(ctx->out, "%s\n", json_string_value(el));
	return 0;
}

static int lsp_set_addresses(struct ctl_ctx *ctx, int argc, char **argv)
{
	return set_address_list(ctx, argc, argv, "addresses", 0);
}

static int lsp_get_addresses(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return print_string_list(ctx, argv[0], "addresses");
}

static int lsp_set_port_security(struct ctl_ctx *ctx, int argc, char **argv)
{
	return set_address_list(ctx, argc, argv, "port_security", 1);
}

static int lsp_get_port_security(struct ctl_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return print_string_list(ctx, argv[0], "port_security");
}

/* Like ovn-nbctl: the options become exactly the KEY=VALUE pairs given. */
static int lsp_set_options(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);
	json_t *options;
	int i;

	if (!port)
		return -1;
	options = json_object();
	for (i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i] || eq[1] == '\0') {
			json_decref(options);
			return ctl_fail("%s: option \"%s\" is not KEY=VALUE", argv[0], argv[i]);
		}
		*eq = '\0';
		json_object_set_new(options, argv[i], json_string(eq + 1));
		*eq = '=';
	}
	if (json_object_size(options) == 0) {
		json_decref(options);
		json_object_del(port, "options");
		return 0;
	}
	json_object_set_new(port, "options", options);
	return 0;
}

static int lsp_get_options(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!port)
		return -1;
	ctl_print_sorted_pairs(ctx->out, json_object_get(port, "options"), "", "=", "\n");
	return 0;
}

/* An empty TAG clears it (a container port keeps the tag it was added with). */
static int lsp_set_tag(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);
	long tag;

	(void)argc;
	if (!port)
		return -1;
	if (argv[1][0] == '\0') {
		if (json_object_get(port, "parent_name"))
			return ctl_fail("%s: a container port cannot lose its tag", argv[0]);
		json_object_del(port, "tag");
		return 0;
	}
	if (ctl_parse_long("tag", argv[1], 1, 4094, &tag))
		return -1;
	json_object_set_new(port, "tag", json_integer(tag));
	return 0;
}

/* An empty GROUP clears the port's group. */
static int lsp_set_ha_chassis_group(struct ctl_ctx *ctx, int argc, char **argv)
{
	json_t *port = ctl_need_port(ctx->model, argv[0], NULL);

	(void)argc;
	if (!port)
		return -1;
	if (argv[1][0] == '\0') {
		json_object_del(port, "ha_chassis_group");
		return 0;
	}
	if (!ctl_need_group(ctx->model, argv[1]))
		return -1;
	json_object_set_new(port, "ha_chassis_group", json_string(argv[1]));
	return 0;
}

const struct ctl_verb ctl_port_verbs[] = {
	{ "lsp-set-type", 2, 2, 1, 0, lsp_set_type },
	{ "lsp-get-type", 1, 1, 0, 0, lsp_get_type },
	{ "lsp-set-addresses", 1, -1, 1, 0, lsp_set_addresses },
	{ "lsp-get-addresses", 1, 1, 0, 0, lsp_get_addresses },
	{ "lsp-set-port-security", 1, -1, 1, 0, lsp_set_port_security },
	{ "lsp-get-port-security", 1, 1, 0, 0, lsp_get_port_security },
	{ "lsp-set-options", 1, -1, 1, 0, lsp_set_options },
	{ "lsp-get-options", 1, 1, 0, 0, lsp_get_options },
	{ "lsp-set-tag", 2, 2, 1, 0, lsp_set_tag },
	{ "lsp-set-ha-chassis-group", 2, 2, 1, 0, lsp_set_ha_chassis_group },
	{ 0 }
};
