// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fast_verbs.c - which commands a write on the part of the db may run,
 * and what their arguments name (fast_part.h): the switches to read, the
 * ports no chassis or binding may name, a new datapath.
 *
 * The part holds every row of the small top-level members (routers and
 * their ports, routes, NAT rules and gateway chassis, DHCP options rows,
 * HA chassis groups), so a command on those rows runs there whatever row
 * it names.  A switch port is read by its name only: the index knows no
 * port UUIDs.  A column that other rows name a row by ("name"), or that
 * ties a port to ports of other switches (a parent and its tag), is left
 * to the full path, and so is every change of a switch by the generic
 * commands (its ports are what those would change).
 */
#include <string.h>
#include <strings.h>

#include "ctl.h"
#include "fast_part.h"

/* The options the verb itself accepts. */
#define OPTS_ALL (~0u & ~CTL_OPT_ID)

struct part_verb {
	const char *name;
	unsigned opts;                /* the options it may carry here */
	enum part_role roles[PART_ARGS]; /* of argv[0..5] */
};

static const struct part_verb part_verbs[] = {
	{ "lsp-set-addresses", 0, { ROLE_PORT } },
	{ "lsp-set-port-security", 0, { ROLE_PORT } },
	/*
	 * What chassis and bindings check of a port depends on its type and
	 * options (attachments, bindings, a localnet network mapped on a
	 * chassis): a port they name must be a plain VIF before and after
	 * (whose options they do not check), and no port a localnet.
	 */
	{ "lsp-set-type", 0, { ROLE_TYPED_PORT } },
	{ "lsp-set-options", 0, { ROLE_TYPED_PORT } },
	/* A port key is unique per switch; a parent is read with its container ports. */
	{ "lsp-add", CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY,
	  { ROLE_SWITCH, ROLE_NEW_PORT, ROLE_PORT } },
	{ "lsp-del", CTL_OPT_IF_EXISTS, { ROLE_GONE_PORT } },
	{ "ls-del", CTL_OPT_IF_EXISTS, { ROLE_GONE_SWITCH } },
	/* Switch and router keys are one space: unique, the lowest unused given. */
	{ "ls-add", CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, { ROLE_DATAPATH } },
	/*
	 * DHCP rows are a small member, read whole; a port names one by UUID.
	 * A row deleted must be one no port of another switch names (the index).
	 */
	{ "lsp-set-dhcpv4-options", 0, { ROLE_PORT } },
	{ "lsp-set-dhcpv6-options", 0, { ROLE_PORT } },
	{ "dhcp-options-create", 0, { ROLE_NONE } },
	{ "dhcp-options-set-options", 0, { ROLE_NONE } },
	{ "dhcp-options-del", 0, { ROLE_NONE } },
	/*
	 * Routers are a small member, read whole.  What they name in switches
	 * is checked from the switch side or is incomplete, never an error of
	 * the router; a router port's name is checked against the switch port
	 * of that name, a distributed NAT's logical port must exist.  The
	 * switches whose ports peer with a router port deleted are read (the
	 * index); whether a gateway chassis exists, the index says too.
	 */
	{ "lr-add", CTL_OPT_MAY_EXIST | CTL_OPT_TUNNEL_KEY, { ROLE_DATAPATH } },
	{ "lr-del", CTL_OPT_IF_EXISTS, { ROLE_GONE_ROUTER } },
	{ "lrp-add", OPTS_ALL, { ROLE_NONE, ROLE_PORT } },
	{ "lrp-del", CTL_OPT_IF_EXISTS, { ROLE_GONE_LRP } },
	{ "lr-route-add", OPTS_ALL, { ROLE_NONE } },
	{ "lr-nat-add", OPTS_ALL, { ROLE_NONE, ROLE_NONE, ROLE_NONE, ROLE_NONE, ROLE_PORT } },
	{ "lr-route-del", OPTS_ALL, { ROLE_NONE } },
	{ "lr-nat-del", OPTS_ALL, { ROLE_NONE } },
	{ "lrp-set-enabled", 0, { ROLE_NONE } },
	{ "lrp-set-gateway-chassis", 0, { ROLE_NONE } },
	{ "lrp-del-gateway-chassis", 0, { ROLE_NONE } },
	{ "lrp-set-redirect-type", 0, { ROLE_NONE } },
	/* HA chassis groups are a small member; ports name a group, so none is deleted here. */
	{ "ha-chassis-group-add", CTL_OPT_MAY_EXIST, { ROLE_NONE } },
	{ "ha-chassis-group-add-chassis", 0, { ROLE_NONE } },
	{ "ha-chassis-group-remove-chassis", 0, { ROLE_NONE } },
};

/* The tables of the generic commands the part can run them on. */
struct part_table {
	const char *name;
	int creatable;   /* create: a row of a small member, named by nothing yet */
};

static const struct part_table part_tables[] = {
	{ "Logical_Switch_Port", 0 },   /* read by name, as a retyped port */
	{ "Logical_Router", 1 },        /* a new one takes a datapath key */
	{ "Logical_Router_Port", 0 },   /* its name is checked against switch ports */
	{ "Logical_Router_Static_Route", 1 },
	{ "NAT", 1 },
	{ "Gateway_Chassis", 1 },
	{ "DHCP_Options", 1 },
	{ "HA_Chassis_Group", 1 },
	{ "HA_Chassis", 1 },
};

static const struct part_table *part_table(const char *name)
{
	for (size_t i = 0; i < sizeof(part_tables) / sizeof(part_tables[0]); i++)
		if (strcasecmp(name, part_tables[i].name) == 0)
			return &part_tables[i];
	return NULL;
}

/* A column that rows of other switches, or other rows, name this one by. */
static int binding_column(const char *arg, size_t len)
{
	static const char *const columns[] = { "name", "parent_name", "tag", "tag_request" };

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strlen(columns[i]) == len && strncasecmp(arg, columns[i], len) == 0)
			return 1;
	return 0;
}

/* The columns a generic command changes: argv[first..] up to ':' or '=' (set), or whole. */
static int columns_free(const struct ctl_cmd *cmd, int first, int last, const char *stop)
{
	for (int i = first; i <= last && i < cmd->argc; i++)
		if (binding_column(cmd->argv[i], strcspn(cmd->argv[i], stop)))
			return 0;
	return 1;
}

/* 36 characters of hex digits and dashes: a UUID the part cannot place. */
static int uuid_like(const char *s)
{
	return strlen(s) == 36 && strspn(s, "0123456789abcdefABCDEF-") == 36;
}

/* set / add / remove / clear / create on a table of the part. */
static int generic_roles(const struct ctl_cmd *cmd, enum part_role roles[PART_ARGS])
{
	static const char *const verbs[] = { "set", "add", "remove", "clear", "create" };
	const char *verb = cmd->verb->name;
	const struct part_table *t = cmd->argc >= 1 ? part_table(cmd->argv[0]) : NULL;
	int port = t && strcmp(t->name, "Logical_Switch_Port") == 0, known = 0;

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		known |= strcmp(verb, verbs[i]) == 0;
	if (!known || !t)
		return -1;
	if (strcmp(verb, "create") == 0) {
		if (!t->creatable || (cmd->opts & ~CTL_OPT_ID))
			return -1;
		if (strcmp(t->name, "Logical_Router") == 0)
			roles[0] = ROLE_DATAPATH;
		return 0;
	}
	if (cmd->argc < 2 || (cmd->opts & ~CTL_OPT_IF_EXISTS))
		return -1;
	/* A switch port by name only: the index places no port UUIDs. */
	if (port && (cmd->argv[1][0] == '@' || uuid_like(cmd->argv[1])))
		return -1;
	if (port)
		roles[1] = ROLE_TYPED_PORT;
	if (strcmp(verb, "set") == 0)
		return columns_free(cmd, 2, cmd->argc - 1, ":=") ? 0 : -1;
	if (strcmp(verb, "clear") == 0)
		return columns_free(cmd, 2, cmd->argc - 1, "") ? 0 : -1;
	if (strcmp(verb, "add") == 0 || strcmp(verb, "remove") == 0)
		return columns_free(cmd, 2, 2, "") ? 0 : -1;
	return -1;
}

int ctl_part_roles(const struct ctl_cmd *cmd, enum part_role roles[PART_ARGS])
{
	memset(roles, 0, PART_ARGS * sizeof(roles[0]));
	if (cmd->help)
		return -1;
	for (size_t i = 0; i < sizeof(part_verbs) / sizeof(part_verbs[0]); i++) {
		if (strcmp(cmd->verb->name, part_verbs[i].name) != 0)
			continue;
		if ((cmd->opts & ~part_verbs[i].opts) || cmd->argc < 1)
			return -1;
		memcpy(roles, part_verbs[i].roles, PART_ARGS * sizeof(roles[0]));
		return 0;
	}
	return generic_roles(cmd, roles);
}

const char *ctl_part_arg_of(const struct ctl_cmd *cmd, enum part_role role)
{
	enum part_role roles[PART_ARGS];

	if (ctl_part_roles(cmd, roles) < 0)
		return NULL;
	for (int a = 0; a < cmd->argc && a < PART_ARGS; a++)
		if (roles[a] == role)
			return cmd->argv[a];
	return NULL;
}
