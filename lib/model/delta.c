// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_delta.c - computing and applying switch-granular model deltas.
 *
 * Computing compares each switch of before and after by name through
 * their fingerprints (fingerprint.c), so it is linear in the model and
 * needs no copy of before: xovnctl records the fingerprints when it loads
 * the db and compares them with the edited model once per write.  Applying
 * costs the size of the changed switches plus a scan of the switch array
 * for names, which is what lets xovnd react to one port's change in a
 * 100,000-port model without reading the file again.
 */
#include <string.h>

#include "model/delta.h"
#include "model/fingerprint.h"

static const char *name_of(const json_t *obj)
{
	return json_string_value(json_object_get(obj, "name"));
}

static json_t *switch_by_name(const json_t *switches, const char *name, size_t *pos)
{
	size_t i;
	json_t *sw;

	json_array_foreach(switches, i, sw) {
		const char *n = name_of(sw);

		if (n && strcmp(n, name) == 0) {
			if (pos)
				*pos = i;
			return sw;
		}
	}
	return NULL;
}

/*
 * Switch names are unique in a valid model; a name index makes the
 * comparison linear instead of quadratic in the number of switches.
 */
static json_t *index_switches(const json_t *switches)
{
	json_t *idx = json_object();
	size_t i;
	json_t *sw;

	if (!idx)
		return NULL;
	json_array_foreach(switches, i, sw) {
		const char *n = name_of(sw);

		if (n && json_object_set(idx, n, sw) < 0) {
			json_decref(idx);
			return NULL;
		}
	}
	return idx;
}

/* Is v's fingerprint the one recorded (a string, NULL when there was none)? */
static int same_print(const json_t *recorded, const json_t *v)
{
	json_t *now;
	int same;

	if (!json_is_string(recorded))
		return 0;
	now = xovn_fingerprint_json(xovn_json_fingerprint(v));
	same = now && json_equal(now, recorded);
	json_decref(now);
	return same;
}

static int diff_switches(const json_t *before, const json_t *after, json_t *out)
{
	json_t *new_idx = index_switches(after);
	const char *name;
	json_t *sw;
	int rc = -1;

	if (!new_idx || !json_is_object(before))
		goto done;
	json_object_foreach(new_idx, name, sw) {
		if (!same_print(json_object_get(before, name), sw) &&
		    json_object_set(out, name, sw) < 0)
			goto done;
	}
	json_object_foreach((json_t *)before, name, sw) {
		if (!json_object_get(new_idx, name) && json_object_set_new(out, name, json_null()) < 0)
			goto done;
	}
	rc = 0;
done:
	json_decref(new_idx);
	return rc;
}

static int is_special(const char *key)
{
	return strcmp(key, "logical_switches") == 0 || strcmp(key, "generation") == 0;
}

static int diff_members(const json_t *before, const json_t *after, json_t *set, json_t *unset)
{
	const char *key;
	json_t *v;

	if (!json_is_object(before))
		return -1;
	json_object_foreach((json_t *)after, key, v) {
		if (is_special(key))
			continue;
		if (!same_print(json_object_get(before, key), v) && json_object_set(set, key, v) < 0)
			return -1;
	}
	json_object_foreach((json_t *)before, key, v) {
		if (!json_object_get(after, key) && json_array_append_new(unset, json_string(key)) < 0)
			return -1;
	}
	return 0;
}

/* name -> fingerprint of each switch; key -> fingerprint of each other member. */
json_t *xovn_model_prints(const json_t *model)
{
	json_t *p = json_pack("{s:{},s:{}}", "switches", "members"), *v;
	json_t *sws = json_object_get(p, "switches"), *members = json_object_get(p, "members");
	const char *key;
	size_t i;

	json_array_foreach(json_object_get(model, "logical_switches"), i, v) {
		const char *n = name_of(v);

		if (n && json_object_set_new(sws, n, xovn_fingerprint_json(xovn_json_fingerprint(v))))
			goto fail;
	}
	json_object_foreach((json_t *)model, key, v) {
		if (!is_special(key) &&
		    json_object_set_new(members, key, xovn_fingerprint_json(xovn_json_fingerprint(v))))
			goto fail;
	}
	return p;
fail:
	json_decref(p);
	return NULL;
}

json_t *xovn_model_delta_since(const json_t *prints, const json_t *after)
{
	json_t *gen = json_object_get(after, "generation");
	json_t *d = json_pack("{s:I,s:{},s:{},s:[]}", "generation",
			      (json_int_t)json_integer_value(gen), "switches", "set", "unset");

	if (!d)
		return NULL;
	if (diff_switches(json_object_get(prints, "switches"),
			  json_object_get(after, "logical_switches"),
			  json_object_get(d, "switches")) < 0 ||
	    diff_members(json_object_get(prints, "members"), after, json_object_get(d, "set"),
			 json_object_get(d, "unset")) < 0) {
		json_decref(d);
		return NULL;
	}
	return d;
}

json_t *xovn_model_delta(const json_t *before, const json_t *after)
{
	json_t *prints = xovn_model_prints(before);
	json_t *d = prints ? xovn_model_delta_since(prints, after) : NULL;

	json_decref(prints);
	return d;
}

/* ---- applying ------------------------------------------------------------ */

static int apply_switch(json_t *switches, const char *name, json_t *sw,
			struct xovn_delta_effect *eff)
{
	size_t pos = 0;
	json_t *old = switch_by_name(switches, name, &pos);

	if (!json_is_null(sw) && (!json_is_object(sw) || !name_of(sw) || strcmp(name_of(sw), name)))
		return -1;
	if (old && json_array_append(eff->old_switches, old) < 0)
		return -1;
	if (json_is_null(sw))
		return old ? json_array_remove(switches, pos) : 0;
	if (json_array_append(eff->new_switches, sw) < 0)
		return -1;
	return old ? json_array_set(switches, pos, sw) : json_array_append(switches, sw);
}

static int apply_members(json_t *model, const json_t *set, const json_t *unset,
			 struct xovn_delta_effect *eff)
{
	const char *key;
	size_t i;
	json_t *v;

	if ((set && !json_is_object(set)) || (unset && !json_is_array(unset)))
		return -1;
	json_object_foreach((json_t *)set, key, v) {
		if (is_special(key) || json_object_set(model, key, v) < 0)
			return -1;
		eff->others_changed = 1;
	}
	json_array_foreach(unset, i, v) {
		if (!json_is_string(v) || is_special(json_string_value(v)))
			return -1;
		json_object_del(model, json_string_value(v));
		eff->others_changed = 1;
	}
	return 0;
}

int xovn_model_delta_apply(json_t *model, const json_t *delta, struct xovn_delta_effect *effect)
{
	struct xovn_delta_effect local, *eff = effect ? effect : &local;
	json_t *switches = json_object_get(model, "logical_switches");
	json_t *changed = json_object_get(delta, "switches");
	json_t *gen = json_object_get(delta, "generation");
	const char *name;
	json_t *sw;
	int rc = -1;

	memset(eff, 0, sizeof(*eff));
	eff->old_switches = json_array();
	eff->new_switches = json_array();
	if (!eff->old_switches || !eff->new_switches || !json_is_array(switches) ||
	    !json_is_integer(gen) || (changed && !json_is_object(changed)))
		goto done;
	json_object_foreach(changed, name, sw) {
		if (apply_switch(switches, name, sw, eff) < 0)
			goto done;
	}
	if (apply_members(model, json_object_get(delta, "set"), json_object_get(delta, "unset"),
			  eff) < 0 ||
	    json_object_set(model, "generation", gen) < 0)
		goto done;
	rc = 0;
done:
	if (eff == &local || rc < 0)
		xovn_delta_effect_free(eff);
	return rc;
}

void xovn_delta_effect_free(struct xovn_delta_effect *effect)
{
	json_decref(effect->old_switches);
	json_decref(effect->new_switches);
	effect->old_switches = effect->new_switches = NULL;
}
