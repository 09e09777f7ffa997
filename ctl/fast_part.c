// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fast_part.c - reading the part of a big db a chain touches (fast_part.h).
 *
 * DB.index (model/db_index.h) says where each switch and top-level member
 * lies in the file, which switch holds each port, its container ports and
 * the ports peering with each router port, which chassis there are and
 * which ports the chassis and bindings name.  Every switch the chain
 * names is read from the file before the appended records are applied, so
 * a record that replaced or removed one leaves it as the db has it now;
 * a switch a record added is added by the record.  The chassis and
 * bindings (7 MB of a 100,000-port db) are not read: a port added or
 * deleted must then be one they do not name, in the file's index or in
 * the value a record gave them.  The stubs of the other switches are
 * added before the records too: a record that replaces or removes a
 * switch replaces or removes its stub.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "fast_part.h"
#include "model/db_index.h"
#include "model/model.h"

/* Members that name ports across switches: not read, left empty in the part. */
static const char *const left_out[] = { "chassis", "bindings" };

int ctl_part_left_out(const char *member)
{
	for (size_t i = 0; i < sizeof(left_out) / sizeof(left_out[0]); i++)
		if (strcmp(member, left_out[i]) == 0)
			return 1;
	return 0;
}

struct part {
	int fd;
	json_t *doc;
	json_t *stubs, *bound_vifs;
	size_t n_real;      /* switches read whole, before the stubs */
	struct xovn_db_index ix;
};

/* The span of the db file parsed as one JSON value (new reference), NULL if it is not. */
static json_t *read_span(int fd, struct xovn_db_span span)
{
	char *buf = malloc(span.len ? span.len : 1);
	json_t *v = NULL;

	if (buf && pread(fd, buf, span.len, (off_t)span.off) == (ssize_t)span.len)
		v = json_loadb(buf, span.len, JSON_DECODE_ANY, NULL);
	free(buf);
	return v;
}

static int add_member(const char *member, struct xovn_db_span span, void *arg)
{
	struct part *p = arg;
	json_t *v;

	if (ctl_part_left_out(member))
		return 0;
	v = read_span(p->fd, span);
	return v && json_object_set_new(p->doc, member, v) == 0 ? 0 : -1;
}

/* The file's switch name at span, added once; the span must hold that switch. */
static int add_switch(const char *name, struct xovn_db_span span, void *arg)
{
	struct part *p = arg;
	json_t *switches = json_object_get(p->doc, "logical_switches");
	json_t *sw;
	int rc;

	if (ctl_index_by_name(switches, "name", name) >= 0)
		return 0;
	sw = read_span(p->fd, span);
	if (!sw || !json_is_string(json_object_get(sw, "name")) ||
	    strcmp(json_string_value(json_object_get(sw, "name")), name) != 0)
		rc = -1; /* the index is wrong */
	else
		rc = json_array_append(switches, sw);
	json_decref(sw);
	return rc;
}

static int add_named_switch(struct part *p, const char *name)
{
	struct xovn_db_span span;

	/* A switch the file does not hold may come from a record, or not be at all. */
	return xovn_db_index_switch(&p->ix, name, &span) < 0 ? 0 : add_switch(name, span, p);
}

/* The switch that holds port and those holding its container ports. */
static int add_switches_of_port(struct part *p, const char *port)
{
	struct xovn_db_span span;
	char *name;
	int rc = 0;

	if (xovn_db_index_port(&p->ix, port, &name, &span) == 0) {
		rc = add_switch(name, span, p);
		free(name);
	}
	return rc ? rc : xovn_db_index_children(&p->ix, port, add_switch, p);
}

/* A switch of the file not read whole: its name and key only. */
static int add_stub(const char *name, int64_t key, void *arg)
{
	struct part *p = arg;
	json_t *switches = json_object_get(p->doc, "logical_switches"), *stub;

	for (size_t i = 0; i < p->n_real; i++)
		if (strcmp(ctl_str(json_array_get(switches, i), "name"), name) == 0)
			return 0;
	stub = json_pack("{s:s}", "name", name);
	if (stub && key >= 0 && json_object_set_new(stub, "tunnel_key", json_integer(key)) < 0)
		json_decref(stub), stub = NULL;
	if (!stub || json_array_append(p->stubs, stub) < 0 || json_array_append(switches, stub) < 0) {
		json_decref(stub);
		return -1;
	}
	json_decref(stub);
	return 0;
}

/* The switches of the file whose ports peer with router port lrp. */
static int add_peers_of(struct part *p, const char *lrp)
{
	return xovn_db_index_namers(&p->ix, 'r', lrp, add_switch, p);
}

/* The same for each port of router name, as the file has it. */
static int add_peers_of_router(struct part *p, const char *name)
{
	json_t *lr = json_array_get(json_object_get(p->doc, "logical_routers"),
				    (size_t)ctl_index_by_name(json_object_get(p->doc, "logical_routers"),
							      "name", name));
	json_t *lrp;
	size_t i;

	json_array_foreach(json_object_get(lr, "ports"), i, lrp)
		if (json_is_string(json_object_get(lrp, "name")) &&
		    add_peers_of(p, json_string_value(json_object_get(lrp, "name"))) < 0)
			return -1;
	return 0;
}

/* fn for each name of list; -1 at the first that fails. */
static int each_name(struct part *p, const char *const *list, size_t n,
		     int (*fn)(struct part *p, const char *name))
{
	for (size_t i = 0; i < n; i++)
		if (fn(p, list[i]) < 0)
			return -1;
	return 0;
}

static int read_file_part(struct part *p, const struct part_names *names)
{
	if (xovn_db_index_members(&p->ix, add_member, p) != 0 ||
	    each_name(p, names->gone_lrps, names->n_gone_lrps, add_peers_of) < 0 ||
	    each_name(p, names->gone_routers, names->n_gone_routers, add_peers_of_router) < 0 ||
	    each_name(p, names->switches, names->n_switches, add_named_switch) < 0 ||
	    each_name(p, names->ports, names->n_ports, add_switches_of_port) < 0)
		return -1;
	p->n_real = json_array_size(json_object_get(p->doc, "logical_switches"));
	return names->all_switches ? xovn_db_index_switch_keys(&p->ix, add_stub, p) : 0;
}

/* Does some object in v have "port": port? */
static int value_names_port(const json_t *v, const char *port)
{
	const char *key;
	json_t *el;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, el)
			if (value_names_port(el, port))
				return 1;
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, el)
			if ((strcmp(key, "port") == 0 && json_is_string(el) &&
			     strcmp(json_string_value(el), port) == 0) || value_names_port(el, port))
				return 1;
	}
	return 0;
}

/* Chassis or bindings, as the file has them (ix) or as a record set them (in members), name port. */
static int members_name_port(const json_t *members, const struct xovn_db_index *ix, const char *port)
{
	for (size_t i = 0; i < sizeof(left_out) / sizeof(left_out[0]); i++) {
		json_t *current = json_object_get(members, left_out[i]);

		if (current ? value_names_port(current, port) : xovn_db_index_names_port(ix, port))
			return 1;
	}
	return 0;
}

static int left_out_names(const struct part *p, const char *port)
{
	return members_name_port(p->doc, &p->ix, port);
}

int ctl_part_names_port(const struct part_found *f, const char *port)
{
	return members_name_port(f->left_out, &f->ix, port);
}

int ctl_part_attached(const struct part_found *f, const char *port)
{
	json_t *chassis = json_object_get(f->left_out, "chassis");

	return chassis ? value_names_port(chassis, port)
		       : xovn_db_index_member_names_port(&f->ix, "chassis", port);
}

int ctl_part_chassis_exists(const struct part_found *f, const char *name)
{
	json_t *chassis = json_object_get(f->left_out, "chassis"), *ch;
	size_t i;

	if (!chassis)
		return xovn_db_index_chassis(&f->ix, name);
	json_array_foreach(chassis, i, ch)
		if (json_is_string(json_object_get(ch, "name")) &&
		    strcmp(json_string_value(json_object_get(ch, "name")), name) == 0)
			return 1;
	return 0;
}

/* Stops the walk at a switch the part does not hold. */
static int held(const char *sw_name, struct xovn_db_span span, void *arg)
{
	(void)span;
	return xovn_find_switch(arg, sw_name) ? 0 : 1;
}

int ctl_part_named_outside(const struct part_found *f, const json_t *doc, char what,
			   const char *name)
{
	return xovn_db_index_namers(&f->ix, what, name, held, (void *)doc) != 0;
}

/* A port chassis may attach and bindings bind whatever its options: type "", no parent. */
int ctl_part_plain_vif(const json_t *doc, const char *name)
{
	json_t *port = xovn_find_port(doc, name, NULL);

	return port && strcmp(xovn_port_type_str(port), "") == 0 && !json_object_get(port, "parent_name");
}

static int claims_free(const struct part *p, const struct part_names *names)
{
	json_t *sw, *port;
	size_t i;

	for (i = 0; i < names->n_claimed; i++)
		if (left_out_names(p, names->claimed[i]))
			return 0;
	for (i = 0; i < names->n_retyped; i++) {
		if (!left_out_names(p, names->retyped[i]))
			continue;
		if (!ctl_part_plain_vif(p->doc, names->retyped[i]) ||
		    json_array_append_new(p->bound_vifs, json_string(names->retyped[i])) < 0)
			return 0;
	}
	for (size_t k = 0; k < names->n_emptied; k++) {
		sw = xovn_find_switch(p->doc, names->emptied[k]);
		json_array_foreach(json_object_get(sw, "ports"), i, port)
			if (!json_is_string(json_object_get(port, "name")) ||
			    left_out_names(p, json_string_value(json_object_get(port, "name"))))
				return 0;
	}
	return 1;
}

void ctl_part_found_free(struct part_found *f)
{
	json_decref(f->stubs);
	json_decref(f->bound_vifs);
	json_decref(f->left_out);
	xovn_db_index_close(&f->ix);
	f->stubs = f->bound_vifs = f->left_out = NULL;
}

/* The left-out members a record set, taken out of the part (new reference). */
static json_t *take_left_out(json_t *doc)
{
	json_t *set = json_object();

	for (size_t i = 0; set && i < sizeof(left_out) / sizeof(left_out[0]); i++) {
		json_t *v = json_object_get(doc, left_out[i]);

		if ((v && json_object_set(set, left_out[i], v) < 0) ||
		    /* Empty, not absent: the schema requires some of them. */
		    json_object_set_new(doc, left_out[i], json_array()) < 0) {
			json_decref(set);
			return NULL;
		}
	}
	return set;
}

json_t *ctl_part_read(const char *db, const struct part_names *names, struct xovn_file_id *head,
		      struct part_found *found)
{
	struct part p = { .fd = -1 };
	struct xovn_file_id file;
	struct stat st;
	json_t *doc = NULL;
	int ok = 0;

	p.fd = open(db, O_RDONLY | O_CLOEXEC);
	if (p.fd < 0 || fstat(p.fd, &st) < 0) {
		if (p.fd >= 0)
			close(p.fd);
		return NULL;
	}
	xovn_file_id_from_stat(&st, &file);
	if (xovn_db_index_open(db, &file, &p.ix) < 0) {
		close(p.fd);
		return NULL;
	}
	p.doc = json_pack("{s:[]}", "logical_switches");
	p.stubs = json_array();
	p.bound_vifs = json_array();
	/* A record may replace or remove a switch read here or a stub, or change a member. */
	if (p.doc && p.stubs && p.bound_vifs && read_file_part(&p, names) == 0 &&
	    xovn_journal_head(db, &file, p.doc, head) == 0 && claims_free(&p, names))
		ok = (found->left_out = take_left_out(p.doc)) != NULL;
	close(p.fd);
	if (ok) {
		doc = json_incref(p.doc);
		found->stubs = json_incref(p.stubs);
		found->bound_vifs = json_incref(p.bound_vifs);
		found->ix = p.ix;
	} else {
		xovn_db_index_close(&p.ix);
	}
	json_decref(p.doc);
	json_decref(p.stubs);
	json_decref(p.bound_vifs);
	return doc;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const json_t *const *)a, y = (uintptr_t)*(const json_t *const *)b;

	return (x > y) - (x < y);
}

json_t *ctl_part_take_stubs(json_t *doc, const json_t *stubs)
{
	json_t *switches = json_object_get(doc, "logical_switches"), *kept = json_array();
	json_t *taken = json_array(), *sw;
	size_t n = json_array_size(stubs), i;
	const json_t **sorted = calloc(n + 1, sizeof(*sorted));

	for (i = 0; sorted && i < n; i++)
		sorted[i] = json_array_get(stubs, i);
	if (sorted)
		qsort(sorted, n, sizeof(*sorted), cmp_ptr);
	json_array_foreach(switches, i, sw) {
		if (!sorted || !kept || !taken)
			break;
		if (bsearch(&sw, sorted, n, sizeof(*sorted), cmp_ptr) ? json_array_append(taken, sw)
								       : json_array_append(kept, sw))
			break;
	}
	free(sorted);
	if (i < json_array_size(switches) || !kept || !taken) {
		json_decref(kept);
		json_decref(taken);
		return NULL;
	}
	if (json_object_set_new(doc, "logical_switches", kept) < 0) {
		json_decref(taken);
		return NULL;
	}
	return taken;
}

int ctl_part_put_stubs(json_t *doc, const json_t *taken)
{
	json_t *switches = json_object_get(doc, "logical_switches"), *sw;
	size_t i;

	json_array_foreach(taken, i, sw)
		if (json_array_append(switches, sw) < 0)
			return -1;
	return 0;
}
