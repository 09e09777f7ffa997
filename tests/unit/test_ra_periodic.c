// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ra_periodic.c - what xovnd advertises on its own (send_periodic):
 * one entry per VIF of the chassis on a switch whose router port says so,
 * with the port's intervals and the same advertisement as the solicited
 * one; nothing for VIFs elsewhere or without send_periodic.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "compile/compile.h"
#include "compile_fixture.h"
#include "model/types.h"

/* ls1: vm1 (hv1, tap1), vm2 (hv2, tap2), rp -> lrp1 (RA configs CONFIGS); ls2: vm3 (hv1). */
#define MODEL(CONFIGS)                                                                  \
	"{'version':1,'logical_switches':["                                            \
	" {'name':'ls1','tunnel_key':1,'ports':["                                      \
	"  {'name':'vm1','tunnel_key':1,'addresses':['02:00:00:00:00:01']},"           \
	"  {'name':'vm2','tunnel_key':2,'addresses':['02:00:00:00:00:02']},"           \
	"  {'name':'rp','tunnel_key':9,'type':'router','addresses':['router'],"        \
	"   'options':{'router-port':'lrp1'}}]},"                                        \
	" {'name':'ls2','tunnel_key':2,'ports':["                                      \
	"  {'name':'vm3','tunnel_key':1,'addresses':['02:00:00:00:00:03']}]}],"         \
	"'logical_routers':[{'name':'lr','tunnel_key':100,'ports':["                   \
	" {'name':'lrp1','tunnel_key':1,'mac':'00:00:00:00:ff:01',"                    \
	"  'networks':['fd01::1/64'],'ipv6_ra_configs':{" CONFIGS "}}]}],"              \
	"'chassis':["                                                                    \
	" {'name':'hv1','encap':{'type':'geneve','ip':'192.0.2.1'},"                   \
	"  'vifs':[{'iface':'tap1','port':'vm1'},{'iface':'tap3','port':'vm3'}]},"     \
	" {'name':'hv2','encap':{'type':'geneve','ip':'192.0.2.2'},"                   \
	"  'vifs':[{'iface':'tap2','port':'vm2'}]}]}"

static size_t list_for(const char *text, const char *chassis, struct xovn_ra_periodic **v)
{
	json_t *doc = model_from(text);
	struct xovn_model *m = xovn_model_read(doc);
	size_t n = 0;

	cr_assert_not_null(m);
	cr_assert_eq(xovn_ra_periodic_list(m, chassis, v, &n), 0);
	xovn_model_free(m);
	json_decref(doc);
	return n;
}

Test(ra_periodic, each_local_vif_of_an_advertising_switch)
{
	struct xovn_ra_periodic *v;
	size_t n = list_for(MODEL("'address_mode':'slaac','send_periodic':'true',"
				  "'max_interval':'30','min_interval':'10'"), "hv1", &v);

	cr_assert_eq(n, 1, "vm1 only: vm3's switch has no router port");
	cr_assert_str_eq(v[0].ifname, "tap1");
	cr_assert_eq(v[0].min_interval, 10);
	cr_assert_eq(v[0].max_interval, 30);
	cr_assert_eq(v[0].ra.msg[0], 134, "a router advertisement");
	cr_assert_eq(v[0].ra.len, 16 + 8 + 32, "header, source link-layer, one prefix");
	cr_assert_eq(v[0].ra.src[0], 0xfe, "from the port's link-local address");
	free(v);
	n = list_for(MODEL("'address_mode':'slaac','send_periodic':'true'"), "hv2", &v);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0].ifname, "tap2");
	cr_assert_eq(v[0].max_interval, 600, "OVN's default");
	cr_assert_eq(v[0].min_interval, 200, "a third of it");
	free(v);
}

Test(ra_periodic, nothing_without_send_periodic_or_address_mode)
{
	static const char *const models[] = {
		MODEL("'address_mode':'slaac'"),
		MODEL("'address_mode':'slaac','send_periodic':'false'"),
		MODEL("'send_periodic':'true'"),
	};

	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		struct xovn_ra_periodic *v;

		cr_assert_eq(list_for(models[i], "hv1", &v), 0, "model %zu", i);
		free(v);
	}
}
