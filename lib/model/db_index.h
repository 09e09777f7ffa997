/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * db_index.h - DB.index: where each switch and top-level member of the db
 * file lies in its bytes, and which switch holds each port, so a write
 * that touches a few ports reads only their switches (ctl/fast_write.c)
 * instead of parsing a 25 MB document.
 *
 * The index describes one db file (inode, size, mtime): any other file
 * makes it stale and it is not used.  The records appended on the file
 * (journal.h) are not in it; their reader applies them on top.  Text, one
 * item a line, ports last so one is found with a single memmem:
 *
 *   xovn-db-index 4 INO SIZE MTIME_NS
 *   m OFFSET LENGTH MEMBER        a top-level member other than logical_switches
 *   s OFFSET LENGTH SWITCH        the switches in file order
 *   p PORT ORDINAL                ORDINAL: the switch's place among the s lines
 *   c PARENT ORDINAL              a port of that switch has parent_name PARENT
 *   r ROUTER_PORT ORDINAL         a port of that switch has options:router-port ROUTER_PORT
 *   d UUID ORDINAL                a port of that switch names DHCP options row UUID
 *   h CHASSIS                     a chassis of the db
 *   a PORT MEMBER                 chassis or bindings name PORT
 *   k SWITCH KEY                  the switch's tunnel key, "-" when it has none
 *
 * The c, r, d, h, a and k lines are what a write confined to a few
 * switches must know of the others: which switches hold container ports
 * of a parent, which router ports and DHCP options rows their ports name
 * (deleting one changes those ports), which chassis exist and which ports
 * the chassis and bindings (not read by such a write) name, and which
 * datapath keys the switches hold (a new switch or router takes the
 * lowest unused one).
 */
#ifndef XOVN_DB_INDEX_H
#define XOVN_DB_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "model/journal.h"

/* A byte range of the db file. */
struct xovn_db_span {
	uint64_t off, len;
};

/*
 * The index text of a db file's contents, malloc'ed (*len its length),
 * built by scanning the bytes (no document is made); NULL when the text is
 * not the shape the index can describe (names with escapes, ...) or out
 * of memory.
 */
char *xovn_db_index_text(const char *db_text, size_t db_len, const struct xovn_file_id *file,
			 size_t *len);

/* Writes DB.index for the db file as it is now (atomically); 0 ok, -1 with errno. */
int xovn_db_index_write(const char *db);

/* A read index: the file's text, kept for lookups. */
struct xovn_db_index {
	char *text;
	size_t len;
};

/* 0 when DB.index exists and describes file; -1 (nothing to free) otherwise. */
int xovn_db_index_open(const char *db, const struct xovn_file_id *file, struct xovn_db_index *ix);
void xovn_db_index_close(struct xovn_db_index *ix);

/* The switch that holds port in the file: 0 and its name (malloc'ed) and span, -1 if none. */
int xovn_db_index_port(const struct xovn_db_index *ix, const char *port, char **sw_name,
		       struct xovn_db_span *span);

/* The switch named name in the file: 0 and its span, -1 if none. */
int xovn_db_index_switch(const struct xovn_db_index *ix, const char *name,
			 struct xovn_db_span *span);

/* Calls fn with each switch of the file holding a container port of parent (once per port). */
typedef int (*xovn_db_switch_fn)(const char *sw_name, struct xovn_db_span span, void *arg);
int xovn_db_index_children(const struct xovn_db_index *ix, const char *parent,
			   xovn_db_switch_fn fn, void *arg);
/* The same for the switches whose ports name name: what 'c' as parent, 'r' as router port, 'd'. */
int xovn_db_index_namers(const struct xovn_db_index *ix, char what, const char *name,
			 xovn_db_switch_fn fn, void *arg);

/* 1 when a member of the file other than the switches (chassis, bindings) names port. */
int xovn_db_index_names_port(const struct xovn_db_index *ix, const char *port);

/* 1 when member (chassis or bindings) of the file names port. */
int xovn_db_index_member_names_port(const struct xovn_db_index *ix, const char *member,
				    const char *port);

/* 1 when the file has a chassis of that name. */
int xovn_db_index_chassis(const struct xovn_db_index *ix, const char *name);

/* Calls fn with each switch of the file and its tunnel key (-1: none); stops at fn's first non-zero. */
typedef int (*xovn_db_key_fn)(const char *sw_name, int64_t key, void *arg);
int xovn_db_index_switch_keys(const struct xovn_db_index *ix, xovn_db_key_fn fn, void *arg);

/* Calls fn for each top-level member line; stops at and returns fn's first non-zero. */
typedef int (*xovn_db_member_fn)(const char *member, struct xovn_db_span span, void *arg);
int xovn_db_index_members(const struct xovn_db_index *ix, xovn_db_member_fn fn, void *arg);

#endif /* XOVN_DB_INDEX_H */
