// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_port_stats.c - per-port counters in their per-CPU array slots, on
 * the real programs: rx and tx land on the right port, and a slot handed
 * to another port never passes the previous owner's counts on.
 */
#include <criterion/criterion.h>
#include <linux/pkt_cls.h>

#include "harness.h"

#define SWITCH(ports) \
	"{\"version\":1,\"logical_switches\":[{\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":[" ports \
	"]}],\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"}," \
	"\"vifs\":[{\"iface\":\"tap1\",\"port\":\"vm1\"},{\"iface\":\"tap2\",\"port\":\"vm2\"}," \
	"{\"iface\":\"tap3\",\"port\":\"vm3\"}]}]}"
#define VM1 "{\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:01:01 10.0.0.1\"]}"
#define VM2 "{\"name\":\"vm2\",\"tunnel_key\":2,\"addresses\":[\"00:00:00:00:01:02 10.0.0.2\"]}"
#define VM3 "{\"name\":\"vm3\",\"tunnel_key\":3,\"addresses\":[\"00:00:00:00:01:03 10.0.0.3\"]}"

/* Slots are given in port order from an empty applied set: vm1 1, vm2 2. */
static const char *vm1_vm2 = SWITCH(VM1 "," VM2);
/* The same from scratch without vm1: vm2 takes slot 1 (vm1's), vm3 slot 2 (vm2's). */
static const char *vm2_vm3 = SWITCH(VM2 "," VM3);

enum { IF_TAP1 = 101, IF_TAP2 = 102, IF_TAP3 = 103 };

static const struct xh_iface ifaces[] = {
	{ "tap1", IF_TAP1, 1 }, { "tap2", IF_TAP2, 1 }, { "tap3", IF_TAP3, 1 },
};

static struct xh h;
static uint8_t vm1[6], vm2[6], vm3[6];

static void setup(void)
{
	xh_open(&h);
	xh_mac("00:00:00:00:01:01", vm1);
	xh_mac("00:00:00:00:01:02", vm2);
	xh_mac("00:00:00:00:01:03", vm3);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(port_stats, .init = setup, .fini = teardown);

static void send_live(uint32_t ifindex, const uint8_t *dst, const uint8_t *src, const char *sip,
		      const char *dip, size_t *len)
{
	uint8_t f[XH_FRAME_MAX];

	*len = xh_ipv4_udp(f, dst, src, sip, dip, 20);
	cr_assert_eq(xh_run(&h, XH_VIF_LIVE, ifindex, f, *len), TC_ACT_REDIRECT);
}

Test(port_stats, rx_and_tx_count_on_their_own_ports)
{
	struct xovn_port_stats s1, s2;
	size_t len;

	xh_load_model(&h, vm1_vm2, "hv1", ifaces, 3);
	send_live(IF_TAP1, vm2, vm1, "10.0.0.1", "10.0.0.2", &len);
	send_live(IF_TAP1, vm2, vm1, "10.0.0.1", "10.0.0.2", &len);
	send_live(IF_TAP2, vm1, vm2, "10.0.0.2", "10.0.0.1", &len);
	s1 = xh_port_stats(&h, 1, 1);
	s2 = xh_port_stats(&h, 1, 2);
	cr_assert_eq(s1.rx_packets, 2);
	cr_assert_eq(s1.rx_bytes, 2 * len);
	cr_assert_eq(s1.tx_packets, 1);
	cr_assert_eq(s2.rx_packets, 1);
	cr_assert_eq(s2.tx_packets, 2);
	cr_assert_eq(s2.tx_bytes, 2 * len);
}

Test(port_stats, a_slot_given_to_another_port_starts_from_zero)
{
	struct xovn_port_stats s2, s3;
	size_t len;

	xh_load_model(&h, vm1_vm2, "hv1", ifaces, 3);
	send_live(IF_TAP1, vm2, vm1, "10.0.0.1", "10.0.0.2", &len);
	cr_assert_eq(xh_port_stats(&h, 1, 2).tx_packets, 1);
	/* Both slots change hands: vm1's goes to vm2, vm2's to vm3. */
	xh_load_model(&h, vm2_vm3, "hv1", ifaces, 3);
	send_live(IF_TAP3, vm2, vm3, "10.0.0.3", "10.0.0.2", &len);
	s3 = xh_port_stats(&h, 1, 3);
	s2 = xh_port_stats(&h, 1, 2);
	cr_assert_eq(s3.rx_packets, 1, "vm3 counts its own frame");
	cr_assert_eq(s3.tx_packets, 0, "vm3 inherited vm2's tx count");
	cr_assert_eq(s2.tx_packets, 1, "vm2 counts the frame it got in its new slot");
	cr_assert_eq(s2.rx_packets, 0, "vm2 inherited vm1's rx count");
	cr_assert_eq(xh_port_stats(&h, 1, 1).rx_packets, 0, "vm1's slot belongs to vm2 now");
}
