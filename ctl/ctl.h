/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ctl.h - xovnctl internals: the command table, the context a command runs
 * in, and the small helpers every command file shares.
 */
#ifndef XOVN_CTL_H
#define XOVN_CTL_H

#include <jansson.h>
#include <stdio.h>

/* Per-command options, written before the verb: "--may-exist ls-add sw0". */
#define CTL_OPT_MAY_EXIST  0x1u
#define CTL_OPT_IF_EXISTS  0x2u
#define CTL_OPT_TUNNEL_KEY 0x4u
#define CTL_OPT_ID         0x8u   /* --id=@NAME: create names its row for later commands */
#define CTL_OPT_ECMP       0x10u  /* lr-route-add: another nexthop for an existing prefix */
#define CTL_OPT_POLICY     0x20u  /* --policy=src-ip|dst-ip of a static route */
#define CTL_OPT_ROUTE_TABLE 0x40u /* --route-table=NAME of a static route */
#define CTL_OPT_STATELESS  0x80u  /* lr-nat-add: a dnat_and_snat without conntrack */
#define CTL_OPT_PORTRANGE  0x100u /* lr-nat-add: the last argument is EXTERNAL_PORT_RANGE */

/* Global options that shape output and waiting (cli.c), as ovn-nbctl's. */
enum ctl_format { CTL_FORMAT_LIST, CTL_FORMAT_TABLE, CTL_FORMAT_CSV, CTL_FORMAT_JSON };
struct ctl_global {
	enum ctl_format format;
	int bare;              /* --bare: values only, no headings or quoting */
	const char *columns;   /* --columns=a,b: NULL for all */
	int wait;              /* --wait=hv|sb: return once every xovnd applied the write */
	int timeout;           /* --timeout=SECS for the wait: 0 waits forever */
};
extern struct ctl_global ctl_global;

struct ctl_ctx;
typedef int (*ctl_fn)(struct ctl_ctx *ctx, int argc, char **argv);

struct ctl_verb {
	const char *name;
	int min_args;
	int max_args;        /* -1: no upper bound */
	int writes;          /* needs the exclusive lock and a save */
	unsigned opts;       /* CTL_OPT_* the verb accepts */
	ctl_fn fn;
};

/* One command of a chain, as parsed from the command line. */
struct ctl_cmd {
	const struct ctl_verb *verb;
	unsigned opts;       /* CTL_OPT_* given */
	long tunnel_key;     /* with CTL_OPT_TUNNEL_KEY */
	const char *id;      /* with CTL_OPT_ID: "@name" */
	const char *policy;  /* with CTL_OPT_POLICY */
	const char *route_table;   /* with CTL_OPT_ROUTE_TABLE */
	int help;            /* the arguments hold --help or -h */
	int argc;
	char **argv;         /* arguments after the verb */
};

/* What a command sees while it runs. */
struct ctl_ctx {
	json_t *model;
	FILE *out;           /* buffered: printed only when the whole chain succeeds */
	const struct ctl_cmd *cmd;
};

/* cli.c: the whole command line (argv[0] is the program name); the exit status. */
int ctl_main(int argc, char **argv);

/* verbs.c */
const struct ctl_verb *ctl_find_verb(const char *name);
void ctl_print_help(FILE *f);
void ctl_print_commands(FILE *f);                   /* --commands: one verb a line */
void ctl_print_verb_help(FILE *f, const char *verb); /* VERB --help */

/* journal_write.c: the delta of a committed write, for xovnd (lib/model/journal.h). */
#include "model/journal.h"
struct ctl_journal {
	struct xovn_file_id base;  /* the db state the chain started from */
	json_t *before;            /* the model's fingerprints before the chain */
	json_t *delta;             /* from before to the model to commit */
	const char *db;            /* set by the commit: where it writes */
	const json_t *committed;   /* set by the commit: the model it writes */
};
void ctl_journal_base(struct ctl_journal *j, const json_t *model, const struct xovn_file_id *state);
void ctl_journal_prepare(struct ctl_journal *j, const json_t *after);
/*
 * Commits by appending the record when the db is big enough and the journal
 * small enough (model/journal.h): 1 done, 0 the db is to be written whole
 * instead, -1 failed (errs says why; nothing was committed).
 */
struct xovn_errors;
int ctl_journal_append(struct ctl_journal *j, struct xovn_errors *errs);
/* xovn_model_save_with's before_rename: records the delta for the file being renamed in. */
struct stat;
void ctl_journal_record(const struct stat *written, void *arg);
void ctl_journal_free(struct ctl_journal *j);

/*
 * fast_write.c: a chain confined to a few switches and the small members
 * (port addresses, types, options and DHCP options, lsp-add, lsp-del,
 * ls-add, ls-del, router, route, NAT and DHCP options verbs), run on the
 * part of a big db it touches (DB.index) and appended to the journal.  1 committed (*model: the part, for --wait); 0 not taken: run
 * the full path, nothing was written or printed; -1 a command failed
 * (its error printed).  The caller holds the write lock.
 */
int ctl_fast_write(const char *db, struct ctl_cmd *cmds, int n, FILE *out, json_t **model);

/*
 * compact.c, under the write lock after a write: DB.index of a big db
 * rebuilt when stale; the db compacted by a detached process that keeps
 * the lock when the journal has reached its share.
 */
void ctl_keep_index(const char *db);
void ctl_compact_if_due(const char *db);

/* txn.c: runs a parsed chain as one transaction; returns the exit status. */
int ctl_run_chain(const char *db, struct ctl_cmd *cmds, int n);

/* uuid.c: random v4 UUIDs; rows without _uuid get one at commit. */
int ctl_uuid_new(char out[37]);
int ctl_ensure_uuid(json_t *row);
int ctl_assign_uuids(json_t *model);

/* wait.c: every chassis running xovnd holds the model's generation (timeout 0: forever). */
int ctl_wait_applied(const json_t *model, int timeout);

/* keys.c: tunnel keys, allocated lowest-unused and never renumbered. */
int ctl_assign_switch_key(json_t *model, json_t *sw, long requested);
int ctl_assign_router_key(json_t *model, json_t *lr, long requested);
int ctl_assign_port_key(json_t *sw, json_t *port, long requested);

/* util.c */
int ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ctl_check_name(const char *what, const char *s);
int ctl_check_ifname(const char *s);
int ctl_parse_long(const char *what, const char *s, long min, long max, long *out);
json_t *ctl_array(json_t *obj, const char *key);
json_t *ctl_object(json_t *obj, const char *key);
const char *ctl_str(const json_t *obj, const char *key);
int ctl_index_by_name(const json_t *arr, const char *key, const char *name);
void ctl_print_sorted_names(FILE *out, const json_t *arr);
void ctl_print_sorted_pairs(FILE *out, const json_t *obj, const char *before,
			    const char *between, const char *after);
int ctl_has_opt(const struct ctl_ctx *ctx, unsigned opt);

/* lookups that turn "absent" into an error message */
json_t *ctl_need_switch(json_t *model, const char *name);
json_t *ctl_need_port(json_t *model, const char *name, json_t **sw_out);
json_t *ctl_need_chassis(json_t *model, const char *name);
json_t *ctl_need_group(json_t *model, const char *name);

/* routers.c: logical routers and their ports, by name or _uuid */
json_t *ctl_find_router(json_t *model, const char *id);
json_t *ctl_find_router_port(json_t *model, const char *id, json_t **lr_out);
json_t *ctl_need_router(json_t *model, const char *id);
json_t *ctl_need_router_port(json_t *model, const char *id, json_t **lr_out);

/* refs.c: removing a thing removes what only makes sense with it */
void ctl_forget_port(json_t *model, const char *port);
void ctl_forget_chassis(json_t *model, const char *chassis);
void ctl_forget_group(json_t *model, const char *group);
void ctl_forget_dhcp_options(json_t *model, const char *uuid);   /* cmd_dhcp.c */
const char *ctl_first_child(const json_t *model, const char *parent);

/* util.c: a report as --json prints it (indented, in insertion order), newline-terminated */
void ctl_print_json(FILE *out, const json_t *j);

struct xovn_model;

/* cmd_stats.c: the arguments of the verbs that read a chassis' pinned maps */
struct ctl_map_args {
	const char *verb;        /* for messages */
	const char *arg_name;    /* the one positional argument, for messages */
	const char *chassis;     /* --chassis NAME; after ctl_map_args_begin, the chassis read */
	const char *pin_dir;     /* --pin-dir DIR */
	const char *arg;         /* the positional argument, NULL when absent */
	int json;                /* --json */
	char dir[4096];          /* after ctl_map_args_begin: the pin directory */
};

/*
 * Parses [--chassis NAME] [--pin-dir DIR] [--json] [ARG] into a, picks the
 * chassis (given, else the chassis of port ARG when arg_is_port, else the
 * only one) and its pin directory, and reads the typed model (free it with
 * xovn_model_free).  0, or -1 with the message printed.
 */
int ctl_map_args_begin(struct ctl_ctx *ctx, struct ctl_map_args *a, int argc, char **argv,
		       int arg_is_port, struct xovn_model **typed);

/* verb tables, one per command file */
extern const struct ctl_verb ctl_switch_verbs[];
extern const struct ctl_verb ctl_port_verbs[];
extern const struct ctl_verb ctl_ha_verbs[];
extern const struct ctl_verb ctl_chassis_verbs[];
extern const struct ctl_verb ctl_bind_verbs[];
extern const struct ctl_verb ctl_show_verbs[];
extern const struct ctl_verb ctl_db_verbs[];      /* cmd_db.c: list, get, set, ... */
extern const struct ctl_verb ctl_trace_verbs[];   /* cmd_trace.c: read-only */
extern const struct ctl_verb ctl_stats_verbs[];   /* cmd_stats.c: read-only */
extern const struct ctl_verb ctl_dhcp_verbs[];    /* cmd_dhcp.c */
extern const struct ctl_verb ctl_router_verbs[];  /* cmd_router.c: lr-*, lrp-* */
extern const struct ctl_verb ctl_route_verbs[];   /* cmd_route.c: lr-route-* */
extern const struct ctl_verb ctl_nat_verbs[];     /* cmd_nat.c: lr-nat-* */
extern const struct ctl_verb ctl_gateway_verbs[]; /* cmd_gateway.c: lrp-*-gateway-chassis */
extern const struct ctl_verb ctl_conntrack_verbs[]; /* cmd_conntrack.c: read-only */

/* cmd_bfd.c: xovnd's BFD sessions from the pins in pin_dir, sorted; NULL when not recorded. */
json_t *ctl_bfd_sessions(const char *pin_dir);
void ctl_bfd_print(FILE *out, const json_t *sessions);

/*
 * qsort order of gateway chassis rows (const json_t *): highest priority
 * first, equal priorities by name descending, as ovn-nbctl orders them.
 */
int ctl_cmp_gateway_chassis(const void *x, const void *y);
const json_t **ctl_sorted_members(const json_t *array, size_t *n,
				  int (*cmp)(const void *, const void *));

#endif /* XOVN_CTL_H */
