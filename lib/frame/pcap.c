// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * frame_pcap.c - one packet out of a classic pcap file (tcpdump -w).
 *
 * Only the file header and record headers are read: either byte order, micro-
 * or nanosecond timestamps, Ethernet link type.  pcapng is refused by name so
 * the user knows to convert it (tcpdump -r in.pcapng -w out.pcap).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "frame/frame.h"
#include "util/errbuf.h"

#define PCAP_MAGIC_US   0xa1b2c3d4u
#define PCAP_MAGIC_NS   0xa1b23c4du
#define PCAPNG_MAGIC    0x0a0d0d0au
#define LINKTYPE_ETHERNET 1

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

struct pcap_reader {
	FILE *f;
	int swapped;
	const char *path;
};

static uint32_t field32(const struct pcap_reader *r, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return r->swapped ? swap32(v) : v;
}

static int read_header(struct pcap_reader *r, char *err, size_t errlen)
{
	uint8_t hdr[24];
	uint32_t magic;

	if (fread(hdr, 1, sizeof(hdr), r->f) != sizeof(hdr))
		return xovn_errf(err, errlen, "%s: not a pcap file (too short)", r->path);
	memcpy(&magic, hdr, 4);
	if (magic == PCAPNG_MAGIC)
		return xovn_errf(err, errlen, "%s: pcapng is not supported; convert with "
			    "tcpdump -r FILE -w OUT.pcap", r->path);
	if (magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS)
		r->swapped = 0;
	else if (swap32(magic) == PCAP_MAGIC_US || swap32(magic) == PCAP_MAGIC_NS)
		r->swapped = 1;
	else
		return xovn_errf(err, errlen, "%s: not a pcap file (bad magic)", r->path);
	if ((field32(r, hdr + 20) & 0x0fffffff) != LINKTYPE_ETHERNET)
		return xovn_errf(err, errlen, "%s: link type %u is not Ethernet", r->path,
			    field32(r, hdr + 20));
	return 0;
}

/* Reads one record into buf (or skips it when buf is NULL); 1 at clean EOF. */
static int read_record(struct pcap_reader *r, uint8_t *buf, size_t cap, size_t *len,
		       char *err, size_t errlen)
{
	uint8_t rec[16];
	size_t got = fread(rec, 1, sizeof(rec), r->f);
	uint32_t caplen, wirelen;

	if (got == 0 && feof(r->f))
		return 1;
	if (got != sizeof(rec))
		return xovn_errf(err, errlen, "%s: truncated record header", r->path);
	caplen = field32(r, rec + 8);
	wirelen = field32(r, rec + 12);
	if (caplen > XOVN_FRAME_MAX)
		return xovn_errf(err, errlen, "%s: record of %u bytes is larger than %d", r->path,
			    caplen, XOVN_FRAME_MAX);
	if (!buf)
		return fseek(r->f, caplen, SEEK_CUR) ? xovn_errf(err, errlen, "%s: %s", r->path,
							    strerror(errno)) : 0;
	if (caplen > cap || fread(buf, 1, caplen, r->f) != caplen)
		return xovn_errf(err, errlen, "%s: truncated record", r->path);
	if (caplen < wirelen)
		return xovn_errf(err, errlen, "%s: packet captured with %u of %u bytes (use a larger "
			    "snaplen)", r->path, caplen, wirelen);
	*len = caplen;
	return 0;
}

int xovn_pcap_read(const char *path, unsigned index, uint8_t *buf, size_t cap, size_t *len,
		   char *err, size_t errlen)
{
	struct pcap_reader r = { .path = path };
	unsigned i;
	int rc;

	if (index == 0)
		return xovn_errf(err, errlen, "packet numbers start at 1");
	r.f = fopen(path, "rb");
	if (!r.f)
		return xovn_errf(err, errlen, "%s: %s", path, strerror(errno));
	rc = read_header(&r, err, errlen);
	for (i = 1; rc == 0 && i < index; i++)
		rc = read_record(&r, NULL, 0, NULL, err, errlen);
	if (rc == 0)
		rc = read_record(&r, buf, cap, len, err, errlen);
	fclose(r.f);
	if (rc == 1)
		return xovn_errf(err, errlen, "%s: has fewer than %u packets", path, index);
	return rc;
}
