// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * validate.c - entry point of the model validator and the JSON path
 * bookkeeping its passes share.
 *
 * Rule ids, by pass:
 *   schema    type, required, additional-property, enum, const, range,
 *             length, pattern
 *   unique    unique-name, unique-key
 *   refs      dangling-reference, parent-not-vif, container-not-vif,
 *             duplicate-tag, tag-not-allowed, missing-option
 *   addrs     mac-syntax, ip-syntax, multicast-mac, duplicate-mac,
 *             duplicate-ip
 *   chassis   unique-encap-ip, duplicate-member, duplicate-iface,
 *             iface-in-use, not-attachable, attached-twice,
 *             duplicate-binding, binding-conflict, localport-bound
 *   localnet  duplicate-network, ambiguous-localnet
 *   dhcp      unique-key, dhcp-cidr, dhcp-option, dhcp-too-long,
 *             dangling-reference, dhcp-family
 *   routers   unique-name, unique-key, multicast-mac, network-address,
 *             overlapping-network, host-bits, route-family
 * tests/unit/invalid/EXPECT has at least one model for each.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"

struct vpath_buf {
	char *s;
	size_t len;
};

static void vpath_append(struct vpath_buf *p, const char *text)
{
	int n = snprintf(p->s + p->len, VPATH_MAX_LEN - p->len, "%s", text);

	/* A path longer than the buffer is cut, not dropped: it still locates. */
	if (n > 0)
		p->len += (size_t)n < VPATH_MAX_LEN - p->len ? (size_t)n
							     : VPATH_MAX_LEN - 1 - p->len;
}

/* Keys that read well after a dot; anything else goes in ["..."]. */
static int is_identifier(const char *key)
{
	if (!*key || isdigit((unsigned char)*key))
		return 0;
	for (const char *k = key; *k; k++)
		if (!isalnum((unsigned char)*k) && *k != '_')
			return 0;
	return 1;
}

static void vpath_append_key(struct vpath_buf *p, const char *key)
{
	char buf[160];

	if (is_identifier(key)) {
		snprintf(buf, sizeof(buf), ".%s", key);
		vpath_append(p, buf);
		return;
	}
	vpath_append(p, "[\"");
	for (const char *k = key; *k; k++) {
		char ch[3] = { *k, 0, 0 };

		if (*k == '"' || *k == '\\') {
			ch[0] = '\\';
			ch[1] = *k;
		}
		vpath_append(p, ch);
	}
	vpath_append(p, "\"]");
}

const char *vpath_str(const struct vpath *p, char buf[VPATH_MAX_LEN])
{
	struct vpath_buf out = { .s = buf, .len = 0 };
	size_t depth = p->depth < VPATH_MAX_DEPTH ? p->depth : VPATH_MAX_DEPTH;
	char index[32];

	buf[0] = '\0';
	vpath_append(&out, "$");
	for (size_t i = 0; i < depth; i++) {
		if (p->part[i].key) {
			vpath_append_key(&out, p->part[i].key);
			continue;
		}
		snprintf(index, sizeof(index), "[%zu]", p->part[i].index);
		vpath_append(&out, index);
	}
	return buf;
}

static size_t vpath_push(struct vpath *p, const char *key, size_t index)
{
	size_t old = p->depth;

	if (p->depth < VPATH_MAX_DEPTH) {
		p->part[p->depth].key = key;
		p->part[p->depth].index = index;
	}
	p->depth++;
	return old;
}

size_t vpath_key(struct vpath *p, const char *key)
{
	return vpath_push(p, key, 0);
}

size_t vpath_index(struct vpath *p, size_t i)
{
	return vpath_push(p, NULL, i);
}

void vpath_restore(struct vpath *p, size_t len)
{
	p->depth = len;
}

void vreport(struct vctx *c, const char *rule, const char *fmt, ...)
{
	char msg[256], path[VPATH_MAX_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xovn_errors_add(c->errs, vpath_str(&c->path, path), rule, "%s", msg);
}

size_t xovn_model_validate(const json_t *model, struct xovn_errors *errs)
{
	return xovn_model_validate_typed(model, errs, NULL, NULL);
}

size_t xovn_model_validate_listing(const json_t *model, struct xovn_errors *errs,
				   struct xovn_inactive_list *inactive)
{
	return xovn_model_validate_typed(model, errs, inactive, NULL);
}

size_t xovn_model_validate_typed(const json_t *model, struct xovn_errors *errs,
				 struct xovn_inactive_list *inactive, struct xovn_model **typed)
{
	struct vctx c = { .errs = errs, .path = { .depth = 0 } };
	size_t before = errs->n;
	struct xovn_model *m;
	struct vnames names;

	if (typed)
		*typed = NULL;
	validate_schema(&c, model);
	/*
	 * The semantic passes read the typed model, in which a value of the
	 * wrong type is absent: what the schema pass rejected is not reported
	 * a second time.  A document that is not an object reads as empty.
	 */
	m = xovn_model_read(model);
	if (!m) {
		xovn_errors_add(errs, "$", "io", "out of memory reading the model");
		return errs->n - before;
	}
	/* One index of ports, chassis, groups and router ports serves every reference check. */
	vnames_build(&names, m);
	validate_unique(errs, m, &names);
	validate_port_refs(errs, m, &names);
	validate_addresses(errs, m);
	validate_chassis(errs, m, &names);
	validate_localnet(errs, m);
	validate_dhcp(errs, m);
	validate_routers(errs, m, &names);
	validate_nat_and_gateways(errs, m, &names);
	validate_dynamic_routing(errs, m);
	/* What is incomplete is only defined for a valid model; it reuses the reading and the index. */
	if (inactive && errs->n == before)
		vincomplete(m, &names, inactive);
	vnames_free(&names);
	/* The reading of a valid model is what its compile reads: it is handed over, not read again. */
	if (typed && errs->n == before) {
		*typed = m;
		return 0;
	}
	xovn_model_free(m);
	return errs->n - before;
}
