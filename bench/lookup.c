// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * lookup.c - loads bench/lookup.bpf.c on the maps of one loaded datapath
 * (the same map fds, so the same entries, buckets and chains) and sets the
 * keys the measured paths look up: decap's port, local unicast's and the
 * ARP responder's entries for v1, the NAT paths' fdb entries and their
 * connection.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "lookup.h"
#include "lookup.skel.h"
#include "model_gen.h"
#include "scenarios.h"
#include "xovn.skel.h"

static int reuse(struct bpf_map *m, int fd)
{
	if (bpf_map__reuse_fd(m, fd) == 0)
		return 0;
	fprintf(stderr, "bench: lookup: cannot reuse map %s\n", bpf_map__name(m));
	return -1;
}

static void fdb_key(struct xovn_fdb_key *k, uint32_t vni, const uint8_t mac[6])
{
	*k = (struct xovn_fdb_key){ .dp_key = vni };
	memcpy(k->mac, mac, 6);
}

static void set_keys(struct lookup *s)
{
	uint8_t mac[6], gw[6] = { 0x02, 0, 0, 0, 0xfe, 0x06 };
	char ip[32];
	struct in_addr a;

	bm_mac(BM_VNI_BENCH, BM_V1, mac);
	bm_ip(BM_VNI_BENCH, BM_V1, ip, sizeof(ip));
	inet_pton(AF_INET, ip, &a);
	s->bss->lk_port = (struct xovn_port_key){ .dp_key = BM_VNI_BENCH, .port_key = BM_V1 };
	fdb_key(&s->bss->lk_fdb, BM_VNI_BENCH, mac);
	s->bss->lk_arp = (struct xovn_arp_resp_key){ .dp_key = BM_VNI_BENCH, .ip = a.s_addr };
	sscanf(BM_GW_IN_MAC, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &gw[0], &gw[1], &gw[2], &gw[3],
	       &gw[4], &gw[5]);
	fdb_key(&s->bss->lk_fdb_in, BM_VNI_INSIDE, gw);
	bm_mac(BM_VNI_OUTSIDE, BM_C0, mac);
	fdb_key(&s->bss->lk_fdb_out, BM_VNI_OUTSIDE, mac);
}

int blk_open(struct blk *l, struct bd *dp, uint32_t in_ifindex, uint32_t out_ifindex)
{
	struct lookup *s = lookup__open();
	struct bpf_program *progs[BLK_N];
	int i;

	l->skel = s;
	if (!s)
		return -1;
	s->rodata->target_ifindex = out_ifindex;
	if (reuse(s->maps.xovn_ports, dp->map_fds[XOVN_MAP_PORTS]) ||
	    reuse(s->maps.xovn_fdb_v2, dp->map_fds[XOVN_MAP_FDB]) ||
	    reuse(s->maps.xovn_arp_resp, dp->map_fds[XOVN_MAP_ARP_RESP]) ||
	    reuse(s->maps.xovn_nat_ct, bpf_map__fd(dp->skel->maps.xovn_nat_ct)) ||
	    lookup__load(s)) {
		fprintf(stderr, "bench: lookup programs do not load\n");
		return -1;
	}
	set_keys(s);
	progs[0] = s->progs.lookup_ports;
	progs[1] = s->progs.lookup_fdb;
	progs[2] = s->progs.lookup_arp_resp;
	progs[3] = s->progs.lookup_nat_ct;
	progs[4] = s->progs.lookup_path_nat;
	for (i = 0; i < BLK_N; i++) {
		l->names[i] = bpf_program__name(progs[i]);
		l->in[i] = (struct bt_input){ .prog_fd = bpf_program__fd(progs[i]),
					      .ingress_ifindex = in_ifindex, .frame = l->frame,
					      .len = bs_scenarios[0].build(l->frame) };
	}
	return 0;
}

int blk_take_conn(struct blk *l, struct bd *dp)
{
	int fd = bpf_map__fd(dp->skel->maps.xovn_nat_ct);

	return bpf_map_get_next_key(fd, NULL, &l->skel->bss->lk_ct) ? -1 : 0;
}

void blk_close(struct blk *l)
{
	lookup__destroy(l->skel);
}
