// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_l2_live_flood.c - the live program really transmits a flood.
 *
 * Each test runs in a network namespace of its own (criterion forks one
 * process per test, and the namespace dies with it), with real veth pairs
 * standing in for VM interfaces.  The live program floods a broadcast from
 * BPF_PROG_TEST_RUN; packet sockets on the VM ends check that exactly the
 * right copies arrived, each with its own 802.1Q tag.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/pkt_cls.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

static const char *model =
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls\",\"tunnel_key\":1,\"ports\":["
	" {\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:0a:01\"]},"
	" {\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:0a:02\"]},"
	" {\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:0a:03\"]},"
	" {\"name\":\"c1\",\"tunnel_key\":4,\"parent_name\":\"vm1\",\"tag\":100,"
	"  \"addresses\":[\"00:00:00:00:0a:04\"]}]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	" \"vifs\":[{\"iface\":\"tap1\",\"port\":\"vm1\"},{\"iface\":\"tap2\",\"port\":\"vm2\"},"
	" {\"iface\":\"tap3\",\"port\":\"vm3\"}]}]}";

static struct xh h;
static struct xh_iface ifaces[3] = { { "tap1", 0, 1 }, { "tap2", 0, 1 }, { "tap3", 0, 1 } };

static void sh(const char *cmd)
{
	cr_assert_eq(system(cmd), 0, "failed: %s", cmd);
}

/* A private namespace with tapN (switch side) <-> vmN (VM side) pairs. */
static void setup(void)
{
	int i;

	cr_assert_eq(unshare(CLONE_NEWNET), 0, "unshare(CLONE_NEWNET): %s", strerror(errno));
	sh("ip link set lo up");
	for (i = 1; i <= 3; i++) {
		char cmd[160];

		snprintf(cmd, sizeof(cmd),
			 "ip link add tap%d type veth peer name vm%d && "
			 "ip link set tap%d up && ip link set vm%d up", i, i, i, i);
		sh(cmd);
	}
	for (i = 0; i < 3; i++) {
		ifaces[i].ifindex = if_nametoindex(ifaces[i].name);
		cr_assert_neq(ifaces[i].ifindex, 0);
	}
	xh_open(&h);
	xh_load_model(&h, model, "hv1", ifaces, 3);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(l2_live_flood, .init = setup, .fini = teardown);

/* A packet socket on the VM end of a pair that reports the stripped VLAN tag. */
static int vm_socket(const char *ifname)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	int one = 1, fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	cr_assert_geq(fd, 0, "packet socket: %s", strerror(errno));
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), 0);
	cr_assert_eq(setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)), 0);
	return fd;
}

struct seen {
	int copies;        /* frames from src seen */
	int tags[4];       /* VID of each (-1 = untagged) */
};

/* Reads what arrives within ~300 ms, keeping frames whose source is src. */
static struct seen collect(int fd, const uint8_t src[6])
{
	struct seen s = { 0 };
	int rounds;

	for (rounds = 0; rounds < 50; rounds++) {
		uint8_t buf[XH_FRAME_MAX], cbuf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
				      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct cmsghdr *c;
		ssize_t n;
		int vid = -1;

		if (poll(&p, 1, 300) <= 0)
			break;
		n = recvmsg(fd, &msg, 0);
		if (n < ETH_HLEN || memcmp(buf + 6, src, 6) != 0)
			continue;
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
			struct tpacket_auxdata *aux = (void *)CMSG_DATA(c);

			if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA &&
			    (aux->tp_status & TP_STATUS_VLAN_VALID))
				vid = aux->tp_vlan_tci & 0x0fff;
		}
		if (vid < 0)
			vid = xh_frame_vid(buf, (size_t)n);
		if (s.copies < 4)
			s.tags[s.copies] = vid;
		s.copies++;
	}
	return s;
}

static int has_tag(const struct seen *s, int vid)
{
	int i;

	for (i = 0; i < s->copies && i < 4; i++)
		if (s->tags[i] == vid)
			return 1;
	return 0;
}

Test(l2_live_flood, broadcast_is_cloned_to_each_other_port_with_its_own_tag)
{
	int vm1 = vm_socket("vm1"), vm2 = vm_socket("vm2"), vm3 = vm_socket("vm3");
	uint8_t f[XH_FRAME_MAX], src[6];
	struct seen s1, s2, s3;
	size_t len;

	xh_mac("00:00:00:00:0a:03", src);
	len = xh_arp_request(f, src, "10.9.0.3", "10.9.0.99");
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, ifaces[2].ifindex, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&h), 0, "a copy failed or the flood counted as a drop");

	s1 = collect(vm1, src);
	s2 = collect(vm2, src);
	s3 = collect(vm3, src);
	cr_assert_eq(s1.copies, 2, "vm1's interface got %d copies (parent + container)", s1.copies);
	cr_assert(has_tag(&s1, -1), "the parent's copy was tagged");
	cr_assert(has_tag(&s1, 100), "the container's copy lacks tag 100");
	cr_assert_eq(s2.copies, 1);
	cr_assert_eq(s2.tags[0], -1);
	cr_assert_eq(s3.copies, 0, "the sender got its own broadcast back");
	cr_assert_eq(xh_port_stats(&h, 1, 4).tx_packets, 1);
	cr_assert_eq(xh_port_stats(&h, 1, 3).rx_packets, 1);
	close(vm1);
	close(vm2);
	close(vm3);
}

Test(l2_live_flood, container_broadcast_reaches_the_parent_untagged_and_not_itself)
{
	int vm1 = vm_socket("vm1"), vm2 = vm_socket("vm2");
	uint8_t f[XH_FRAME_MAX], src[6];
	struct seen s1, s2;
	size_t len;

	xh_mac("00:00:00:00:0a:04", src);
	len = xh_arp_request(f, src, "10.9.0.4", "10.9.0.99");
	len = xh_vlan_insert(f, len, ETH_P_8021Q, 100);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, ifaces[0].ifindex, f, len), TC_ACT_SHOT);
	cr_assert_eq(xh_drops_total(&h), 0);

	s1 = collect(vm1, src);
	s2 = collect(vm2, src);
	cr_assert_eq(s1.copies, 1, "vm1's interface got %d copies", s1.copies);
	cr_assert_eq(s1.tags[0], -1, "the parent's copy carries tag %d", s1.tags[0]);
	cr_assert_eq(s2.copies, 1);
	cr_assert_eq(s2.tags[0], -1);
	close(vm1);
	close(vm2);
}
