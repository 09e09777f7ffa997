// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * metrics_text.c - one scrape in the Prometheus text exposition format
 * (version 0.0.4): HELP and TYPE lines, then one sample per label set.
 * Counters end in _total, as the format's conventions ask.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "bfd/status.h"
#include "dataplane/counters.h"
#include "dataplane/mapset.h"
#include "metrics.h"
#include "model/model.h"
#include "dataplane/names.h"
#include "util/grow.h"

struct scrape {
	FILE *out;
	const char *chassis;
	const struct xovn_model *model;   /* may be NULL: keys are printed then */
};

/* Label values: backslash, double quote and newline are escaped. */
static void label_value(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fputc('\\', out);
		if (*s == '\n') {
			fputs("\\n", out);
			continue;
		}
		fputc(*s, out);
	}
}

static void header(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* "NAME{chassis="X"": the caller adds its own labels and closes the set. */
static void sample_start(const struct scrape *s, const char *name)
{
	fprintf(s->out, "%s{chassis=\"", name);
	label_value(s->out, s->chassis);
	fputc('"', s->out);
}

static void port_labels(const struct scrape *s, const struct xovn_port_key *k)
{
	const char *sw = s->model ? xovn_switch_by_key(s->model, k->dp_key) : NULL;
	const char *port = s->model ? xovn_port_by_key(s->model, k->dp_key, k->port_key) : NULL;

	fputs(",switch=\"", s->out);
	label_value(s->out, sw ? sw : "?");
	fputs("\",port=\"", s->out);
	label_value(s->out, port ? port : "?");
	fprintf(s->out, "\",switch_key=\"%u\",port_key=\"%u\"}", k->dp_key, k->port_key);
}

struct port_sample {
	struct xovn_port_key key;
	struct xovn_port_stats st;
};

struct port_samples {
	struct port_sample *v;
	size_t n, cap;
	int oom;
};

static void collect(const struct xovn_port_key *key, const struct xovn_port_stats *sum, void *arg)
{
	struct port_samples *ps = arg;

	struct port_sample *v = xovn_grow(ps->v, &ps->cap, ps->n, sizeof(*v), 64);

	if (!v) {
		ps->oom = 1;
		return;
	}
	ps->v = v;
	ps->v[ps->n++] = (struct port_sample){ *key, *sum };
}

/* One family (e.g. rx packets) over every port: the format wants families grouped. */
static void port_family(const struct scrape *s, const struct port_samples *ps, const char *name,
			const char *help, size_t field_off)
{
	size_t i;

	header(s->out, name, "counter", help);
	for (i = 0; i < ps->n; i++) {
		__u64 v;

		memcpy(&v, (const char *)&ps->v[i].st + field_off, sizeof(v));
		sample_start(s, name);
		port_labels(s, &ps->v[i].key);
		fprintf(s->out, " %llu\n", (unsigned long long)v);
	}
}

static int write_ports(const struct scrape *s, const char *pin_dir)
{
	struct port_samples ps = { 0 };
	char err[512];
	int fd = xovn_pin_open(pin_dir, xovn_map_names[XOVN_MAP_PORT_STATS], err, sizeof(err)), rc;

	if (fd < 0)
		return -1;
	rc = xovn_read_port_stats(fd, collect, &ps);
	close(fd);
	if (rc == 0 && !ps.oom) {
		port_family(s, &ps, "xovn_port_rx_packets_total", "Frames received from a logical port.",
			    offsetof(struct xovn_port_stats, rx_packets));
		port_family(s, &ps, "xovn_port_rx_bytes_total", "Bytes received from a logical port.",
			    offsetof(struct xovn_port_stats, rx_bytes));
		port_family(s, &ps, "xovn_port_tx_packets_total", "Frames sent to a logical port.",
			    offsetof(struct xovn_port_stats, tx_packets));
		port_family(s, &ps, "xovn_port_tx_bytes_total", "Bytes sent to a logical port.",
			    offsetof(struct xovn_port_stats, tx_bytes));
	}
	free(ps.v);
	return (rc || ps.oom) ? -1 : 0;
}

static int write_drops(const struct scrape *s, const char *pin_dir)
{
	struct xovn_drop_count d[XOVN_DROP__COUNT];
	char err[512];
	int fd = xovn_pin_open(pin_dir, xovn_map_names[XOVN_MAP_DROPS], err, sizeof(err)), rc;
	unsigned r;

	if (fd < 0)
		return -1;
	rc = xovn_read_drops(fd, d);
	close(fd);
	if (rc)
		return -1;
	header(s->out, "xovn_drops_total", "counter", "Frames dropped, by reason.");
	for (r = XOVN_DROP_NONE + 1; r < XOVN_DROP__COUNT; r++) {
		sample_start(s, "xovn_drops_total");
		fprintf(s->out, ",reason=\"%s\"} %llu\n", xovn_drop_reason_name(r),
			(unsigned long long)d[r].packets);
	}
	header(s->out, "xovn_drop_bytes_total", "counter", "Bytes dropped, by reason.");
	for (r = XOVN_DROP_NONE + 1; r < XOVN_DROP__COUNT; r++) {
		sample_start(s, "xovn_drop_bytes_total");
		fprintf(s->out, ",reason=\"%s\"} %llu\n", xovn_drop_reason_name(r),
			(unsigned long long)d[r].bytes);
	}
	return 0;
}

/* One gauge family over the maps read (ok[i]), from v[i]. */
static void map_gauge(const struct scrape *s, const char *name, const char *help,
		      const char *const *names, const int *ok, const uint32_t *v)
{
	int i;

	header(s->out, name, "gauge", help);
	for (i = 0; i <= XOVN_MAP__COUNT; i++) {
		if (!ok[i])
			continue;
		sample_start(s, name);
		fprintf(s->out, ",map=\"%s\"} %u\n", names[i], v[i]);
	}
}

/* Every map the compiler fills, plus the counters' array (full by construction: a slot per possible port). */
static void write_fill(const struct scrape *s, const char *pin_dir)
{
	uint32_t n[XOVN_MAP__COUNT + 1], max[XOVN_MAP__COUNT + 1];
	const char *names[XOVN_MAP__COUNT + 1];
	int ok[XOVN_MAP__COUNT + 1], i, fd;
	char err[512];

	for (i = 0; i <= XOVN_MAP__COUNT; i++) {
		names[i] = xovn_map_names[i < XOVN_MAP__COUNT ? i : XOVN_MAP_PORT_STATS];
		fd = xovn_pin_open(pin_dir, names[i], err, sizeof(err));
		ok[i] = fd >= 0 && xovn_map_fill(fd, &n[i], &max[i]) == 0;
		if (fd >= 0)
			close(fd);
	}
	map_gauge(s, "xovn_map_entries", "Entries in a BPF map.", names, ok, n);
	map_gauge(s, "xovn_map_max_entries", "Capacity of a BPF map.", names, ok, max);
}

static void write_generation(const struct scrape *s, const char *pin_dir)
{
	struct xovn_config cfg;
	uint32_t zero = 0;
	char err[512];
	int fd = xovn_pin_open(pin_dir, xovn_map_names[XOVN_MAP_CONFIG], err, sizeof(err));

	if (fd < 0)
		return;
	if (bpf_map_lookup_elem(fd, &zero, &cfg) == 0) {
		header(s->out, "xovn_model_generation", "gauge",
		       "Generation of the model the maps hold.");
		sample_start(s, "xovn_model_generation");
		fprintf(s->out, "} %u\n", cfg.generation);
	}
	close(fd);
}

struct bfd_sample {
	const struct scrape *s;
	const char *name;
	int flaps;              /* the flap counter, else the state */
};

static void bfd_sample(const char *peer, const struct bfd_status *st, void *arg)
{
	const struct bfd_sample *b = arg;

	sample_start(b->s, b->name);
	fputs(",peer=\"", b->s->out);
	label_value(b->s->out, peer);
	fprintf(b->s->out, "\"} %llu\n",
		(unsigned long long)(b->flaps ? st->flaps : st->state));
}

/* BFD sessions as xovnd records them (bfd/status.h); nothing when it runs none. */
static void write_bfd(const struct scrape *s, const char *pin_dir)
{
	struct bfd_sample state = { s, "xovn_bfd_session_state", 0 };
	struct bfd_sample flaps = { s, "xovn_bfd_session_flaps_total", 1 };
	int fd = bfd_status_open(pin_dir, 0);

	if (fd < 0)
		return;
	header(s->out, state.name, "gauge",
	       "BFD session state toward a peer chassis: 0 admin down, 1 down, 2 init, 3 up.");
	bfd_status_each(fd, bfd_sample, &state);
	header(s->out, flaps.name, "counter", "Times a BFD session left Up.");
	bfd_status_each(fd, bfd_sample, &flaps);
	close(fd);
}

int metrics_write(FILE *out, const char *chassis, const char *pin_dir, const char *db)
{
	struct xovn_errors errs;
	struct scrape s = { .out = out, .chassis = chassis };
	struct xovn_model *typed;
	json_t *model;
	int rc;

	/* Names only: a model that does not load leaves keys in the labels. */
	xovn_errors_init(&errs);
	model = xovn_model_load(db, 1, &errs);
	xovn_errors_free(&errs);
	typed = model ? xovn_model_read(model) : NULL;
	s.model = typed;
	rc = write_ports(&s, pin_dir);
	if (rc == 0)
		rc = write_drops(&s, pin_dir);
	if (rc == 0) {
		write_fill(&s, pin_dir);
		write_generation(&s, pin_dir);
		write_bfd(&s, pin_dir);
	}
	xovn_model_free(typed);
	json_decref(model);
	return rc;
}
