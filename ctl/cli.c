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
#include "model/model.h"
#include "xovn_maps.h"

static int is_separator(const char *s)
{
	return strcmp(s, "--") == 0;
}

/* One leading "--option" of a command; returns -1 on an unknown option. */
static int parse_cmd_option(struct ctl_cmd *cmd, const char *opt)
{
	if (strcmp(opt, "--may-exist") == 0) {
		cmd->opts |= CTL_OPT_MAY_EXIST;
		return 0;
	}
	if (strcmp(opt, "--if-exists") == 0) {
		cmd->opts |= CTL_OPT_IF_EXISTS;
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
	*pos = i < argc ? i + 1 : i;
	if (i < argc && *pos == argc)
		return ctl_fail("missing command after -- (see xovnctl --help)");
	return check_cmd(cmd);
}

/* Global options come first; returns the index of the first command word. */
static int parse_global(int argc, char **argv, const char **db, int *help)
{
	int i = 1;

	while (i < argc) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			*help = 1;
			i++;
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

	pos = parse_global(argc, argv, &db, &help);
	if (pos < 0)
		return 1;
	if (help) {
		ctl_print_help(stdout);
		return 0;
	}
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
	}
	rc = ctl_run_chain(db ? db : xovn_default_db(), cmds, n);
	free(cmds);
	return rc;
}
