// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_incremental.c - the journal path gives the same maps as a full compile.
 *
 * For every example model, every chassis and a set of edits of each switch
 * (drop it, drop a port, give a port a new MAC, add a port, turn a port
 * into a localport and back), the delta of (before, after) applied to
 * before must equal after, and the applied set patched with an incremental
 * compile of the changed switches (counter slots included) must equal a
 * full compile of after.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "model/model.h"
#include "model/delta.h"
#include "model/follow.h"
#include "dataplane/slots.h"
#include "compile_fixture.h"
#include "model_files.h"

static const char *const models[] = {
	"examples/single-chassis.json", "examples/multi-chassis.json",
	"examples/containers.json",     "examples/localport-localnet.json",
	"tests/unit/valid/base.json",   "tests/unit/valid/routed-segments.json",
	"examples/dhcp.json",           "examples/routers.json",
	"tests/unit/valid/routers.json",
};

/* A full compile with counter slots given against applied, as xovnd does. */
static int full(const json_t *m, const char *ch, const struct xovn_mapset *applied,
		struct xovn_mapset *out)
{
	struct xovn_mapset none;
	char err[256];

	xovn_mapset_init(&none);
	xovn_mapset_init(out);
	if (compile_doc(m, ch, hashed_iface, NULL, out, err, sizeof(err)) < 0)
		return -1;
	return xovn_slots_assign(applied ? applied : &none, out);
}

static void assert_sets_equal(const struct xovn_mapset *a, const struct xovn_mapset *b,
			      const char *what)
{
	size_t at = xovn_mapset_mismatch(a, b);

	cr_assert(at == XOVN_MAPSETS_EQUAL,
		  "%s: %zu entries incrementally, %zu in full, entry %zu differs", what, a->n, b->n, at);
}

/*
 * xovn_ingress_idx holds exactly the untagged xovn_ingress entries below
 * its size, with their values; returns how many it holds.
 */
static size_t assert_array_mirrors_hash(const struct xovn_mapset *s, const char *what)
{
	size_t in_array = 0, mirrored = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct xovn_map_entry *e = &s->v[i], *twin;
		const struct xovn_ingress_key *k = (const void *)e->key;
		struct xovn_ingress_key hk = { 0 };
		uint32_t ifindex;

		if (e->map == XOVN_MAP_INGRESS_IDX) {
			memcpy(&ifindex, e->key, sizeof(ifindex));
			hk.ifindex = ifindex;
			twin = xovn_mapset_find(s, XOVN_MAP_INGRESS, &hk, sizeof(hk));
			cr_assert(twin && !memcmp(twin->val, e->val, e->val_len),
				  "%s: array slot %u is not the hash's entry", what, ifindex);
			in_array++;
		} else if (e->map == XOVN_MAP_INGRESS && !k->vid &&
			   k->ifindex < XOVN_MAX_INGRESS_IFINDEX) {
			mirrored++;
		}
	}
	cr_assert_eq(in_array, mirrored, "%s: %zu array slots for %zu untagged hash entries", what,
		     in_array, mirrored);
	return in_array;
}

/* The followed typed model is the one a fresh read of its document gives. */
static void assert_typed_follows(const struct xovn_model *followed, const json_t *doc,
				 const char *what)
{
	struct xovn_model *fresh = xovn_model_read(doc);

	cr_assert_not_null(fresh);
	cr_assert_eq(followed->generation, fresh->generation, "%s: generation", what);
	cr_assert_eq(followed->n_switches, fresh->n_switches, "%s: switch count", what);
	for (size_t i = 0; i < fresh->n_switches; i++) {
		const struct xovn_ls *a = followed->switches[i], *b = fresh->switches[i];

		cr_assert_str_eq(a->name, b->name, "%s: switch %zu", what, i);
		cr_assert_eq(a->index, b->index, "%s: switch %s index", what, b->name);
		cr_assert_eq(a->tunnel_key, b->tunnel_key, "%s: switch %s key", what, b->name);
		cr_assert_eq(a->n_ports, b->n_ports, "%s: switch %s ports", what, b->name);
		for (size_t j = 0; j < b->n_ports; j++)
			cr_assert_str_eq(a->ports[j].name, b->ports[j].name, "%s: %s port %zu", what,
					 b->name, j);
	}
	xovn_model_free(fresh);
}

/* A full compile of the followed typed model gives want: nothing in it is stale. */
static void assert_typed_compiles_to(const struct xovn_model *typed, const char *ch,
				     const struct xovn_mapset *applied,
				     const struct xovn_mapset *want, const char *what)
{
	struct xovn_mapset set;
	char err[256];

	xovn_mapset_init(&set);
	cr_assert_eq(xovn_compile(typed, ch, hashed_iface, NULL, &set, err, sizeof(err)), 0,
		     "%s: followed model: %s", what, err);
	cr_assert_eq(xovn_slots_assign(applied, &set), 0);
	assert_sets_equal(&set, want, what);
	xovn_mapset_free(&set);
}

/*
 * What xovnd holds while it follows an edit of before into after: the
 * delta, the document it patches, the typed model and compile state of
 * before, and (once filled) the effect and the switches that changed.
 */
struct followed_edit {
	struct xovn_switch_change chg;
	struct xovn_delta_effect eff;
	struct xovn_compile_state *st;
	struct xovn_model *typed;
	json_t *delta, *followed;
};

/* Takes the delta of before -> after and applies it to a copy of before. */
static void follow_edit(struct followed_edit *fe, const json_t *before, const json_t *after,
			const char *ch, const char *what)
{
	char err[256];

	memset(fe, 0, sizeof(*fe));
	fe->delta = xovn_model_delta(before, after);
	fe->followed = json_deep_copy(before);
	fe->typed = xovn_model_read(fe->followed);
	cr_assert_not_null(fe->typed);
	fe->st = xovn_compile_state_new(fe->typed, ch, err, sizeof(err));
	cr_assert(fe->st, "%s: %s", what, err);
	cr_assert_eq(xovn_model_delta_apply(fe->followed, fe->delta, &fe->eff), 0,
		     "%s: delta applies", what);
	cr_assert(json_equal(fe->followed, after), "%s: before + delta == after", what);
}

static void followed_edit_free(struct followed_edit *fe)
{
	/* The replaced typed switches borrow from eff's old switch objects: free them first. */
	xovn_switch_change_free(&fe->chg);
	xovn_delta_effect_free(&fe->eff);
	xovn_compile_state_free(fe->st);
	xovn_model_free(fe->typed);
	json_decref(fe->delta);
	json_decref(fe->followed);
}

/* One edit of before into after, checked for chassis ch. */
static void check_edit(const json_t *before, const json_t *after, const char *ch, const char *what,
		       size_t *incremental, size_t *whole, size_t *array_slots)
{
	struct xovn_mapset applied, want;
	struct xovn_compile_result part;
	struct followed_edit fe;
	struct xovn_switch_change *chg = &fe.chg;
	char err[256];

	cr_assert_eq(full(before, ch, NULL, &applied), 0, "%s: the unedited model compiles", what);
	if (full(after, ch, &applied, &want) < 0) {
		xovn_mapset_free(&applied);
		return; /* an edit the compiler refuses is not a model xovnctl could write */
	}
	follow_edit(&fe, before, after, ch, what);
	if (fe.eff.others_changed) {
		(*whole)++;
		goto out;
	}
	cr_assert_eq(xovn_model_follow_switches(fe.typed, fe.followed, fe.eff.new_switches, chg), 0,
		     "%s: the typed model follows", what);
	assert_typed_follows(fe.typed, fe.followed, what);
	if (!xovn_compile_state_covers(fe.st, (const struct xovn_ls *const *)chg->old, chg->n_old,
				       chg->cur, chg->n_cur)) {
		/* xovnd compiles everything then: nothing incremental to compare. */
		(*whole)++;
		goto out;
	}
	xovn_compile_result_init(&part);
	cr_assert_eq(xovn_compile_switches(fe.st, fe.typed, hashed_iface, NULL,
					   (const struct xovn_ls *const *)chg->old, chg->n_old, chg->cur,
					   chg->n_cur, &applied, &part, err, sizeof(err)), 0,
		     "%s: %s", what, err);
	cr_assert(part.partial);
	cr_assert_eq(part.n_dps, chg->n_old + chg->n_cur);
	cr_assert_eq(xovn_slots_assign_part(&applied, &part.entries), 0, "%s: slots", what);
	cr_assert_eq(xovn_mapset_replace_part(&applied, part.dps, part.n_dps, &part.entries), 0);
	assert_sets_equal(&applied, &want, what);
	*array_slots += assert_array_mirrors_hash(&want, what);
	assert_typed_compiles_to(fe.typed, ch, &applied, &want, what);
	xovn_compile_result_free(&part);
	(*incremental)++;
out:
	followed_edit_free(&fe);
	xovn_mapset_free(&applied);
	xovn_mapset_free(&want);
}

static json_t *edited(const json_t *m, size_t sw_i, int kind)
{
	json_t *copy = json_deep_copy(m);
	json_t *sws = json_object_get(copy, "logical_switches");
	json_t *sw = json_array_get(sws, sw_i), *ports = json_object_get(sw, "ports");
	json_t *p0 = json_array_get(ports, 0);

	json_object_set_new(copy, "generation",
			    json_integer(json_integer_value(json_object_get(copy, "generation")) + 1));
	switch (kind) {
	case 0:
		json_array_remove(sws, sw_i);
		break;
	case 1:
		json_array_remove(ports, 0);
		break;
	case 2:
		if (p0)
			json_object_set_new(p0, "addresses",
					    json_pack("[s]", "0a:00:00:00:99:01 192.0.2.250"));
		break;
	case 3:
		json_array_append_new(ports, json_pack("{s:s,s:i,s:[s]}", "name", "zz-new",
						       "tunnel_key", 4000, "addresses",
						       "0a:00:00:00:99:02"));
		break;
	case 4:
		if (p0)
			json_object_set_new(p0, "type", json_string("localport"));
		break;
	case 5:
		/* native DHCP switched on or off for the first port */
		if (p0 && json_object_get(p0, "dhcpv4_options"))
			json_object_del(p0, "dhcpv4_options");
		else if (p0 && json_array_size(json_object_get(copy, "dhcp_options")))
			json_object_set(p0, "dhcpv4_options",
					json_object_get(json_array_get(json_object_get(copy,
						"dhcp_options"), 0), "_uuid"));
		break;
	}
	return copy;
}

Test(incremental, every_edit_of_every_switch_matches_a_full_compile, .timeout = 60)
{
	size_t incremental = 0, whole = 0, array_slots = 0;

	for (size_t m = 0; m < sizeof(models) / sizeof(models[0]); m++) {
		json_t *model = tmf_load(models[m]), *ch, *sw;
		size_t c, s;

		cr_assert(model, "%s loads", models[m]);
		json_array_foreach(json_object_get(model, "chassis"), c, ch) {
			json_array_foreach(json_object_get(model, "logical_switches"), s, sw) {
				for (int kind = 0; kind < 6; kind++) {
					json_t *after = edited(model, s, kind);
					char what[256];

					snprintf(what, sizeof(what), "%s, chassis %s, switch %zu, edit %d",
						 models[m], json_string_value(json_object_get(ch, "name")),
						 s, kind);
					check_edit(model, after, json_string_value(json_object_get(ch, "name")),
						   what, &incremental, &whole, &array_slots);
					json_decref(after);
				}
			}
		}
		json_decref(model);
	}
	cr_assert_gt(incremental, 50, "only %zu edits compiled incrementally", incremental);
	cr_assert_gt(whole, 0, "no edit needed a whole compile: the localport case went unchecked");
	cr_assert_gt(array_slots, 0, "no compared set held an untagged ingress array slot");
}

/* A switch with a port of type router feeds its router's entries: compiled whole. */
Test(incremental, a_switch_with_a_router_port_is_compiled_whole)
{
	json_t *model = tmf_load("examples/routers.json"), *after;
	struct followed_edit fe;

	cr_assert(model);
	after = edited(model, 0, 2);   /* ls1's router port gets another address */
	follow_edit(&fe, model, after, "master", "router port edit");
	cr_assert_eq(fe.eff.others_changed, 0, "a change of one switch");
	cr_assert_eq(xovn_model_follow_switches(fe.typed, fe.followed, fe.eff.new_switches, &fe.chg),
		     0);
	cr_assert_eq(xovn_compile_state_covers(fe.st, (const struct xovn_ls *const *)fe.chg.old,
					       fe.chg.n_old, fe.chg.cur, fe.chg.n_cur), 0);
	followed_edit_free(&fe);
	json_decref(after);
	json_decref(model);
}

Test(incremental, a_change_beyond_switches_is_carried_whole)
{
	json_t *before = tmf_load("examples/multi-chassis.json"), *after = json_deep_copy(before);
	json_t *delta, *followed = json_deep_copy(before);
	struct xovn_delta_effect eff;

	json_array_append_new(json_object_get(after, "chassis"),
			      json_pack("{s:s,s:{s:s,s:s},s:[]}", "name", "hv-new", "encap", "type",
					"geneve", "ip", "192.0.2.99", "vifs"));
	delta = xovn_model_delta(before, after);
	cr_assert_eq(json_object_size(json_object_get(delta, "switches")), 0);
	cr_assert(json_object_get(json_object_get(delta, "set"), "chassis"));
	cr_assert_eq(xovn_model_delta_apply(followed, delta, &eff), 0);
	cr_assert(eff.others_changed);
	cr_assert(json_equal(followed, after));
	xovn_delta_effect_free(&eff);
	json_decref(delta);
	json_decref(followed);
	json_decref(before);
	json_decref(after);
}

/* A copy of switch sw_i of m with member key of its port port_i set to value. */
static json_t *with_port_member(const json_t *m, size_t sw_i, size_t port_i, const char *key,
				json_t *value)
{
	json_t *sw = json_deep_copy(json_array_get(json_object_get(m, "logical_switches"), sw_i));

	json_object_set_new(json_array_get(json_object_get(sw, "ports"), port_i), key, value);
	return sw;
}

Test(incremental, an_attached_port_turning_localport_invalidates_the_indexes)
{
	json_t *m = tmf_load("examples/single-chassis.json");
	struct xovn_model *typed = xovn_model_read(m);
	const struct xovn_chassis *hv = &typed->chassis[0];
	const char *attached = hv->n_vifs ? hv->vifs[0].port : NULL;
	const struct xovn_ls *old_sw = NULL;
	struct xovn_ls *new_sw = NULL;
	struct xovn_compile_state *st;
	json_t *copy = NULL;
	char err[256];

	cr_assert(attached, "the example attaches a port");
	st = xovn_compile_state_new(typed, hv->name, err, sizeof(err));
	cr_assert(st, "%s", err);
	for (size_t i = 0; i < typed->n_switches; i++) {
		const struct xovn_ls *sw = typed->switches[i];

		for (size_t j = 0; j < sw->n_ports; j++) {
			if (strcmp(sw->ports[j].name, attached) != 0)
				continue;
			cr_assert_null(old_sw, "the port is in one switch");
			old_sw = sw;
			cr_assert(xovn_compile_state_covers(st, &old_sw, 1, &old_sw, 1));
			copy = with_port_member(m, sw->index, j, "type", json_string("localport"));
			new_sw = xovn_ls_read(copy, sw->index);
			cr_assert_not_null(new_sw);
		}
	}
	cr_assert_not_null(new_sw);
	cr_assert_not(xovn_compile_state_covers(st, &old_sw, 1,
						(const struct xovn_ls *const *)&new_sw, 1));
	xovn_ls_free(new_sw);
	json_decref(copy);
	xovn_compile_state_free(st);
	xovn_model_free(typed);
	json_decref(m);
}

Test(incremental, a_malformed_delta_is_refused)
{
	json_t *m = tmf_load("examples/single-chassis.json");
	const char *bad[] = {
		"{\"switches\": {}}",                                   /* no generation */
		"{\"generation\": 2, \"switches\": []}",                /* not an object */
		"{\"generation\": 2, \"switches\": {\"x\": 5}}",        /* not a switch */
		"{\"generation\": 2, \"switches\": {\"x\": {\"name\": \"y\"}}}", /* wrong name */
		"{\"generation\": 2, \"set\": {\"generation\": 5}}",    /* reserved member */
		"{\"generation\": 2, \"unset\": [3]}",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *d = json_loads(bad[i], 0, NULL), *copy = json_deep_copy(m);

		cr_assert(d, "test delta %zu parses", i);
		cr_assert_eq(xovn_model_delta_apply(copy, d, NULL), -1, "delta %zu refused", i);
		json_decref(d);
		json_decref(copy);
	}
	json_decref(m);
}

/* ---- what a compile of some switches checks and carries ------------------ */

static const char *two_localnets =
	"{'version':1,'generation':1,'logical_switches':["
	" {'name':'ls1','tunnel_key':1,'ports':["
	"  {'name':'ln1','tunnel_key':1,'type':'localnet','tag':10,'addresses':['unknown'],"
	"   'options':{'network_name':'phys'}}]},"
	" {'name':'ls2','tunnel_key':2,'ports':["
	"  {'name':'a','tunnel_key':1,'addresses':['00:00:00:00:00:0a']}]}],"
	" 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'192.0.2.1'},"
	"  'encap_iface':'eth-under','bridge_mappings':{'phys':'br-phys'},"
	"  'vifs':[{'iface':'tap-a','port':'a'}]},"
	"  {'name':'hv2','encap':{'type':'geneve','ip':'192.0.2.2'}}]}";

/* Switch sw_i of m with a localnet port on network phys, tag tag, added. */
static json_t *with_localnet(const json_t *m, size_t sw_i, const char *name, int tag)
{
	json_t *sw = json_deep_copy(json_array_get(json_object_get(m, "logical_switches"), sw_i));

	json_array_append_new(json_object_get(sw, "ports"),
			      json_pack("{s:s,s:i,s:s,s:i,s:[s],s:{s:s}}", "name", name,
					"tunnel_key", 9, "type", "localnet", "tag", tag,
					"addresses", "unknown", "options", "network_name", "phys"));
	return sw;
}

/*
 * Compiles the switch change old -> sw of m (m edited in place) against
 * in_force, as xovnd does: the typed model follows the document, and the
 * typed switch replaced stays readable until the compile is done.
 */
static int compile_change(json_t *m, size_t sw_i, json_t *sw, const struct xovn_mapset *in_force,
			  struct xovn_compile_result *res, char *err, size_t errlen)
{
	json_t *sws = json_object_get(m, "logical_switches");
	json_t *olds = json_pack("[O]", json_array_get(sws, sw_i)), *news = json_pack("[o]", sw);
	struct xovn_model *typed = xovn_model_read(m);
	struct xovn_switch_change chg = { 0 };
	struct xovn_compile_state *st;
	int rc;

	cr_assert_not_null(typed);
	st = xovn_compile_state_new(typed, "hv1", err, errlen);
	cr_assert(st, "%s", err);
	json_array_set(sws, sw_i, sw);
	cr_assert_eq(xovn_model_follow_switches(typed, m, news, &chg), 0);
	cr_assert_eq(chg.n_old, 1);
	cr_assert_eq(chg.n_cur, 1);
	xovn_compile_result_init(res);
	rc = xovn_compile_switches(st, typed, fake_resolve, (void *)fake_host,
				   (const struct xovn_ls *const *)chg.old, chg.n_old, chg.cur,
				   chg.n_cur, in_force, res, err, errlen);
	xovn_switch_change_free(&chg);
	xovn_compile_state_free(st);
	xovn_model_free(typed);
	json_decref(olds);
	json_decref(news);
	return rc;
}

/*
 * two_localnets compiled into applied, then port 0 of switch sw_i changed
 * (key set to value) and compiled against it into res, which must succeed.
 */
static json_t *port_changed(size_t sw_i, const char *key, json_t *value,
			    struct xovn_mapset *applied, struct xovn_compile_result *res)
{
	json_t *m = model_from(two_localnets);
	char err[256] = "";

	compile_ok(m, "hv1", fake_host, applied);
	cr_assert_eq(compile_change(m, sw_i, with_port_member(m, sw_i, 0, key, value), applied,
				    res, err, sizeof(err)), 0, "%s", err);
	return m;
}

Test(incremental, a_receive_key_held_by_another_switch_is_refused)
{
	json_t *m = model_from(two_localnets);
	struct xovn_compile_result res;
	struct xovn_mapset applied;
	char err[256] = "";

	compile_ok(m, "hv1", fake_host, &applied);
	cr_assert_not_null(find_ingress(&applied, 20, 10), "ln1 receives on br-phys VID 10");
	cr_assert_eq(compile_change(m, 1, with_localnet(m, 1, "ln2", 10), &applied, &res, err,
				    sizeof(err)), -1, "ls2 took ls1's br-phys VID 10");
	cr_assert_str_eq(err, "ifindex 20 VID 10 is already a port of another switch");
	cr_assert_eq(res.entries.n, 0, "a refused compile hands back nothing");
	cr_assert_null(res.dps);
	xovn_mapset_free(&applied);
	json_decref(m);
}

Test(incremental, a_switch_may_move_its_own_receive_keys)
{
	struct xovn_compile_result res;
	struct xovn_mapset applied;
	/* ln1 from VID 10 to 11: the key in force is ls1's own. */
	json_t *m = port_changed(0, "tag", json_integer(11), &applied, &res);

	cr_assert_not_null(find_ingress(&res.entries, 20, 11));
	cr_assert_null(find_ingress(&res.entries, 20, 10));
	cr_assert_eq(res.n_dps, 2, "the switch before and after");
	cr_assert_eq(res.dps[0], 1);
	cr_assert_eq(res.dps[1], 1);
	xovn_compile_result_free(&res);
	xovn_mapset_free(&applied);
	json_decref(m);
}

Test(incremental, the_attachments_come_along_only_when_a_bridged_port_changed)
{
	struct xovn_compile_result res;
	struct xovn_mapset applied;
	json_t *m = port_changed(1, "addresses", json_pack("[s]", "00:00:00:00:00:0b"), &applied,
				 &res);
	char err[256] = "";

	cr_assert(res.partial);
	cr_assert_eq(res.n_switches, 1);
	cr_assert_not(res.has_attach, "a VIF's new MAC changes no attachment");
	cr_assert_not(res.has_chassis_facts);
	xovn_compile_result_free(&res);

	cr_assert_eq(compile_change(m, 1, with_localnet(m, 1, "ln2", 20), &applied, &res, err,
				    sizeof(err)), 0, "%s", err);
	cr_assert(res.has_attach, "a new localnet port may need its bridge attached");
	cr_assert_eq(res.facts.n_attach, 3);
	cr_assert_str_eq(res.facts.attach[0].ifname, "tap-a");
	cr_assert_str_eq(res.facts.attach[1].ifname, "br-phys");
	cr_assert_str_eq(res.facts.attach[2].ifname, "eth-under");
	cr_assert_eq(res.facts.attach[2].role, XOVN_ATTACH_UNDERLAY);
	xovn_compile_result_free(&res);
	xovn_mapset_free(&applied);
	json_decref(m);
}

Test(incremental, a_whole_result_carries_every_host_fact)
{
	json_t *m = model_from(two_localnets);
	struct xovn_model *typed = xovn_model_read(m);
	struct xovn_compile_result res;
	char err[256] = "";

	cr_assert_not_null(typed);
	xovn_compile_result_init(&res);
	cr_assert_eq(xovn_compile_result(typed, "hv1", fake_resolve, (void *)fake_host, &res, err,
					 sizeof(err)), 0, "%s", err);
	cr_assert_not(res.partial);
	cr_assert(res.has_attach && res.has_chassis_facts);
	cr_assert_not_null(find_config(&res.entries));
	cr_assert_eq(res.facts.n_attach, 3);
	cr_assert_eq(res.facts.n_remote_ips, 1);
	cr_assert_eq(res.facts.remote_ips[0], ip4("192.0.2.2"));
	cr_assert_eq(res.facts.n_vifs, 1);
	cr_assert_str_eq(res.facts.vifs[0].name, "tap-a");
	xovn_compile_result_free(&res);

	cr_assert_eq(xovn_compile_result(typed, "hv9", fake_resolve, (void *)fake_host, &res, err,
					 sizeof(err)), -1);
	cr_assert_str_eq(err, "chassis 'hv9' is not in the model");
	cr_assert_null(res.facts.attach);
	xovn_model_free(typed);
	json_decref(m);
}
