/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_delta.h - the difference between two models, as xovnctl journals it
 * and xovnd applies it.
 *
 * Switches are the unit of change: a delta names each logical switch that
 * was added, replaced or removed, whole.  Every other top-level member
 * (chassis, bindings, HA chassis groups, ...) that differs is carried as its
 * new value.  A delta is a JSON object:
 *
 *   { "generation": N,
 *     "switches": { "NAME": {switch object} | null, ... },
 *     "set":      { "chassis": [...], ... },
 *     "unset":    [ "member", ... ] }
 *
 * Applying the delta of (before, after) to a copy of before gives a model
 * equal to after (json_equal); tests/unit/test_model_delta.c checks it.
 */
#ifndef XOVN_MODEL_DELTA_H
#define XOVN_MODEL_DELTA_H

#include <jansson.h>
#include <stddef.h>

/* The delta from before to after (new reference), NULL when out of memory. */
json_t *xovn_model_delta(const json_t *before, const json_t *after);
/*
 * The same in two steps, so that before need not be kept: its fingerprints
 * (small: one per switch and per other member), then the delta from them
 * to after.
 */
json_t *xovn_model_prints(const json_t *model);
json_t *xovn_model_delta_since(const json_t *prints, const json_t *after);

/* What applying a delta touched, for the incremental compile. */
struct xovn_delta_effect {
	json_t *old_switches;   /* array: the replaced/removed switch objects (owned) */
	json_t *new_switches;   /* array: the added/replacing switch objects (borrowed from the model) */
	int others_changed;     /* a member other than switches and generation changed */
};

/*
 * Applies delta to model in place.  0 ok; -1 when the delta is malformed
 * (then model may be partly changed: the caller must drop it).  effect, if
 * not NULL, is filled; free it with xovn_delta_effect_free().
 */
int xovn_model_delta_apply(json_t *model, const json_t *delta, struct xovn_delta_effect *effect);
void xovn_delta_effect_free(struct xovn_delta_effect *effect);

#endif /* XOVN_MODEL_DELTA_H */
