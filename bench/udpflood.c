// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * udpflood - a 64-byte UDP packet generator for the throughput benchmarks
 * (bench/throughput.sh, bench/xdp_vs_tc.sh), run inside the sending VM
 * namespace.
 *
 *   udpflood -i IFNAME -d DST_IP -m DST_MAC [-l PAYLOAD] [-p PORT]
 *            [-n COUNT] [-t SECONDS] [-b BATCH] [-u]
 *
 * Default: one AF_PACKET socket bound to IFNAME with PACKET_QDISC_BYPASS,
 * sending one prebuilt Ethernet/IPv4/UDP frame in sendmmsg() batches.  The
 * frame goes straight to the driver's transmit (for a veth, to its peer),
 * without the VM's UDP/IP send path, route or neighbour lookups: the sender
 * then costs far less per frame than iperf3 (one write() and the whole UDP
 * send path per datagram), so the measured rate is set by what forwards the
 * frame, which is what the benchmark compares.  -u sends the same datagrams
 * through a connected UDP socket instead (still sendmmsg batches), to show
 * what the VM's own stack costs.
 *
 * Bounded twice: it stops after COUNT frames or SECONDS, whichever comes
 * first (or at SIGTERM/SIGINT).  Prints "sent N frames in S s: R frames/s,
 * E send errors, C ns of CPU per frame" on stderr.  The CPU time is this
 * process' own (user + system): on veths every stage up to the receiving
 * VM runs in its softirq context, so it is the whole per-frame cost on one
 * core, whatever share of the core the process got (what the softirq
 * daemon took over is not in it).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frame/headers.h"

#define MAX_BATCH   256
#define MAX_PAYLOAD 1400
#define FRAME_MAX   (sizeof(struct ether_header) + sizeof(struct iphdr) + \
		     sizeof(struct udphdr) + MAX_PAYLOAD)

struct opts {
	const char *ifname;
	struct in_addr dst_ip;
	uint8_t dst_mac[ETH_ALEN];
	int have_ip, have_mac;
	unsigned payload;   /* UDP payload bytes: 18 makes a 64-byte frame with FCS */
	unsigned port;
	unsigned long long count;
	double seconds;
	unsigned batch;
	int udp_socket;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* SIGTERM/SIGINT end the flood with its summary; no SA_RESTART, so sendmmsg returns. */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: udpflood -i IFNAME -d DST_IP -m DST_MAC [-l PAYLOAD] [-p PORT]\n"
		"                [-n COUNT] [-t SECONDS] [-b BATCH] [-u]\n");
	exit(2);
}

static int parse_mac(const char *s, uint8_t mac[ETH_ALEN])
{
	unsigned v[ETH_ALEN];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != ETH_ALEN)
		return -1;
	for (i = 0; i < ETH_ALEN; i++) {
		if (v[i] > 0xff)
			return -1;
		mac[i] = v[i];
	}
	return 0;
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	int c;

	*o = (struct opts){ .payload = 18, .port = 9, .count = 100000000ULL,
			    .seconds = 10, .batch = 64 };
	while ((c = getopt(argc, argv, "i:d:m:l:p:n:t:b:u")) != -1) {
		switch (c) {
		case 'i': o->ifname = optarg; break;
		case 'd': o->have_ip = inet_pton(AF_INET, optarg, &o->dst_ip) == 1; break;
		case 'm': o->have_mac = parse_mac(optarg, o->dst_mac) == 0; break;
		case 'l': o->payload = strtoul(optarg, NULL, 0); break;
		case 'p': o->port = strtoul(optarg, NULL, 0); break;
		case 'n': o->count = strtoull(optarg, NULL, 0); break;
		case 't': o->seconds = strtod(optarg, NULL); break;
		case 'b': o->batch = strtoul(optarg, NULL, 0); break;
		case 'u': o->udp_socket = 1; break;
		default: usage();
		}
	}
	if (!o->ifname || !o->have_ip || (!o->have_mac && !o->udp_socket) ||
	    o->payload > MAX_PAYLOAD || !o->port || o->port > 65535 || !o->batch ||
	    o->batch > MAX_BATCH || o->seconds <= 0 || !o->count)
		usage();
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The interface's MAC and IPv4 address, the frame's source. */
static int iface_addrs(int fd, const char *ifname, uint8_t mac[ETH_ALEN], struct in_addr *ip)
{
	struct ifreq ifr = {};

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	if (ioctl(fd, SIOCGIFADDR, &ifr) < 0)
		return -1;
	*ip = ((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr;
	return 0;
}

/* Ethernet/IPv4/UDP around PAYLOAD zero bytes; UDP checksum 0 (none, valid over IPv4). */
static size_t frame_build(uint8_t *buf, const struct opts *o, const uint8_t src_mac[ETH_ALEN],
			  struct in_addr src_ip)
{
	struct xovn_ip4 ip = { .src = src_ip, .dst = o->dst_ip, .proto = IPPROTO_UDP, .ttl = 64,
			       .frag = XOVN_IP4_DF };
	uint8_t *p = buf;

	memset(buf, 0, FRAME_MAX);
	p += xovn_put_eth(p, o->dst_mac, src_mac, ETHERTYPE_IP);
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + o->payload);
	p += xovn_put_udp(p, o->port, o->port, o->payload);
	return (size_t)(p - buf) + o->payload;
}

/* AF_PACKET socket on IFNAME that skips the qdisc; the frame to send in *len. */
static int packet_socket(const struct opts *o, uint8_t *frame, size_t *len)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP) };
	uint8_t src_mac[ETH_ALEN];
	struct in_addr src_ip;
	int one = 1, fd;

	/* Protocol 0: this socket only sends, it never receives a copy of anything. */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		return -1;
	sll.sll_ifindex = if_nametoindex(o->ifname);
	if (!sll.sll_ifindex || iface_addrs(fd, o->ifname, src_mac, &src_ip) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		close(fd);
		return -1;
	}
	*len = frame_build(frame, o, src_mac, src_ip);
	return fd;
}

/* Connected UDP socket bound to IFNAME; the datagram to send is PAYLOAD zero bytes. */
static int udp_socket(const struct opts *o, uint8_t *payload, size_t *len)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(o->port),
				   .sin_addr = o->dst_ip };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o->ifname, strlen(o->ifname)) < 0 ||
	    connect(fd, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		close(fd);
		return -1;
	}
	memset(payload, 0, o->payload);
	*len = o->payload;
	return fd;
}

struct totals {
	unsigned long long sent, errors;
	double seconds, cpu_seconds;
};

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Sends batches of the same buffer until COUNT frames are out or SECONDS are over. */
static struct totals flood(int fd, const struct opts *o, uint8_t *buf, size_t len)
{
	static struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct totals t = {};
	double start = now_s(), deadline = start + o->seconds, cpu0 = cpu_s();
	unsigned i, want;
	int n;

	for (i = 0; i < o->batch; i++)
		msgs[i].msg_hdr = (struct msghdr){ .msg_iov = &iov, .msg_iovlen = 1 };
	while (!stop && t.sent < o->count && now_s() < deadline) {
		want = o->count - t.sent < o->batch ? o->count - t.sent : o->batch;
		n = sendmmsg(fd, msgs, want, 0);
		if (n > 0) {
			t.sent += n;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == ENOBUFS || errno == EAGAIN || errno == ECONNREFUSED) {
			/* Full queue, or an ICMP error reported on the UDP socket: go on. */
			t.errors++;
		} else {
			perror("udpflood: sendmmsg");
			break;
		}
	}
	t.seconds = now_s() - start;
	t.cpu_seconds = cpu_s() - cpu0;
	return t;
}

int main(int argc, char **argv)
{
	static uint8_t buf[FRAME_MAX];
	struct totals t;
	struct opts o;
	size_t len;
	int fd;

	parse_args(argc, argv, &o);
	catch_signals();
	fd = o.udp_socket ? udp_socket(&o, buf, &len) : packet_socket(&o, buf, &len);
	if (fd < 0) {
		fprintf(stderr, "udpflood: %s socket on %s: %s\n",
			o.udp_socket ? "UDP" : "AF_PACKET", o.ifname, strerror(errno));
		return 1;
	}
	t = flood(fd, &o, buf, len);
	close(fd);
	fprintf(stderr, "udpflood: sent %llu frames in %.2f s: %.0f frames/s, %llu send errors, "
		"%.0f ns of CPU per frame\n", t.sent, t.seconds, t.seconds > 0 ? t.sent / t.seconds : 0.0,
		t.errors, t.sent ? t.cpu_seconds * 1e9 / t.sent : 0.0);
	return t.sent ? 0 : 1;
}
