// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_wire.c - the programs attached with TC to real veths, frames
 * written and read with packet sockets: what bpf_redirect_neigh, the FIB
 * path and decapsulation really put on the wire (BPF_PROG_TEST_RUN only
 * reports a redirect, it never performs one).
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "test_geneve_common.h"
#include "xovn.skel.h"

static struct gn g;

static void setup(void)
{
	gn_open_private_underlay(&g);
}

static void teardown(void)
{
	gn_close(&g);
}

TestSuite(geneve_wire, .init = setup, .fini = teardown);

/* Attaches prog to the TC ingress hook of ifname (the namespace dies with the test). */
static void tc_ingress(const char *ifname, const struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .prog_fd = bpf_program__fd(prog));
	int rc;

	hook.ifindex = (int)if_nametoindex(ifname);
	cr_assert_neq(hook.ifindex, 0);
	rc = bpf_tc_hook_create(&hook);
	cr_assert(rc == 0 || rc == -EEXIST, "clsact on %s: %d", ifname, rc);
	cr_assert_eq(bpf_tc_attach(&hook, &opts), 0, "attach on %s", ifname);
}

/* Writes frame out of ifname, so that it arrives on its veth peer. */
static void send_on(const char *ifname, const uint8_t *frame, size_t len)
{
	int fd = gn_packet_socket(ifname);
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_halen = 6 };

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	cr_assert_eq(sendto(fd, frame, len, 0, (struct sockaddr *)&sll, sizeof(sll)), (ssize_t)len,
		     "send on %s: %s", ifname, strerror(errno));
	close(fd);
}

static void expect_on_underlay(int ul1, const uint8_t *inner, size_t len, uint16_t in,
			       uint16_t out)
{
	static uint8_t seen[4][XH_FRAME_MAX + 64];
	uint8_t hv2[6];
	size_t lens[4];
	int n = gn_collect(ul1, 1, NULL, seen, lens, 4);

	cr_assert_eq(n, 1, "%d Geneve frames on the underlay", n);
	gn_expect_encap(seen[0], lens[0], GN_HV2_IP, GN_VNI1, in, out, inner, len);
	xh_mac(GN_HV2_MAC, hv2);
	cr_assert_arr_eq(seen[0], hv2, 6, "outer destination is not hv2's neighbour entry");
	cr_assert_arr_eq(seen[0] + 6, g.ul_mac, 6, "outer source is not ul0's MAC");
}

Test(geneve_wire, ipv4_frame_leaves_through_redirect_neigh_fully_encapsulated)
{
	int ul1 = gn_packet_socket("ul1");
	uint8_t f[XH_FRAME_MAX];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 200);

	tc_ingress("tap11", g.h.skel->progs.xovn_vif_ingress);
	send_on("tap11p", f, len);
	expect_on_underlay(ul1, f, len, 1, 3);
	cr_assert_eq(xh_drops_total(&g.h), 0);
	close(ul1);
}

Test(geneve_wire, arp_frame_leaves_through_the_fib_path_fully_encapsulated)
{
	int ul1 = gn_packet_socket("ul1");
	uint8_t f[XH_FRAME_MAX], src[6], dst[6];
	size_t len;

	gn_mac(src, GN_VNI1, 1);
	gn_mac(dst, GN_VNI1, 3);
	len = xh_arp_request(f, src, "10.11.0.1", "10.11.0.3");
	memcpy(f, dst, 6);
	f[ETH_HLEN + 7] = 2;
	tc_ingress("tap11", g.h.skel->progs.xovn_vif_ingress);
	send_on("tap11p", f, len);
	expect_on_underlay(ul1, f, len, 1, 3);
	close(ul1);
}

Test(geneve_wire, geneve_from_the_underlay_reaches_the_vm_as_the_inner_frame)
{
	int vm = gn_packet_socket("tap13p");
	static uint8_t seen[4][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], inner[XH_FRAME_MAX], src[6];
	size_t ilen = gn_inner_udp(inner, GN_VNI3, 3, 1, 300), len, lens[4];
	int n;

	len = gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI3, 3, 1, inner, ilen);
	memcpy(f, g.ul_mac, 6);
	tc_ingress("ul0", g.h.skel->progs.xovn_underlay_ingress);
	send_on("ul1", f, len);
	gn_mac(src, GN_VNI3, 3);
	n = gn_collect(vm, 0, src, seen, lens, 4);
	cr_assert_eq(n, 1, "%d frames reached c1's VM", n);
	cr_assert_eq(lens[0], ilen);
	cr_assert_arr_eq(seen[0], inner, ilen, "the VM got something else than the inner frame");
	cr_assert_eq(xh_drops_total(&g.h), 0);
	close(vm);
}
