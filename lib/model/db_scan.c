// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * db_scan.c - the index text of a db file (db_index.h), from its bytes:
 * a walk that only matches brackets and skips strings, except where it
 * reads the names of switches and ports, the parents, router ports and
 * DHCP options rows that ports name, the names of chassis and the ports
 * that chassis and bindings name.  A name with an escape, or any
 * shape it does not expect, gives no index: the reader then parses the
 * whole db as before.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/db_index.h"

struct scan {
	const char *p, *end;
	FILE *out;
	uint64_t n_switches;
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\t' || *s->p == '\r'))
		s->p++;
}

static int expect(struct scan *s, char ch)
{
	skip_ws(s);
	if (s->p >= s->end || *s->p != ch)
		return -1;
	s->p++;
	return 0;
}

/* Past the closing quote of the string that starts at s->p. */
static int skip_string(struct scan *s)
{
	for (s->p++; s->p < s->end; s->p++) {
		if (*s->p == '\\')
			s->p++;
		else if (*s->p == '"') {
			s->p++;
			return 0;
		}
	}
	return -1;
}

/* A string without escapes: its bytes in place (start, length). */
static int plain_string(struct scan *s, const char **str, size_t *len)
{
	const char *q;

	skip_ws(s);
	if (s->p >= s->end || *s->p != '"')
		return -1;
	q = memchr(s->p + 1, '"', (size_t)(s->end - s->p - 1));
	if (!q || memchr(s->p + 1, '\\', (size_t)(q - s->p - 1)))
		return -1;
	*str = s->p + 1;
	*len = (size_t)(q - s->p - 1);
	s->p = q + 1;
	return 0;
}

static int skip_value(struct scan *s)
{
	int depth = 0;

	skip_ws(s);
	do {
		if (s->p >= s->end)
			return -1;
		switch (*s->p) {
		case '"':
			if (skip_string(s) < 0)
				return -1;
			continue;
		case '{': case '[':
			depth++;
			break;
		case '}': case ']':
			if (--depth < 0)
				return -1;
			break;
		case ',':
			if (!depth)
				return 0;
			break;
		}
		s->p++;
	} while (depth > 0 || (s->p < s->end && !strchr(",}] \n\t\r", *s->p)));
	return 0;
}

/* The items of the object or array at s->p (open, close its brackets), each handed to fn. */
typedef int (*item_fn)(struct scan *s, void *arg);

static int each_item(struct scan *s, char open, char close, item_fn fn, void *arg)
{
	if (expect(s, open) < 0)
		return -1;
	skip_ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		return 0;
	}
	for (;;) {
		skip_ws(s);
		if (fn(s, arg) < 0)
			return -1;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		return expect(s, close);
	}
}

static int each_element(struct scan *s, item_fn fn, void *arg)
{
	return each_item(s, '[', ']', fn, arg);
}

/* An object's members, each handed to fn with its key. */
typedef int (*member_fn)(struct scan *s, const char *key, size_t key_len, void *arg);

struct member_walk {
	member_fn fn;
	void *arg;
};

static int one_member(struct scan *s, void *arg)
{
	struct member_walk *w = arg;
	const char *key;
	size_t key_len;

	if (plain_string(s, &key, &key_len) < 0 || expect(s, ':') < 0)
		return -1;
	return w->fn(s, key, key_len, w->arg);
}

static int each_member(struct scan *s, member_fn fn, void *arg)
{
	struct member_walk w = { fn, arg };

	return each_item(s, '{', '}', one_member, &w);
}

static int is_key(const char *key, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(key, want, len) == 0;
}

/* The member is want and its value (at s->p) a string. */
static int string_member(struct scan *s, const char *key, size_t key_len, const char *want)
{
	skip_ws(s);
	return is_key(key, key_len, want) && s->p < s->end && *s->p == '"';
}

/* "TAG STRING" + tail, for a string member; -1 when it has an escape. */
static int string_line(struct scan *s, FILE *out, char tag, const char *tail, size_t tail_len)
{
	const char *str;
	size_t len;

	if (plain_string(s, &str, &len) < 0)
		return -1;
	fprintf(out, "%c %.*s%.*s\n", tag, (int)len, str, (int)tail_len, tail);
	return 0;
}

/* What a switch's walk collects: its name and key, and its port names for lines written after it. */
struct switch_scan {
	const char *name, *key;
	size_t name_len, key_len;
	FILE *ports;
	uint64_t ordinal;
};

/* A string value of one member, whatever else the value could be. */
struct str_ref {
	const char *s;
	size_t len;
};

/*
 * A port's name, parent, peer router port and DHCP options rows, whatever
 * order its members come in.
 */
struct port_scan {
	struct str_ref name, parent, router_port, dhcp[2];
};

static int port_option(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct port_scan *port = arg;

	if (string_member(s, key, key_len, "router-port"))
		return plain_string(s, &port->router_port.s, &port->router_port.len);
	return skip_value(s);
}

static int port_member(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct port_scan *port = arg;

	if (is_key(key, key_len, "name"))
		return plain_string(s, &port->name.s, &port->name.len);
	if (is_key(key, key_len, "parent_name"))
		return plain_string(s, &port->parent.s, &port->parent.len);
	if (is_key(key, key_len, "dhcpv4_options"))
		return plain_string(s, &port->dhcp[0].s, &port->dhcp[0].len);
	if (is_key(key, key_len, "dhcpv6_options"))
		return plain_string(s, &port->dhcp[1].s, &port->dhcp[1].len);
	skip_ws(s);
	if (is_key(key, key_len, "options") && s->p < s->end && *s->p == '{')
		return each_member(s, port_option, port);
	return skip_value(s);
}

/* "TAG VALUE ORDINAL" when the port has that member. */
static void port_ref_line(FILE *out, char tag, const struct str_ref *v, uint64_t ordinal)
{
	if (v->s)
		fprintf(out, "%c %.*s %" PRIu64 "\n", tag, (int)v->len, v->s, ordinal);
}

static int port_element(struct scan *s, void *arg)
{
	struct switch_scan *sw = arg;
	struct port_scan port = { 0 };

	if (each_member(s, port_member, &port) < 0 || !port.name.s)
		return -1;
	port_ref_line(sw->ports, 'p', &port.name, sw->ordinal);
	port_ref_line(sw->ports, 'c', &port.parent, sw->ordinal);
	port_ref_line(sw->ports, 'r', &port.router_port, sw->ordinal);
	port_ref_line(sw->ports, 'd', &port.dhcp[0], sw->ordinal);
	port_ref_line(sw->ports, 'd', &port.dhcp[1], sw->ordinal);
	return 0;
}

/* A non-negative integer without sign, fraction or exponent: its digits in place. */
static int plain_integer(struct scan *s, const char **digits, size_t *len)
{
	const char *from;

	skip_ws(s);
	from = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	*digits = from;
	*len = (size_t)(s->p - from);
	return *len && *len <= 18 && (s->p == s->end || strchr(",}] \n\t\r", *s->p)) ? 0 : -1;
}

static int switch_member(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct switch_scan *sw = arg;

	if (is_key(key, key_len, "name"))
		return plain_string(s, &sw->name, &sw->name_len);
	if (is_key(key, key_len, "tunnel_key"))
		return plain_integer(s, &sw->key, &sw->key_len);
	if (is_key(key, key_len, "ports"))
		return each_element(s, port_element, sw);
	return skip_value(s);
}

/*
 * The port names a member other than the switches holds: every string
 * value of a "port" key at any depth (chassis attachments, bindings), an
 * "a" line each.
 */
struct ref_scan {
	FILE *out;
	char tail[130];     /* " MEMBER" */
	size_t tail_len;
};

static int ref_value(struct scan *s, void *arg);

static int ref_member(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct ref_scan *refs = arg;

	if (!string_member(s, key, key_len, "port"))
		return ref_value(s, arg);
	/* "a PORT MEMBER" */
	return string_line(s, refs->out, 'a', refs->tail, refs->tail_len);
}

static int ref_value(struct scan *s, void *arg)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == '{')
		return each_member(s, ref_member, arg);
	if (s->p < s->end && *s->p == '[')
		return each_element(s, ref_value, arg);
	return skip_value(s);
}

/* A chassis: its name an "h" line, the ports it names "a" lines. */
static int chassis_member(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct ref_scan *refs = arg;

	if (!string_member(s, key, key_len, "name"))
		return ref_member(s, key, key_len, arg);
	return string_line(s, refs->out, 'h', "", 0);
}

static int chassis_value(struct scan *s, void *arg)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == '{')
		return each_member(s, chassis_member, arg);
	return ref_value(s, arg);
}

static int chassis_list(struct scan *s, struct ref_scan *refs)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == '[')
		return each_element(s, chassis_value, refs);
	return ref_value(s, refs);
}

struct top_scan {
	const char *start;
	FILE *ports;        /* the p, c and a lines, after every s line */
};

static int switch_element(struct scan *s, void *arg)
{
	struct top_scan *top = arg;
	struct switch_scan sw = { .ports = top->ports, .ordinal = s->n_switches };
	const char *from = s->p;

	if (each_member(s, switch_member, &sw) < 0 || !sw.name)
		return -1;
	fprintf(s->out, "s %td %td %.*s\n", from - top->start, s->p - from, (int)sw.name_len,
		sw.name);
	fprintf(top->ports, "k %.*s %.*s\n", (int)sw.name_len, sw.name,
		sw.key ? (int)sw.key_len : 1, sw.key ? sw.key : "-");
	s->n_switches++;
	return 0;
}

static int top_member(struct scan *s, const char *key, size_t key_len, void *arg)
{
	struct top_scan *top = arg;
	const char *from;
	struct ref_scan refs = { .out = top->ports };

	if (is_key(key, key_len, "logical_switches"))
		return each_element(s, switch_element, top);
	if (key_len + 2 > sizeof(refs.tail))
		return -1;
	refs.tail_len = (size_t)snprintf(refs.tail, sizeof(refs.tail), " %.*s", (int)key_len, key);
	skip_ws(s);
	from = s->p;
	if ((is_key(key, key_len, "chassis")    ? chassis_list(s, &refs) :
	     is_key(key, key_len, "bindings") ? ref_value(s, &refs) :
						skip_value(s)) < 0)
		return -1;
	fprintf(s->out, "m %td %td %.*s\n", from - top->start, s->p - from, (int)key_len, key);
	return 0;
}

char *xovn_db_index_text(const char *db_text, size_t db_len, const struct xovn_file_id *file,
			 size_t *len)
{
	struct scan s = { .p = db_text, .end = db_text + db_len };
	struct top_scan top = { .start = db_text };
	char *text = NULL, *ports = NULL;
	size_t ports_len = 0;
	int rc;

	s.out = open_memstream(&text, len);
	top.ports = open_memstream(&ports, &ports_len);
	if (!s.out || !top.ports) {
		if (s.out)
			fclose(s.out);
		free(text);
		return NULL;
	}
	fprintf(s.out, "xovn-db-index 4 %" PRIu64 " %" PRIu64 " %" PRId64 "\n", file->ino,
		file->size, file->mtime_ns);
	rc = each_member(&s, top_member, &top);
	fclose(top.ports);
	if (rc == 0)
		fwrite(ports, 1, ports_len, s.out);
	free(ports);
	if (fclose(s.out) != 0 || rc < 0) {
		free(text);
		return NULL;
	}
	return text;
}
