/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_bfd_peers.c - which chassis a chassis runs BFD with (lib/bfd/peers.c),
 * for every chassis of one model.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "bfd/peers.h"
#include "model/model.h"

/*
 * gw1..gw3 and hv1, hv2: an HA group {gw1, gw2} for external ports, a
 * distributed gateway port with gateway chassis gw2 and gw3, hv9 without
 * an encap IP (a gateway chassis nobody can reach), and hv2 in no group.
 */
static const char model_json[] =
	"{\"chassis\": ["
	" {\"name\": \"gw1\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.11\"}},"
	" {\"name\": \"gw2\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.12\"}},"
	" {\"name\": \"gw3\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.13\"}},"
	" {\"name\": \"hv1\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.1\"}},"
	" {\"name\": \"hv2\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.2\"}},"
	" {\"name\": \"hv9\"}],"
	" \"ha_chassis_groups\": [{\"name\": \"ext\", \"members\": ["
	"  {\"chassis\": \"gw1\", \"priority\": 20}, {\"chassis\": \"gw2\", \"priority\": 10},"
	"  {\"chassis\": \"hv9\", \"priority\": 5}]}],"
	" \"logical_routers\": [{\"name\": \"r\", \"ports\": [{\"name\": \"lrp-out\","
	"  \"gateway_chassis\": [{\"chassis_name\": \"gw2\", \"priority\": 2},"
	"                       {\"chassis_name\": \"gw3\", \"priority\": 1}]}]}]}";

static void peers_of(const char *doc, const char *chassis, char *out, size_t len)
{
	json_t *j = json_loads(doc, 0, NULL);
	struct xovn_model *m;
	struct bfd_peer_list l;

	cr_assert_not_null(j);
	m = xovn_model_read(j);
	cr_assert_not_null(m);
	cr_assert_eq(bfd_peers_of(m, chassis, &l), 0);
	out[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		strncat(out, i ? " " : "", len - strlen(out) - 1);
		strncat(out, l.v[i].name, len - strlen(out) - 1);
		strncat(out, "@", len - strlen(out) - 1);
		strncat(out, l.v[i].encap_ip, len - strlen(out) - 1);
	}
	bfd_peers_free(&l);
	xovn_model_free(m);
	json_decref(j);
}

Test(bfd_peers, by_chassis)
{
	static const struct {
		const char *chassis, *peers;
	} cases[] = {
		/* A member of both: the group's other member, and everyone for the router port. */
		{ "gw2", "gw1@192.0.2.11 gw3@192.0.2.13 hv1@192.0.2.1 hv2@192.0.2.2" },
		{ "gw3", "gw1@192.0.2.11 gw2@192.0.2.12 hv1@192.0.2.1 hv2@192.0.2.2" },
		/* The group's other member, and the router port's gateways (it routes to them). */
		{ "gw1", "gw2@192.0.2.12 gw3@192.0.2.13" },
		/* Not in the group: only the router port's gateways. */
		{ "hv1", "gw2@192.0.2.12 gw3@192.0.2.13" },
		{ "hv2", "gw2@192.0.2.12 gw3@192.0.2.13" },
	};
	char got[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		peers_of(model_json, cases[i].chassis, got, sizeof(got));
		cr_expect_str_eq(got, cases[i].peers, "%s", cases[i].chassis);
	}
}

Test(bfd_peers, an_external_only_group_concerns_its_members_alone)
{
	static const char doc[] =
		"{\"chassis\": ["
		" {\"name\": \"a\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.1\"}},"
		" {\"name\": \"b\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.2\"}},"
		" {\"name\": \"c\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.3\"}}],"
		" \"ha_chassis_groups\": [{\"name\": \"g\", \"members\": ["
		"  {\"chassis\": \"a\", \"priority\": 2}, {\"chassis\": \"b\", \"priority\": 1}]}]}";
	char got[256];

	peers_of(doc, "a", got, sizeof(got));
	cr_expect_str_eq(got, "b@192.0.2.2");
	peers_of(doc, "c", got, sizeof(got));
	cr_expect_str_eq(got, "");
}
