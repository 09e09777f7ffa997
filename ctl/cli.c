/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cli.c - xovnctl command line: global options, then commands separated
 * by "--", each with its own leading options.  The whole chain is parsed
 * and checked (verb names, argument counts, options) before the model is
 * touched, so a typo anywhere changes nothing.  Kept apart from main() so
 * the argument fuzzer can drive the very same entry point.
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "db.h"
#include "model/model.h"
#include "xovn_maps.h"

static int is_separator(const char *s)
{
	return strcmp(s, "--") == 0;
}

/* Options that only set a flag on their command. */
static const struct {
	const char *name;
	unsigned int flag;
} flag_options[] = {
	{ "--may-exist", CTL_OPT_MAY_EXIST },
	{ "--if-exists", CTL_OPT_IF_EXISTS },
	{ "--stateless", CTL_OPT_STATELESS },
	{ "--portrange", CTL_OPT_PORTRANGE },
	{ "--ecmp", CTL_OPT_ECMP },
};

/* One leading "--option" of a command; returns -1 on an unknown option. */
static int parse_cmd_option(struct ctl_cmd *cmd, const char *opt)
{
	for (size_t i = 0; i < sizeof(flag_options) / sizeof(flag_options[0]); i++) {
		if (strcmp(opt, flag_options[i].name) == 0) {
			cmd->opts |= flag_options[i].flag;
			return 0;
		}
	}
	if (strncmp(opt, "--id=", 5) == 0) {
		cmd->opts |= CTL_OPT_ID;
		cmd->id = opt + 5;
		if (cmd->id[0] != '@' || !cmd->id[1])
			return ctl_fail("%s: the id must be @NAME", opt);
		return 0;
	}
	if (strncmp(opt, "--policy=", 9) == 0) {
		cmd->opts |= CTL_OPT_POLICY;
		cmd->policy = opt + 9;
		return 0;
	}
	if (strncmp(opt, "--route-table=", 14) == 0) {
		cmd->opts |= CTL_OPT_ROUTE_TABLE;
		cmd->route_table = opt + 14;
		return 0;
	}
	if (strncmp(opt, "--tunnel-key=", 13) == 0) {
		cmd->opts |= CTL_OPT_TUNNEL_KEY;
		return ctl_parse_long("tunnel key", opt + 13, 1, XOVN_DP_KEY_MAX, &cmd->tunnel_key);
	}
	return ctl_fail("unknown option %s", opt);
}

static int check_cmd(const struct ctl_cmd *cmd)
{
	const struct ctl_verb *v = cmd->verb;

	if (cmd->help)
		return 0;
	if (cmd->opts & ~v->opts)
		return ctl_fail("%s: option not accepted by this command", v->name);
	if (cmd->argc < v->min_args)
		return ctl_fail("%s: missing argument (takes at least %d, got %d)",
				v->name, v->min_args, cmd->argc);
	if (v->max_args >= 0 && cmd->argc > v->max_args)
		return ctl_fail("%s: too many arguments (takes at most %d, got %d)",
				v->name, v->max_args, cmd->argc);
	return 0;
}

static int is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* "VERB ... --help": the verb's usage instead of running it. */
static int asks_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (is_help(argv[i]))
			return 1;
	return 0;
}

/* Parses argv[*pos..] up to the next "--" into cmd. */
static int parse_cmd(int argc, char **argv, int *pos, struct ctl_cmd *cmd)
{
	int i = *pos;

	memset(cmd, 0, sizeof(*cmd));
	for (; i < argc && !is_separator(argv[i]) && strncmp(argv[i], "--", 2) == 0; i++)
		if (parse_cmd_option(cmd, argv[i]))
			return -1;
	if (i >= argc || is_separator(argv[i]))
		return ctl_fail("missing command (see xovnctl --help)");
	cmd->verb = ctl_find_verb(argv[i]);
	if (!cmd->verb)
		return ctl_fail("unknown command \"%s\" (see xovnctl --help)", argv[i]);
	cmd->argv = &argv[++i];
	while (i < argc && !is_separator(argv[i]))
		i++;
	cmd->argc = (int)(&argv[i] - cmd->argv);
	cmd->help = asks_help(cmd->argc, cmd->argv);
	*pos = i < argc ? i + 1 : i;
	if (i < argc && *pos == argc)
		return ctl_fail("missing command after -- (see xovnctl --help)");
	return check_cmd(cmd);
}

struct ctl_global ctl_global = { .format = CTL_FORMAT_LIST, .timeout = 0 };

/*
 * The value of "--NAME=VALUE", "--NAME VALUE" or "-S VALUE" at argv[*i];
 * NULL when argv[*i] is not this option.  *i moves past what was used.
 */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
			     const char *shortname, int *err)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) == 0 && a[n] == '=') {
		(*i)++;
		return a + n + 1;
	}
	if (strcmp(a, name) != 0 && !(shortname && strcmp(a, shortname) == 0))
		return NULL;
	if (*i + 1 >= argc) {
		*err = ctl_fail("%s requires a value", name);
		return NULL;
	}
	*i += 2;
	return argv[*i - 1];
}

static int set_format(const char *f)
{
	if (strcmp(f, "list") == 0)
		ctl_global.format = CTL_FORMAT_LIST;
	else if (strcmp(f, "table") == 0)
		ctl_global.format = CTL_FORMAT_TABLE;
	else if (strcmp(f, "csv") == 0)
		ctl_global.format = CTL_FORMAT_CSV;
	else if (strcmp(f, "json") == 0)
		ctl_global.format = CTL_FORMAT_JSON;
	else
		return ctl_fail("--format: unknown format \"%s\" (list, table, csv, json)", f);
	return 0;
}

static int set_wait(const char *w)
{
	if (strcmp(w, "none") == 0)
		ctl_global.wait = 0;
	else if (strcmp(w, "sb") == 0 || strcmp(w, "hv") == 0)
		ctl_global.wait = 1;
	else
		return ctl_fail("--wait: unknown value \"%s\" (none, sb, hv)", w);
	return 0;
}

/* The table formatting and waiting options, as ovn-nbctl takes them; 1 when argv[*i] is none. */
static int parse_output_option(int argc, char **argv, int *i)
{
	const char *v;
	int err = 0;

	if (strcmp(argv[*i], "--bare") == 0) {
		ctl_global.bare = 1;
		(*i)++;
	} else if (strcmp(argv[*i], "--no-wait") == 0) {
		ctl_global.wait = 0;
		(*i)++;
	} else if ((v = opt_value(argc, argv, i, "--columns", NULL, &err))) {
		ctl_global.columns = v;
	} else if (!err && (v = opt_value(argc, argv, i, "--format", "-f", &err))) {
		err = set_format(v);
	} else if (!err && (v = opt_value(argc, argv, i, "--wait", NULL, &err))) {
		err = set_wait(v);
	} else if (!err && (v = opt_value(argc, argv, i, "--timeout", "-t", &err))) {
		long t;

		err = ctl_parse_long("--timeout", v, 0, 86400, &t);
		ctl_global.timeout = (int)t;
	} else if (!err) {
		return 1;
	}
	return err ? -1 : 0;
}

/* Global options come first; returns the index of the first command word. */
static int parse_global(int argc, char **argv, const char **db, int *help)
{
	int i = 1, r;

	while (i < argc) {
		if (is_help(argv[i])) {
			*help = 1;
			i++;
		} else if (strcmp(argv[i], "--commands") == 0) {
			*help = 2;
			i++;
		} else if ((r = parse_output_option(argc, argv, &i)) <= 0) {
			if (r < 0)
				return -1;
		} else if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc)
				return ctl_fail("--db requires a FILE");
			*db = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			*db = argv[i] + 5;
			i++;
		} else {
			break;
		}
	}
	if (*db && (*db)[0] == '\0')
		return ctl_fail("--db requires a non-empty FILE");
	return i;
}

int ctl_main(int argc, char **argv)
{
	const char *db = NULL;
	struct ctl_cmd *cmds;
	int help = 0, pos, n = 0, rc;

	/* A process may run several command lines (the fuzzer does): start clean. */
	ctl_global = (struct ctl_global){ .format = CTL_FORMAT_LIST };
	db_chain_reset();
	pos = parse_global(argc, argv, &db, &help);
	if (pos < 0)
		return 1;
	if (help) {
		if (help == 2)
			ctl_print_commands(stdout);
		else
			ctl_print_help(stdout);
		return 0;
	}
	if (pos < argc && is_separator(argv[pos]))
		pos++;   /* "ovn-nbctl -- --id=@x create ...": a leading -- is allowed */
	if (pos >= argc) {
		ctl_fail("missing command (see xovnctl --help)");
		return 1;
	}
	cmds = calloc((size_t)argc, sizeof(*cmds));
	if (!cmds) {
		ctl_fail("out of memory");
		return 1;
	}
	while (pos < argc) {
		if (parse_cmd(argc, argv, &pos, &cmds[n++])) {
			free(cmds);
			return 1;
		}
		if (cmds[n - 1].help) {
			ctl_print_verb_help(stdout, cmds[n - 1].verb->name);
			free(cmds);
			return fflush(stdout) ? 1 : 0;
		}
	}
	rc = ctl_run_chain(db ? db : xovn_default_db(), cmds, n);
	free(cmds);
	return rc;
}
