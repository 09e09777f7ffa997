// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_model_follow.c - a typed model following its document's switch
 * changes: the changed switches read anew, every other typed object kept
 * in place, the document's order and generation taken; a document it
 * cannot match leaves the model as it was.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/follow.h"

static const char base[] =
	"{\"generation\":1,"
	" \"logical_switches\":["
	"  {\"name\":\"a\",\"tunnel_key\":1,\"ports\":[{\"name\":\"a1\",\"tunnel_key\":1}]},"
	"  {\"name\":\"b\",\"tunnel_key\":2,\"ports\":[{\"name\":\"b1\",\"tunnel_key\":1}]},"
	"  {\"name\":\"c\",\"tunnel_key\":3,\"ports\":[]}],"
	" \"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"}}]}";

/* Edits doc's switch array in place; returns the switch objects now new in it. */
typedef json_t *(*edit_fn)(json_t *sws);

static json_t *replace_b(json_t *sws)
{
	json_t *sw = json_pack("{s:s,s:i,s:[{s:s,s:i},{s:s,s:i}]}", "name", "b", "tunnel_key", 2,
			       "ports", "name", "b1", "tunnel_key", 1, "name", "b2", "tunnel_key", 2);

	json_array_set_new(sws, 1, sw);
	return json_pack("[O]", sw);
}

static json_t *add_d(json_t *sws)
{
	json_t *sw = json_pack("{s:s,s:i,s:[]}", "name", "d", "tunnel_key", 4, "ports");

	json_array_append_new(sws, sw);
	return json_pack("[O]", sw);
}

static json_t *remove_a(json_t *sws)
{
	json_array_remove(sws, 0);
	return json_array();
}

static json_t *nameless_switch(json_t *sws)
{
	json_array_append_new(sws, json_pack("{s:i}", "tunnel_key", 9));
	return json_array();
}

static json_t *name_twice(json_t *sws)
{
	json_array_append(sws, json_array_get(sws, 2));
	return json_array();
}

struct follow_case {
	const char *what;
	edit_fn edit;
	int rc;
	size_t n_old, n_cur;
	const char *order;          /* switch names after following, as one string */
};

static const struct follow_case cases[] = {
	{ "a replaced switch", replace_b, 0, 1, 1, "abc" },
	{ "an added switch", add_d, 0, 0, 1, "abcd" },
	{ "a removed switch", remove_a, 0, 1, 0, "bc" },
	{ "a switch without a name", nameless_switch, -1, 0, 0, "abc" },
	{ "a name the document has twice", name_twice, -1, 0, 0, "abc" },
};

static void check_case(const struct follow_case *fc)
{
	json_t *doc = json_loads(base, 0, NULL), *changed;
	struct xovn_model *m = xovn_model_read(doc), *fresh;
	const struct xovn_chassis *chassis = m->chassis;
	struct xovn_ls *kept_c = m->switches[2];
	struct xovn_switch_change chg;
	json_t *held = json_copy(json_object_get(doc, "logical_switches"));
	size_t n = strlen(fc->order);

	json_object_set_new(doc, "generation", json_integer(2));
	changed = fc->edit(json_object_get(doc, "logical_switches"));
	cr_assert_eq(xovn_model_follow_switches(m, doc, changed, &chg), fc->rc, "%s", fc->what);
	cr_assert_eq(chg.n_old, fc->n_old, "%s: switches that left", fc->what);
	cr_assert_eq(chg.n_cur, fc->n_cur, "%s: switches read anew", fc->what);
	cr_assert_eq(m->n_switches, n, "%s: switch count", fc->what);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(m->switches[i]->name[0], fc->order[i], "%s: switch %zu", fc->what, i);
	cr_assert_eq(m->chassis, chassis, "%s: the other tables stay in place", fc->what);
	cr_assert_eq(m->switches[fc->order[0] == 'a' ? 2 : 1], kept_c,
		     "%s: an unchanged switch is kept, not read again", fc->what);
	cr_assert_eq(m->generation, fc->rc == 0 ? 2 : 1, "%s: generation", fc->what);
	if (fc->rc == 0) {
		fresh = xovn_model_read(doc);
		for (size_t i = 0; i < n; i++) {
			cr_assert_eq(m->switches[i]->index, fresh->switches[i]->index, "%s", fc->what);
			cr_assert_eq(m->switches[i]->n_ports, fresh->switches[i]->n_ports, "%s",
				     fc->what);
		}
		xovn_model_free(fresh);
	}
	/* The switches that left borrow from the objects the document no longer holds. */
	xovn_switch_change_free(&chg);
	json_decref(held);
	json_decref(changed);
	xovn_model_free(m);
	json_decref(doc);
}

Test(model_follow, switch_changes_are_followed_in_place)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}
