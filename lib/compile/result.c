// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * result.c - a compile's result: the entries and the host facts xovnd
 * acts on after writing them (attachments, other chassis' encap IPs, this
 * chassis' VIF interfaces).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"

void xovn_host_facts_free(struct xovn_host_facts *f)
{
	free(f->attach);
	free(f->remote_ips);
	free(f->vifs);
	memset(f, 0, sizeof(*f));
}

void xovn_compile_result_init(struct xovn_compile_result *r)
{
	memset(r, 0, sizeof(*r));
	xovn_mapset_init(&r->entries);
}

void xovn_compile_result_free(struct xovn_compile_result *r)
{
	xovn_mapset_free(&r->entries);
	free(r->dps);
	xovn_host_facts_free(&r->facts);
	xovn_compile_result_init(r);
}

/* IPv4 encap addresses of every chassis but this one. */
static int collect_remote_ips(const struct xovn_model *model, const char *chassis,
			      struct xovn_host_facts *f)
{
	f->remote_ips = calloc(model->n_chassis + 1, sizeof(*f->remote_ips));
	if (!f->remote_ips)
		return -1;
	for (size_t i = 0; i < model->n_chassis; i++) {
		const struct xovn_chassis *ch = &model->chassis[i];
		struct in_addr addr;

		if (ch->name && ch->encap_ip && strcmp(ch->name, chassis) != 0 &&
		    inet_pton(AF_INET, ch->encap_ip, &addr) == 1)
			f->remote_ips[f->n_remote_ips++] = addr.s_addr;
	}
	return 0;
}

static int collect_vifs(const struct xovn_chassis *ch, struct xovn_host_facts *f)
{
	size_t n = ch ? ch->n_vifs : 0;

	f->vifs = calloc(n + 1, sizeof(*f->vifs));
	if (!f->vifs)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *ifname = ch->vifs[i].iface;

		if (ifname && strlen(ifname) < sizeof(f->vifs->name))
			strcpy(f->vifs[f->n_vifs++].name, ifname);
	}
	return 0;
}

int compile_result_attach(const struct xovn_model *model, const char *chassis,
			  struct xovn_compile_result *res)
{
	if (xovn_compile_attachments(model, chassis, &res->facts.attach, &res->facts.n_attach) < 0)
		return -1;
	res->has_attach = 1;
	return 0;
}

int xovn_compile_result(const struct xovn_model *model, const char *chassis,
			xovn_iface_resolver resolve, void *arg, struct xovn_compile_result *res,
			char *err, size_t errlen)
{
	if (xovn_compile(model, chassis, resolve, arg, &res->entries, err, errlen) < 0)
		return -1;
	if (compile_result_attach(model, chassis, res) < 0 ||
	    collect_remote_ips(model, chassis, &res->facts) < 0 ||
	    collect_vifs(xovn_model_chassis(model, chassis), &res->facts) < 0) {
		snprintf(err, errlen, "out of memory listing the chassis' interfaces");
		xovn_compile_result_free(res);
		return -1;
	}
	res->has_chassis_facts = 1;
	return 0;
}
