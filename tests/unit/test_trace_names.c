// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_trace_names.c - the names trace, stats and metrics print for keys and enums. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include "dataplane/names.h"
#include "xovn_maps.h"

Test(trace_names, every_drop_reason_has_its_own_name)
{
	unsigned a, b;

	for (a = 0; a < XOVN_DROP__COUNT; a++) {
		cr_assert_str_neq(xovn_drop_reason_name(a), "unknown", "reason %u unnamed", a);
		for (b = a + 1; b < XOVN_DROP__COUNT; b++)
			cr_assert_str_neq(xovn_drop_reason_name(a), xovn_drop_reason_name(b));
	}
	cr_assert_str_eq(xovn_drop_reason_name(XOVN_DROP__COUNT), "unknown");
	cr_assert_str_eq(xovn_drop_reason_name(XOVN_DROP_PORT_SEC_SRC), "port-security-src");
	cr_assert_str_eq(xovn_action_name(XOVN_ACT_FLOOD), "flood");
	cr_assert_str_eq(xovn_action_name(200), "unknown");
	cr_assert_str_eq(xovn_out_kind_name(XOVN_OUT_TUNNEL), "tunnel");
	cr_assert_str_eq(xovn_out_kind_name(0), "unknown");
}

static const char model_json[] =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"sw0\",\"tunnel_key\":7,\"ports\":["
	"  {\"name\":\"vm1\",\"tunnel_key\":1},{\"name\":\"vm2\",\"tunnel_key\":2}]},"
	" {\"name\":\"sw1\",\"tunnel_key\":8,\"ports\":[{\"name\":\"vm3\",\"tunnel_key\":1}]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.168.50.1\"}},"
	"            {\"name\":\"hv2\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.168.50.2\"}}]}";

Test(trace_names, keys_back_to_model_names)
{
	json_t *doc = json_loads(model_json, 0, NULL);
	struct xovn_model *model = doc ? xovn_model_read(doc) : NULL;
	uint32_t dp = 0;
	uint16_t port = 0;

	cr_assert_not_null(model);
	cr_assert_str_eq(xovn_switch_by_key(model, 8), "sw1");
	cr_assert_null(xovn_switch_by_key(model, 9));
	cr_assert_str_eq(xovn_port_by_key(model, 7, 2), "vm2");
	cr_assert_str_eq(xovn_port_by_key(model, 8, 1), "vm3", "port keys are per switch");
	cr_assert_null(xovn_port_by_key(model, 8, 2));
	cr_assert_str_eq(xovn_port_by_key(model, 7, XOVN_MC_FLOOD), "_MC_flood");
	cr_assert_str_eq(xovn_port_by_key(model, 7, XOVN_MC_UNKNOWN), "_MC_unknown");
	cr_assert_str_eq(xovn_chassis_by_ip(model, inet_addr("192.168.50.2")), "hv2");
	cr_assert_null(xovn_chassis_by_ip(model, inet_addr("192.168.50.3")));
	cr_assert_eq(xovn_port_keys(model, "vm3", &dp, &port), 0);
	cr_assert_eq(dp, 8);
	cr_assert_eq(port, 1);
	cr_assert_eq(xovn_port_keys(model, "nope", &dp, &port), -1);
	xovn_model_free(model);
	json_decref(doc);
}
