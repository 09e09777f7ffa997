// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * frame_describe.c - reading back the few headers a trace report names:
 * addresses, tags, and the ARP / IP summary, tcpdump style.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frame/frame.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int is_tag_type(uint16_t t)
{
	return t == 0x8100 || t == 0x88a8;
}

int xovn_frame_vid(const uint8_t *frame, size_t len)
{
	if (len < 18 || !is_tag_type(get16(frame + 12)))
		return -1;
	return get16(frame + 14) & 0x0fff;
}

size_t xovn_frame_push_vlan(uint8_t *buf, size_t len, size_t cap, uint16_t vid)
{
	if (len < 14)
		return 0;
	return xovn_insert_tag(buf, len, cap, 0x8100, vid);
}

/* Appends to out at *pos, never past cap. */
static void put(char *out, size_t cap, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *out, size_t cap, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *pos, cap - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n;
}

static void put_mac(char *out, size_t cap, size_t *pos, const uint8_t *m)
{
	put(out, cap, pos, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

/* Names a header too short to read and says so; nonzero when it is. */
static int truncated(size_t len, size_t need, const char *proto, char *out, size_t cap,
		     size_t *pos)
{
	if (len >= need)
		return 0;
	put(out, cap, pos, ", %s (truncated)", proto);
	return 1;
}

static void describe_arp(const uint8_t *p, size_t len, char *out, size_t cap, size_t *pos)
{
	char spa[INET_ADDRSTRLEN], tpa[INET_ADDRSTRLEN];

	if (truncated(len, 28, "ARP", out, cap, pos))
		return;
	inet_ntop(AF_INET, p + 14, spa, sizeof(spa));
	inet_ntop(AF_INET, p + 24, tpa, sizeof(tpa));
	if (get16(p + 6) == 1)
		put(out, cap, pos, ", ARP who-has %s tell %s", tpa, spa);
	else if (get16(p + 6) == 2) {
		put(out, cap, pos, ", ARP reply %s is-at ", spa);
		put_mac(out, cap, pos, p + 8);
	} else
		put(out, cap, pos, ", ARP op %u", get16(p + 6));
}

static void describe_ip4(const uint8_t *p, size_t len, char *out, size_t cap, size_t *pos)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];

	if (truncated(len, 20, "IPv4", out, cap, pos))
		return;
	inet_ntop(AF_INET, p + 12, src, sizeof(src));
	inet_ntop(AF_INET, p + 16, dst, sizeof(dst));
	put(out, cap, pos, ", IPv4 %s > %s proto %u", src, dst, p[9]);
}

static void describe_ip6(const uint8_t *p, size_t len, char *out, size_t cap, size_t *pos)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN], tgt[INET6_ADDRSTRLEN];

	if (truncated(len, 40, "IPv6", out, cap, pos))
		return;
	inet_ntop(AF_INET6, p + 8, src, sizeof(src));
	inet_ntop(AF_INET6, p + 24, dst, sizeof(dst));
	put(out, cap, pos, ", IPv6 %s > %s next %u", src, dst, p[6]);
	if (p[6] == 58 && len >= 64 && p[40] == 135) {
		inet_ntop(AF_INET6, p + 48, tgt, sizeof(tgt));
		put(out, cap, pos, " NS who-has %s", tgt);
	}
}

void xovn_frame_describe(const uint8_t *f, size_t len, char *out, size_t cap)
{
	size_t pos = 0, off = 12;
	uint16_t type;

	if (cap)
		out[0] = '\0';
	if (len < 14) {
		put(out, cap, &pos, "%zu bytes: shorter than an Ethernet header", len);
		return;
	}
	put_mac(out, cap, &pos, f + 6);
	put(out, cap, &pos, " > ");
	put_mac(out, cap, &pos, f);
	for (type = get16(f + off); is_tag_type(type) && off + 6 <= len; type = get16(f + off)) {
		put(out, cap, &pos, ", vlan %u", get16(f + off + 2) & 0x0fff);
		off += 4;
	}
	off += 2;
	if (type == 0x0806)
		describe_arp(f + off, len - off, out, cap, &pos);
	else if (type == 0x0800)
		describe_ip4(f + off, len - off, out, cap, &pos);
	else if (type == 0x86dd)
		describe_ip6(f + off, len - off, out, cap, &pos);
	else
		put(out, cap, &pos, ", ethertype 0x%04x", type);
	put(out, cap, &pos, ", length %zu", len);
}
