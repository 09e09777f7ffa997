// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_trace_pcap.c - packets for `xovnctl trace --pcap` out of capture files. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame/frame.h"

static char path[64];

static void put32(FILE *f, uint32_t v, int big)
{
	uint8_t b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[big ? i : 3 - i] = (uint8_t)(v >> (24 - 8 * i));
	fwrite(b, 1, 4, f);
}

static void put16(FILE *f, uint16_t v, int big)
{
	uint8_t b[2] = { big ? v >> 8 : v & 0xff, big ? v & 0xff : v >> 8 };

	fwrite(b, 1, 2, f);
}

/* A capture of n frames of 60 bytes, frame i filled with byte i + 1. */
static void write_pcap(int n, int big, uint32_t linktype, uint32_t caplen_cut)
{
	int fd, i;
	FILE *f;

	strcpy(path, "/tmp/xovn-pcap-XXXXXX");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "wb");
	put32(f, 0xa1b2c3d4, big);
	put16(f, 2, big);
	put16(f, 4, big);
	put32(f, 0, big);
	put32(f, 0, big);
	put32(f, 65535, big);
	put32(f, linktype, big);
	for (i = 0; i < n; i++) {
		uint8_t frame[60];

		memset(frame, i + 1, sizeof(frame));
		put32(f, 0, big);
		put32(f, 0, big);
		put32(f, 60 - caplen_cut, big);
		put32(f, 60, big);
		fwrite(frame, 1, 60 - caplen_cut, f);
	}
	fclose(f);
}

static void remove_pcap(void)
{
	unlink(path);
}

static void read_nth(unsigned index, int expect_ok, const char *why)
{
	uint8_t buf[XOVN_FRAME_MAX];
	char err[256] = "";
	size_t len = 0;
	int rc = xovn_pcap_read(path, index, buf, sizeof(buf), &len, err, sizeof(err));

	if (expect_ok) {
		cr_assert_eq(rc, 0, "%s", err);
		cr_assert_eq(len, 60);
		cr_assert_eq(buf[0], index, "packet %u has its own bytes", index);
		cr_assert_eq(buf[59], index);
	} else {
		cr_assert_eq(rc, -1);
		cr_assert(strstr(err, why), "\"%s\" does not mention \"%s\"", err, why);
	}
}

Test(trace_pcap, little_endian, .fini = remove_pcap)
{
	write_pcap(3, 0, 1, 0);
	read_nth(1, 1, NULL);
	read_nth(3, 1, NULL);
	read_nth(4, 0, "fewer than 4 packets");
	read_nth(0, 0, "start at 1");
}

Test(trace_pcap, big_endian, .fini = remove_pcap)
{
	write_pcap(2, 1, 1, 0);
	read_nth(2, 1, NULL);
}

Test(trace_pcap, refuses_what_it_cannot_replay, .fini = remove_pcap)
{
	write_pcap(1, 0, 113, 0);  /* Linux cooked capture */
	read_nth(1, 0, "not Ethernet");
	remove_pcap();
	write_pcap(1, 0, 1, 10);   /* snaplen cut the frame */
	read_nth(1, 0, "snaplen");
	remove_pcap();
	write_pcap(0, 0, 1, 0);
	{
		FILE *f = fopen(path, "r+b");

		fwrite("\x0a\x0d\x0d\x0a", 1, 4, f);
		fclose(f);
	}
	read_nth(1, 0, "pcapng");
}

Test(trace_pcap, missing_file)
{
	strcpy(path, "/nonexistent/xovn.pcap");
	read_nth(1, 0, "No such file");
}
