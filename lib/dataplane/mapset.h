/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * mapset.h - a set of BPF map entries, the compiler's output.
 *
 * The compiler turns (model, chassis) into the exact set of entries that
 * chassis' maps must hold.  xovnd diffs the set it applied last against the
 * new one and writes only the difference, so traffic between untouched
 * ports never sees a map change.
 *
 * The map ids are ordered so that applying upserts in ascending order and
 * deletes in descending order never leaves a reference dangling: a frame
 * can never find an ingress/fdb entry whose target port is not there yet.
 */
#ifndef XOVN_MAPSET_H
#define XOVN_MAPSET_H

#include <stddef.h>
#include <stdint.h>

enum xovn_map_id {
	XOVN_MAP_CONFIG = 0,   /* xovn_config    */
	XOVN_MAP_DATAPATHS,    /* xovn_datapaths */
	/*
	 * Address tables a port's flags point into come before the ports, so a
	 * port that gains port security never has its flag set while its
	 * allowed addresses are still missing (which would drop its traffic).
	 */
	XOVN_MAP_PSEC_MAC,     /* xovn_psec_mac  */
	XOVN_MAP_PSEC_IN4,     /* xovn_psec_in4  */
	XOVN_MAP_PSEC_OUT4,    /* xovn_psec_out4 */
	XOVN_MAP_PSEC_IN6,     /* xovn_psec_in6  */
	XOVN_MAP_PSEC_OUT6,    /* xovn_psec_out6 */
	XOVN_MAP_ARP_RESP,     /* xovn_arp_resp  */
	XOVN_MAP_ND_RESP,      /* xovn_nd_resp   */
	XOVN_MAP_DHCP,         /* xovn_dhcp: before the ingress flag that points to it */
	/*
	 * Routers: ports before the routes that name them, and everything a
	 * router reads before the LSP entry that lets frames into it.
	 */
	XOVN_MAP_RPORTS,       /* xovn_rports     */
	XOVN_MAP_ROUTES,       /* xovn_routes     */
	XOVN_MAP_SRC_ROUTES,   /* xovn_src_routes */
	XOVN_MAP_NEIGH,        /* xovn_neigh      */
	XOVN_MAP_LSP_ROUTER,   /* xovn_lsp_router */
	XOVN_MAP_PORTS,        /* xovn_ports     */
	XOVN_MAP_FLOOD,        /* xovn_flood     */
	XOVN_MAP_FDB,          /* xovn_fdb       */
	XOVN_MAP_INGRESS,      /* xovn_ingress   */
	XOVN_MAP__COUNT
};

/* The pinned/BTF name of each map, indexed by enum xovn_map_id. */
extern const char *const xovn_map_names[XOVN_MAP__COUNT];

struct xovn_map_entry {
	uint32_t map;       /* enum xovn_map_id */
	uint16_t key_len;
	uint16_t val_len;
	uint8_t *key;       /* owned by the set */
	uint8_t *val;       /* owned by the set */
};

struct xovn_mapset {
	struct xovn_map_entry *v;
	size_t n, cap;
	int sorted;
	/*
	 * The array replaced by the last xovn_mapset_replace_part(), reused by
	 * the next one: on a big set, a fresh array's page faults would cost
	 * more than the whole incremental update.
	 */
	struct xovn_map_entry *spare;
	size_t spare_cap;
};

/* Orders entries by (map, key): the order of a sorted set. */
int xovn_map_entry_cmp(const struct xovn_map_entry *a, const struct xovn_map_entry *b);

void xovn_mapset_init(struct xovn_mapset *s);
void xovn_mapset_free(struct xovn_mapset *s);
/* Adds a copy of key/val; a later add of the same (map, key) replaces it. */
int xovn_mapset_add(struct xovn_mapset *s, uint32_t map, const void *key,
		    uint16_t key_len, const void *val, uint16_t val_len);
/* Sorts by (map, key) and drops earlier duplicates; idempotent. */
void xovn_mapset_sort(struct xovn_mapset *s);
/* Finds (map, key); the set must be sorted.  NULL if absent. */
const struct xovn_map_entry *xovn_mapset_find(const struct xovn_mapset *s,
					      uint32_t map, const void *key,
					      uint16_t key_len);

struct xovn_config;
/* Copies the set's xovn_config entry into cfg: 0 ok, -1 when the (sorted) set has none. */
int xovn_mapset_config(const struct xovn_mapset *s, struct xovn_config *cfg);

/*
 * The difference from old to new: upserts holds entries of new that are
 * absent from old or whose value differs; deletes holds entries of old whose
 * key is absent from new.  Both come out sorted (apply upserts front to
 * back, deletes back to front).  Entries are copies: free all four sets.
 */
int xovn_mapset_diff(const struct xovn_mapset *old_set,
		     const struct xovn_mapset *new_set,
		     struct xovn_mapset *upserts, struct xovn_mapset *deletes);

/*
 * Parts of a set by switch (mapset_part.c).  Every entry but the config
 * belongs to exactly one switch: the datapath key in its key (in its value
 * for xovn_ingress).  A part is the config entry plus the entries of some
 * switches; it is what an incremental compile of those switches produces.
 */
/* The datapath key an entry belongs to; 0 for the config entry. */
uint32_t xovn_map_entry_dp(const struct xovn_map_entry *e);
/* Copies into out (init'ed, sorted result) the config entry and the entries of dps[0..n). */
int xovn_mapset_part(const struct xovn_mapset *s, const uint32_t *dps, size_t n,
		     struct xovn_mapset *out);
/*
 * Replaces, in the sorted set s, the config entry and the entries of
 * dps[0..n) with the entries of part (sorted; moved into s, part is left
 * empty).  0 ok, -1 out of memory (s unchanged).
 */
int xovn_mapset_replace_part(struct xovn_mapset *s, const uint32_t *dps, size_t n,
			     struct xovn_mapset *part);

#endif /* XOVN_MAPSET_H */
