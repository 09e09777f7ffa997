// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_geneve_wire.c - the programs attached with TC to real veths, frames
 * written and read with packet sockets: what bpf_redirect_neigh, the FIB
 * path and decapsulation really put on the wire (BPF_PROG_TEST_RUN only
 * reports a redirect, it never performs one).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <stdlib.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "geneve_fixture.h"
#include "xovn.skel.h"

TestSuite(geneve_wire, .init = gn_setup_private, .fini = gn_teardown);

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
	cr_assert_arr_eq(seen[0] + 6, gn_dp.ul_mac, 6, "outer source is not ul0's MAC");
}

Test(geneve_wire, ipv4_frame_to_a_resolved_chassis_leaves_fully_encapsulated)
{
	int ul1 = gn_packet_socket("ul1");
	uint8_t f[XH_FRAME_MAX];
	size_t len = gn_inner_udp(f, GN_VNI1, 1, 3, 200);

	tc_ingress("tap11", xh_program(&gn_dp.h, XH_VIF_LIVE));
	send_on("tap11p", f, len);
	expect_on_underlay(ul1, f, len, 1, 3);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	close(ul1);
}

/*
 * hv4 (c5's chassis) has no neighbour entry: the FIB path cannot write the
 * outer MACs, so the frame takes bpf_redirect_neigh, which asks for hv4 with
 * ARP and holds the frame until the answer, then sends it.
 */
Test(geneve_wire, ipv4_frame_to_an_unresolved_chassis_waits_for_the_neighbour)
{
	int ul1 = gn_packet_socket("ul1");
	static uint8_t seen[4][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], hv4_ip[4];
	size_t len = gn_inner_udp(f, GN_VNI3, 1, 5, 200), lens[4];
	int n;

	tc_ingress("tap13", xh_program(&gn_dp.h, XH_VIF_LIVE));
	send_on("tap13p", f, len);
	n = gn_collect(ul1, 0, gn_dp.ul_mac, seen, lens, 4);
	cr_assert_geq(n, 1, "no ARP request for hv4 on the underlay");
	cr_assert_eq(xovn_get16(seen[0] + 12), ETH_P_ARP, "ul0 sent something else than ARP");
	inet_pton(AF_INET, GN_HV4_IP, hv4_ip);
	cr_assert_arr_eq(seen[0] + ETH_HLEN + 24, hv4_ip, 4, "the ARP request is not for hv4");
	cr_assert_eq(system("ip neigh replace " GN_HV4_IP " lladdr 02:00:00:00:00:04 dev ul0"), 0);
	n = gn_collect(ul1, 1, NULL, seen, lens, 4);
	cr_assert_eq(n, 1, "%d Geneve frames once hv4 answered", n);
	gn_expect_encap(seen[0], lens[0], GN_HV4_IP, GN_VNI3, 1, 5, f, len);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
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
	tc_ingress("tap11", xh_program(&gn_dp.h, XH_VIF_LIVE));
	send_on("tap11p", f, len);
	expect_on_underlay(ul1, f, len, 1, 3);
	close(ul1);
}

/*
 * Moves ifname (a port's far end) into a network namespace of its own, as a
 * VM's eth0 is, and returns a packet socket on it there.  bpf_redirect_peer
 * only crosses namespaces: it drops a frame whose peer sits in the sender's.
 */
static int vm_packet_socket(const char *ifname)
{
	int self = open("/proc/self/ns/net", O_RDONLY), vm, fd;
	char cmd[160];

	cr_assert_geq(self, 0);
	cr_assert_eq(unshare(CLONE_NEWNET), 0, "unshare: %s", strerror(errno));
	vm = open("/proc/self/ns/net", O_RDONLY);
	cr_assert_geq(vm, 0);
	cr_assert_eq(setns(self, CLONE_NEWNET), 0);
	snprintf(cmd, sizeof(cmd), "ip link set %s netns /proc/%d/fd/%d", ifname, (int)getpid(), vm);
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
	cr_assert_eq(setns(vm, CLONE_NEWNET), 0);
	snprintf(cmd, sizeof(cmd), "ip link set %s up", ifname);
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
	fd = gn_packet_socket(ifname);
	cr_assert_eq(setns(self, CLONE_NEWNET), 0);
	close(vm);
	close(self);
	return fd;
}

Test(geneve_wire, geneve_from_the_underlay_reaches_the_vm_as_the_inner_frame)
{
	int vm = vm_packet_socket("tap13p");
	static uint8_t seen[4][XH_FRAME_MAX + 64];
	uint8_t f[XH_FRAME_MAX], inner[XH_FRAME_MAX], src[6];
	size_t ilen = gn_inner_udp(inner, GN_VNI3, 3, 1, 300), len, lens[4];
	int n;

	len = gn_geneve(f, GN_HV2_IP, GN_LOCAL_IP, GN_VNI3, 3, 1, inner, ilen);
	memcpy(f, gn_dp.ul_mac, 6);
	tc_ingress("ul0", xh_program(&gn_dp.h, XH_UNDERLAY_LIVE));
	send_on("ul1", f, len);
	gn_mac(src, GN_VNI3, 3);
	n = gn_collect(vm, 0, src, seen, lens, 4);
	cr_assert_eq(n, 1, "%d frames reached c1's VM", n);
	cr_assert_eq(lens[0], ilen);
	cr_assert_arr_eq(seen[0], inner, ilen, "the VM got something else than the inner frame");
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	close(vm);
}

/* An Ethernet/IPv4/TCP frame of 3 x 1000 bytes of payload, checksum left to offload. */
static size_t tso_frame(uint8_t *f, struct virtio_net_hdr *vh)
{
	size_t payload = 3000, len = ETH_HLEN + 40 + payload;
	uint8_t *ip = f + ETH_HLEN, *tcp = ip + 20;

	/* Headers of a small a1 -> a3 frame, then a payload too big for one. */
	gn_inner_udp(f, GN_VNI1, 1, 3, 12);
	memset(tcp + 20, 0x5a, payload);
	ip[9] = 6;
	ip[10] = ip[11] = 0;
	memset(tcp, 0, 20);
	tcp[0] = 0x9c;  /* ports 40000 -> 5001 */
	tcp[1] = 0x40;
	tcp[2] = 0x13;
	tcp[3] = 0x89;
	tcp[12] = 5 << 4;
	tcp[13] = 0x18; /* PSH ACK */
	ip[2] = (uint8_t)((len - ETH_HLEN) >> 8);
	ip[3] = (uint8_t)(len - ETH_HLEN);
	{
		uint16_t c = xovn_csum(ip, 20);

		ip[10] = c >> 8;
		ip[11] = c & 0xff;
	}
	memset(vh, 0, sizeof(*vh));
	vh->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
	vh->csum_start = ETH_HLEN + 20;
	vh->csum_offset = 16;
	vh->gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
	vh->gso_size = 1000;
	vh->hdr_len = ETH_HLEN + 40;
	return len;
}

Test(geneve_wire, tso_frame_is_segmented_after_encapsulation)
{
	static uint8_t buf[XH_FRAME_MAX * 4], seen[8][XH_FRAME_MAX + 64];
	struct virtio_net_hdr *vh = (void *)buf;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_halen = 6 };
	int one = 1, ul1 = gn_packet_socket("ul1"), fd = gn_packet_socket("tap11p");
	size_t len = tso_frame(buf + sizeof(*vh), vh), lens[8], total = 0;
	int n, i;

	/* No UDP tunnel segmentation offload on ul0: the kernel must segment in software. */
	cr_assert_eq(system("ethtool -K ul0 tx-udp_tnl-segmentation off "
			    "tx-udp_tnl-csum-segmentation off >/dev/null 2>&1 || true"), 0);
	cr_assert_eq(setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)), 0);
	tc_ingress("tap11", xh_program(&gn_dp.h, XH_VIF_LIVE));
	sll.sll_ifindex = (int)if_nametoindex("tap11p");
	cr_assert_eq(sendto(fd, buf, sizeof(*vh) + len, 0, (struct sockaddr *)&sll, sizeof(sll)),
		     (ssize_t)(sizeof(*vh) + len), "send: %s", strerror(errno));
	n = gn_collect(ul1, 1, NULL, seen, lens, 8);
	/*
	 * adjust_room lowers gso_size by the 58 bytes it adds: 1000 - 58 = 942
	 * bytes a segment, so no encapsulated segment outgrows a segment the
	 * sender asked for (14 + 40 + 1000 bytes).
	 */
	cr_assert_eq(n, 4, "%d Geneve frames for 3000 bytes in 942-byte segments", n);
	for (i = 0; i < n; i++) {
		cr_assert_leq(lens[i], ETH_HLEN + 40 + 1000, "segment %d is %zu bytes", i, lens[i]);
		cr_assert_eq(xovn_get16(seen[i] + GN_OFF_IP + 2), lens[i] - ETH_HLEN);
		cr_assert_eq(xovn_csum(seen[i] + GN_OFF_IP, 20), 0);
		cr_assert_eq(xovn_get16(seen[i] + GN_OFF_UDP + 4), lens[i] - GN_OFF_UDP);
		cr_assert_eq(xovn_get16(seen[i] + GN_OFF_KEYS + 2), 3);
		cr_assert_eq(seen[i][GN_OFF_INNER + ETH_HLEN + 9], 6, "inner TCP");
		total += lens[i] - GN_OFF_INNER - ETH_HLEN - 40;
	}
	cr_assert_eq(total, 3000, "%zu payload bytes arrived", total);
	close(fd);
	close(ul1);
}

/* The outer UDP source port of the one Geneve frame on ul1 that carries a UDP datagram to dport. */
static uint16_t outer_sport_to(int ul1, uint16_t dport)
{
	static uint8_t seen[8][XH_FRAME_MAX + 64];
	size_t lens[8];
	int n = gn_collect(ul1, 1, NULL, seen, lens, 8), i, found = -1;

	for (i = 0; i < n; i++)
		if (lens[i] >= GN_OFF_INNER + ETH_HLEN + 28 &&
		    seen[i][GN_OFF_INNER + ETH_HLEN + 9] == IPPROTO_UDP &&
		    xovn_get16(seen[i] + GN_OFF_INNER + ETH_HLEN + 22) == dport)
			found = i;
	cr_assert_geq(found, 0, "no Geneve frame with the datagram among %d", n);
	return xovn_get16(seen[found] + GN_OFF_UDP);
}

/*
 * A connected UDP socket gives its frames the socket's hash, and every
 * connect() draws a new one.  The 5-tuple stays the same, so only the hash
 * the frames carry can move the outer source port: with a port computed
 * from the headers, all of them would be equal.
 */
Test(geneve_wire, the_skb_hash_of_a_socket_picks_the_outer_source_port)
{
	struct sockaddr_in src = { .sin_family = AF_INET, .sin_port = htons(40000) };
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(7000) };
	int ul1 = gn_packet_socket("ul1"), fd, tries;
	uint16_t first, other;

	cr_assert_eq(system("ip link set tap11p address 00:00:00:00:0b:01 && "
			    "ip addr add 10.11.0.1/24 dev tap11p && "
			    "ip neigh replace 10.11.0.3 lladdr 00:00:00:00:0b:03 dev tap11p "
			    "nud permanent"), 0);
	tc_ingress("tap11", xh_program(&gn_dp.h, XH_VIF_LIVE));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	inet_pton(AF_INET, "10.11.0.1", &src.sin_addr);
	inet_pton(AF_INET, "10.11.0.3", &dst.sin_addr);
	cr_assert_eq(bind(fd, (struct sockaddr *)&src, sizeof(src)), 0, "bind: %s", strerror(errno));
	cr_assert_eq(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), 0);
	cr_assert_eq(send(fd, "x", 1, 0), 1);
	first = outer_sport_to(ul1, 7000);
	cr_assert_geq(first, 49152);
	/* Two hashes in 16384 ports collide now and then; four in a row never do. */
	for (tries = 0, other = first; tries < 4 && other == first; tries++) {
		cr_assert_eq(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), 0);
		cr_assert_eq(send(fd, "x", 1, 0), 1);
		other = outer_sport_to(ul1, 7000);
		cr_assert_geq(other, 49152);
	}
	cr_assert_neq(other, first, "5 socket hashes, one outer source port %u", first);
	cr_assert_eq(xh_drops_total(&gn_dp.h), 0);
	close(fd);
	close(ul1);
}
