/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * chassis.h - one chassis' running state: the datapath, the model in force
 * and the entries the maps hold.
 */
#ifndef XOVND_CHASSIS_H
#define XOVND_CHASSIS_H

#include <jansson.h>
#include <sys/stat.h>

#include "attachments.h"
#include "bfd.h"
#include "compile/compile.h"
#include "model/delta.h"
#include "model/follow.h"
#include "model/journal.h"
#include "model/model.h"
#include "datapath.h"
#include "iface.h"
#include "dataplane/mapset.h"
#include "options.h"
#include "ovn_sb.h"
#include "reconcile.h"
#include "remote.h"
#include "routeexch/learned.h"

struct chassis {
	const struct xovnd_options *opt;
	struct datapath dp;
	struct attachments att;
	int state_fd;
	struct reconcile rec;        /* what the maps hold, and the host facts of it */
	json_t *model;               /* last model that validated; NULL before one */
	json_t *active;              /* model without its incomplete parts: what is compiled */
	size_t n_inactive;           /* incomplete items set aside from active */
	int has_containers;          /* model has container ports (chassis_active.c) */
	struct stat db_stat;         /* db as last read, to notice missed events */
	int have_db_stat;
	struct stat journal_stat;    /* the same for DB.journal (appended writes) */
	int have_journal_stat;
	char last_refusal[512];      /* last whole compile's error, logged once */
	struct remotes remotes;      /* encap IPs kept resolved on the underlay */
	struct xovn_file_id db_id;   /* the file c->model equals, when db_id_known */
	int db_id_known;
	struct xovn_model *typed;    /* c->active as typed structs (chassis_typed.c) */
	struct xovn_compile_state *cstate; /* indexes of c->typed for incremental compiles */
	/* --ovn-remote: the model comes from the SB (chassis_ovn.c); NULL otherwise. */
	struct ovn_sb *sb;
	long long ovn_generation;     /* generation of the last model built from it */
	long long ovn_nb_cfg_built;   /* SB_Global.nb_cfg that model was built from */
	long long ovn_nb_cfg_applied; /* ... and the one the maps hold (-1: none yet) */
	json_t *ovn_skipped;          /* rows left out of the last model, as logged */
	/* Routes learned from the fabric, merged into c->typed (route_exchange.c); NULL: none. */
	const struct xovn_learned_set *learned;
	const struct bfd *bfd;        /* chassis liveness from BFD, NULL without */
	unsigned long typed_reads;    /* times c->typed was read anew (BFD follows it) */
	/* The first whole compile, made before the datapath was there (chassis_compile_first). */
	struct xovn_compile_result first;
	int first_rc;
	int has_first;
	int first_written;            /* ... and already in the maps (they were new) */
	uint32_t first_generation;    /* its generation, published after the attachments */
	size_t n_in_place;            /* entries the maps held when the start found them */
};

/* Loads the datapath and reads back what its maps hold.  0 ok, -1 logged. */
int chassis_start(struct chassis *c, const struct xovnd_options *opt);
/*
 * The same in two halves, for a start that reads and compiles the model
 * while the kernel verifies the programs: _begin creates or reuses the
 * maps, reads them back and starts the verification; _end waits for it
 * and pins, attaching nothing yet.  Between them only chassis_reload
 * and chassis_compile_first may be called.  0 ok, -1 logged; after -1,
 * chassis_stop.
 */
int chassis_start_begin(struct chassis *c, const struct xovnd_options *opt);
int chassis_start_end(struct chassis *c);
/* Drops our references; the datapath keeps running. */
void chassis_stop(struct chassis *c);

/*
 * Reads the db.  A model that fails validation is logged error by error
 * and ignored (the one in force stays).  Returns 1 if a new model was
 * accepted, 0 if not, -1 if it was refused.
 */
int chassis_reload(struct chassis *c);
/* What the db file and its journal are now, for chassis_db_changed. */
void chassis_remember_db_stat(struct chassis *c);
/* Has the db file or its journal changed since it was last read? (the safety net). */
int chassis_db_changed(const struct chassis *c);
/*
 * Brings attachments and maps in line with the model in force and the
 * interfaces present now, writing only the difference.  0 ok, -1 logged.
 */
int chassis_apply(struct chassis *c);
/*
 * The whole compile of the model in force, kept for the next
 * chassis_apply, which then neither compiles nor (when the maps were
 * created by this start, so no program reads them yet) writes it again:
 * a start makes it while the programs are being verified.  0 ok, -1
 * refused (logged; that apply then refuses too).
 */
int chassis_compile_first(struct chassis *c);
/*
 * The same for a change confined to some switches (already made in
 * c->active and followed by c->typed, chassis_typed_follow): only the
 * switches chg read anew are compiled and written, in place of the ones
 * chg replaced.  The caller checked that this is exact
 * (chassis_compile_covers).  0 ok, -1 logged.
 */
int chassis_apply_switches(struct chassis *c, const struct xovn_switch_change *chg);

/*
 * Follows DB.journal from the file the model in force was read from
 * (chassis_incr.c).  1: the model and maps now match the db (or nothing
 * changed); 0: the journal does not lead to the db, read it whole.
 */
int chassis_follow_journal(struct chassis *c);

/*
 * Compiles and writes what a change of c->model's switches (already made
 * in c->model) means: those switches alone when that is exact, else
 * everything from memory.  0 written, -1 refused (logged).
 */
int chassis_apply_delta(struct chassis *c, const struct xovn_delta_effect *eff);
/*
 * The OVN mode's small path: the SB changed only the ports of these
 * datapaths (a JSON object whose keys are Datapath_Binding UUIDs); rebuild
 * just those switches and compile them.  0 done, -1: build the model whole.
 */
int chassis_ovn_update_switches(struct chassis *c, const json_t *dps);

long long chassis_generation(const struct chassis *c);
/* Drops the model in force and everything derived from it. */
void chassis_forget_model(struct chassis *c);

/*
 * The calls into the compiler (chassis_compile.c).  Compiles the typed
 * c->active for this chassis into res: everything when chg is NULL, else
 * the switches chg read anew, checked against the entries in force.  0 ok,
 * -1 logged.
 */
int chassis_compile(struct chassis *c, const struct xovn_switch_change *chg,
		    struct iface_table *links, struct xovn_compile_result *res);
/* Can the switches chg changed be compiled alone? */
int chassis_compile_covers(const struct chassis *c, const struct xovn_switch_change *chg);
/* Builds (once) or drops the indexes that compiling switches alone needs (of c->typed). */
void chassis_compile_index(struct chassis *c);
void chassis_compile_unindex(struct chassis *c);

/* The model from the SB and the local file (chassis_ovn.c); NULL with errs filled. */
json_t *chassis_ovn_model(struct chassis *c, struct xovn_errors *errs);
/* Writes this chassis' SB rows (registration, claims, nb_cfg) when they differ. */
void chassis_ovn_write_rows(struct chassis *c);
/* Sets c->active from c->model (chassis_active.c).  0 ok, -1 logged. */
int chassis_set_active(struct chassis *c);
/*
 * The same with what validating c->model gave: its incomplete items
 * (listed) and its typed reading (typed, taken: it becomes c->typed when
 * c->active is c->model itself, else it is freed).  Either may be NULL.
 */
struct xovn_inactive_list;
int chassis_set_active_read(struct chassis *c, const struct xovn_inactive_list *listed,
			    struct xovn_model *typed);
/* c->active typed, read when first needed; NULL when out of memory (chassis_typed.c). */
const struct xovn_model *chassis_typed(struct chassis *c);
/* typed, a reading of c->active, as c->typed (taken; freed when c->typed is already there). */
void chassis_typed_take(struct chassis *c, struct xovn_model *typed);
/* Drops the typed model and the compile state that borrows from it. */
void chassis_forget_typed(struct chassis *c);
/*
 * After c->active's switches changed in place: the typed model follows.
 * 0 ok, chg holding the typed switches replaced (they borrow from eff's
 * old switch objects: free chg first); -1 read it anew.
 */
int chassis_typed_follow(struct chassis *c, const struct xovn_delta_effect *eff,
			 struct xovn_switch_change *chg);
/* Can a journal chain's switch changes change what is incomplete? */
int chassis_delta_may_deactivate(const struct chassis *c, const struct xovn_delta_effect *eff);

#endif /* XOVND_CHASSIS_H */
