/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * facts.h - the few facts of a model document that xovnd asks for between
 * compiles (its generation, whether it has routers or container ports,
 * whether changed switches can change what is incomplete), read here so
 * the daemon never walks the document itself.
 */
#ifndef XOVN_MODEL_FACTS_H
#define XOVN_MODEL_FACTS_H

#include <jansson.h>

/* The model's generation, 0 when absent. */
long long xovn_model_generation(const json_t *model);
void xovn_model_set_generation(json_t *model, long long generation);
/* Has the model a logical router? */
int xovn_model_has_routers(const json_t *model);
/* Has a switch of the model a container port (one with a parent_name)? */
int xovn_model_has_container_ports(const json_t *model);
/*
 * Can these switch objects (an array) make something (in)complete?  Ports
 * whose completeness depends on other rows: containers, localnet,
 * l2gateway, external and router ports.
 */
int xovn_switches_may_deactivate(const json_t *switches);

#endif /* XOVN_MODEL_FACTS_H */
