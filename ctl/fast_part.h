/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * fast_part.h - the part of a big db that a chain confined to a few
 * switches needs (fast_part.c), for the partial write path (fast_write.c).
 */
#ifndef XOVN_CTL_FAST_PART_H
#define XOVN_CTL_FAST_PART_H

#include <jansson.h>
#include <stddef.h>

#include "model/db_index.h"
#include "model/incomplete.h"
#include "model/journal.h"

struct ctl_cmd;

/* Where a command's names are in its arguments. */
enum part_role {
	ROLE_NONE,
	ROLE_PORT,      /* an existing port: its switch is read */
	ROLE_NEW_PORT,  /* a port added: its switch (if any) is read, nothing may name it */
	ROLE_GONE_PORT, /* a port deleted: as a new one, and it must not be a parent */
	ROLE_TYPED_PORT, /* type or options changed: a VIF if anything names it, not a localnet after */
	ROLE_SWITCH,    /* a switch read by name */
	ROLE_GONE_SWITCH, /* a switch deleted: nothing may name its ports */
	ROLE_DATAPATH,  /* a switch or router added: every switch's name and key are read */
	ROLE_GONE_LRP,  /* a router port deleted: the switches whose ports peer with it are read */
	ROLE_GONE_ROUTER, /* a router deleted: as each of its ports */
};
#define PART_ARGS 6

/* fast_verbs.c: the roles of cmd's first PART_ARGS arguments; -1 when the part cannot run it. */
int ctl_part_roles(const struct ctl_cmd *cmd, enum part_role roles[PART_ARGS]);
/* The first argument of cmd in role, NULL when none. */
const char *ctl_part_arg_of(const struct ctl_cmd *cmd, enum part_role role);

/* The names a chain mentions, each list at most PART_MAX_NAMES long. */
#define PART_MAX_NAMES 64
struct part_names {
	const char *switches[PART_MAX_NAMES];  /* switches read by name */
	const char *ports[PART_MAX_NAMES];     /* ports whose switch and children's switches are read */
	const char *claimed[PART_MAX_NAMES];   /* ports added or deleted: no chassis or binding may name them */
	const char *retyped[PART_MAX_NAMES];   /* type or options changed: a VIF if chassis or bindings name it */
	const char *emptied[PART_MAX_NAMES];   /* switches deleted: each of their ports is claimed */
	const char *gone_lrps[PART_MAX_NAMES]; /* router ports deleted: their peers' switches are read */
	const char *gone_routers[PART_MAX_NAMES]; /* routers deleted: as each of their ports */
	size_t n_switches, n_ports, n_claimed, n_retyped, n_emptied, n_gone_lrps, n_gone_routers;
	int all_switches;  /* a switch or router is added: every other switch is a stub */
};

/* What the reading found besides the part (json values are new references). */
struct part_found {
	json_t *stubs;       /* the stubs in the part's switches */
	json_t *bound_vifs;  /* names of retyped ports chassis or bindings name: VIFs they must stay */
	json_t *left_out;    /* chassis and bindings as records set them (members absent: the file's) */
	struct xovn_db_index ix;   /* the file's index, for what the part does not hold */
};
void ctl_part_found_free(struct part_found *f);

/* 1 when the db has a chassis of that name. */
int ctl_part_chassis_exists(const struct part_found *f, const char *name);
/* 1 when an interface of a chassis names port: the port is bound. */
int ctl_part_attached(const struct part_found *f, const char *port);
/* 1 when chassis or bindings name port. */
int ctl_part_names_port(const struct part_found *f, const char *port);
/*
 * 1 when a port of a switch of the file that doc does not hold names name:
 * what 'r' a router port, 'd' a DHCP options row.  (A switch doc holds is
 * as the db has it now: a record may have replaced the file's.)
 */
int ctl_part_named_outside(const struct part_found *f, const json_t *doc, char what,
			   const char *name);

/*
 * The part of the db the chain needs, as of the db's current state (*head):
 * the file's small members, the switches it names and those holding its
 * ports and their container ports, and those whose ports peer with the
 * router ports it deletes, with the records appended on the file applied;
 * chassis and bindings empty (found->left_out keeps what records set).  NULL when the part cannot settle
 * the chain: no current index, a switch the index misplaces, a claimed port
 * that chassis or bindings name, a retyped one they name that is not a
 * plain VIF (type "", no parent).
 *
 * With all_switches, every other switch of the db is in logical_switches
 * as a stub, its name and tunnel key only, so that a new switch or router
 * is checked against every name and takes the lowest key no datapath
 * holds, as on the full path.  found->stubs holds them: they must be
 * taken out before the part is validated or compared.
 */
json_t *ctl_part_read(const char *db, const struct part_names *names, struct xovn_file_id *head,
		      struct part_found *found);

/* 1 when doc has port name, of type "" and without a parent. */
int ctl_part_plain_vif(const json_t *doc, const char *name);

/* 1 for a member the part leaves empty (chassis, bindings): a write may not change it. */
int ctl_part_left_out(const char *member);

/* Takes the stubs out of the part's switches: those taken, an array (new reference). */
json_t *ctl_part_take_stubs(json_t *doc, const json_t *stubs);
/* Puts back the stubs taken. */
int ctl_part_put_stubs(json_t *doc, const json_t *taken);

/* fast_settle.c: what the part held before the chain, to compare with after it. */
struct part_before {
	struct xovn_inactive_list inactive;   /* its incomplete items */
	json_t *lrps, *dhcp;   /* router port names and DHCP options UUIDs, as object keys */
};
/* Of doc without its stubs; 0 ok, -1 out of memory (free it either way). */
int ctl_part_before(const json_t *doc, struct part_before *b);
void ctl_part_before_free(struct part_before *b);

/*
 * Whether the part settles the chain that left doc (without stubs) with
 * the incomplete items l: 0, and l keeps the warnings the full path would
 * print of what the part knows; -1 when the full path must run the chain.
 */
int ctl_part_settle(const json_t *doc, const struct part_before *b, const struct part_found *f,
		    struct xovn_inactive_list *l);

#endif /* XOVN_CTL_FAST_PART_H */
