// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_slots.c - counter slots: one per port, kept across edits, never
 * shared by two live ports, and copied into every value that leads to the
 * port (ingress, fdb, flood members).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "dataplane/slots.h"
#include "compile_fixture.h"

/* Switch 100 with ports a (tap-a), b (tap-b) and, when with_c, c (tap-c). */
static json_t *model_abc(int with_a, int with_c)
{
	char text[2048];

	snprintf(text, sizeof(text),
		 "{'version':1,'generation':1,"
		 " 'logical_switches':[{'name':'ls1','tunnel_key':100,'ports':["
		 "%s"
		 "   {'name':'b','tunnel_key':2,'addresses':['00:00:00:00:01:02 10.0.1.2']}"
		 "%s]}],"
		 " 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},"
		 "   'encap_iface':'eth-under',"
		 "   'vifs':[%s{'iface':'tap-b','port':'b'}%s]}]}",
		 with_a ? "{'name':'a','tunnel_key':1,'addresses':['00:00:00:00:01:01 10.0.1.1']},"
			: "",
		 with_c ? ",{'name':'c','tunnel_key':3,'addresses':['00:00:00:00:01:03 10.0.1.3']}"
			: "",
		 with_a ? "{'iface':'tap-a','port':'a'}," : "",
		 with_c ? ",{'iface':'tap-c','port':'c'}" : "");
	return model_from(text);
}

/* Compiles for hv1 and gives slots against applied. */
static void compile_slotted(json_t *m, const struct xovn_mapset *applied, struct xovn_mapset *out)
{
	compile_ok(m, "hv1", fake_host, out);
	cr_assert_eq(xovn_slots_assign(applied, out), 0);
	json_decref(m);
}

static uint32_t slot_of(const struct xovn_mapset *s, uint16_t port)
{
	const struct xovn_port_val *p = find_port(s, 100, port);

	cr_assert_not_null(p, "port %u missing", port);
	return p->slot;
}

/* Every value that leads to a port carries that port's slot (and the fdb its whole value). */
static void assert_references(const struct xovn_mapset *s)
{
	static const struct { uint16_t port; uint32_t ifindex; const char *mac; } ports[] = {
		{ 1, 11, "00:00:00:00:01:01" },
		{ 2, 12, "00:00:00:00:01:02" },
		{ 3, 13, "00:00:00:00:01:03" },
	};
	const struct xovn_flood_val *fl = find_flood(s, 100, XOVN_MC_FLOOD);
	size_t i, j;

	cr_assert_not_null(fl);
	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		const struct xovn_port_val *p = find_port(s, 100, ports[i].port);
		const struct xovn_ingress_val *in = find_ingress(s, ports[i].ifindex, 0);
		const struct xovn_fdb_val *f = find_fdb(s, 100, ports[i].mac);

		if (!p)
			continue;
		cr_assert_not_null(in);
		cr_assert_eq(in->slot, p->slot, "ingress of port %u", ports[i].port);
		cr_assert_not_null(f);
		cr_assert_eq(f->port_key, ports[i].port);
		cr_assert_eq(memcmp(&f->port, p, sizeof(*p)), 0, "fdb copy of port %u", ports[i].port);
		for (j = 0; j < fl->n_local; j++)
			if (fl->local[j].port_key == ports[i].port)
				cr_assert_eq(fl->local[j].slot, p->slot, "flood member %u", ports[i].port);
	}
}

Test(slots, every_port_gets_a_distinct_nonzero_slot_and_references_follow)
{
	struct xovn_mapset none, s;

	xovn_mapset_init(&none);
	compile_slotted(model_abc(1, 1), &none, &s);
	cr_assert_neq(slot_of(&s, 1), 0);
	cr_assert_neq(slot_of(&s, 2), 0);
	cr_assert_neq(slot_of(&s, 3), 0);
	cr_assert_neq(slot_of(&s, 1), slot_of(&s, 2));
	cr_assert_neq(slot_of(&s, 2), slot_of(&s, 3));
	cr_assert_neq(slot_of(&s, 1), slot_of(&s, 3));
	assert_references(&s);
	xovn_mapset_free(&s);
}

Test(slots, a_port_keeps_its_slot_when_others_come_and_go)
{
	struct xovn_mapset none, first, second, third;
	uint32_t b_slot, c_slot;

	xovn_mapset_init(&none);
	compile_slotted(model_abc(1, 1), &none, &first);
	b_slot = slot_of(&first, 2);
	c_slot = slot_of(&first, 3);
	/* a goes: b and c keep theirs, and the diff touches neither. */
	compile_slotted(model_abc(0, 1), &first, &second);
	cr_assert_eq(slot_of(&second, 2), b_slot);
	cr_assert_eq(slot_of(&second, 3), c_slot);
	assert_references(&second);
	/* a comes back: a new slot, not one a live port holds. */
	compile_slotted(model_abc(1, 1), &second, &third);
	cr_assert_eq(slot_of(&third, 2), b_slot);
	cr_assert_eq(slot_of(&third, 3), c_slot);
	cr_assert_neq(slot_of(&third, 1), b_slot);
	cr_assert_neq(slot_of(&third, 1), c_slot);
	assert_references(&third);
	xovn_mapset_free(&first);
	xovn_mapset_free(&second);
	xovn_mapset_free(&third);
}

Test(slots, a_slot_freed_by_a_change_is_not_reused_by_the_same_change)
{
	struct xovn_mapset none, with_a, swapped;
	uint32_t a_slot;

	xovn_mapset_init(&none);
	compile_slotted(model_abc(1, 0), &none, &with_a);
	a_slot = slot_of(&with_a, 1);
	/* One change removes a and adds c: c must not count into a's slot yet. */
	compile_slotted(model_abc(0, 1), &with_a, &swapped);
	cr_assert_neq(slot_of(&swapped, 3), a_slot);
	cr_assert_eq(slot_of(&swapped, 2), slot_of(&with_a, 2));
	xovn_mapset_free(&with_a);
	xovn_mapset_free(&swapped);
}

Test(slots, an_unchanged_model_compiles_to_no_difference)
{
	struct xovn_mapset none, a, b, up, del;

	xovn_mapset_init(&none);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	compile_slotted(model_abc(1, 1), &none, &a);
	compile_slotted(model_abc(1, 1), &a, &b);
	cr_assert_eq(xovn_mapset_diff(&a, &b, &up, &del), 0);
	cr_assert_eq(up.n + del.n, 0, "slots changed: %zu upserts, %zu deletes", up.n, del.n);
	xovn_mapset_free(&a);
	xovn_mapset_free(&b);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}
