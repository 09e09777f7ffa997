/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * prog_load.h - the datapath's programs verified in parallel.
 *
 * The kernel verifies one program at a time per load call, and
 * bpf_object__load loads an object's programs one after the other.  Each
 * program here is loaded from an object of its own (the same ELF, opened
 * again), on one of a few threads, with the maps the first load pinned:
 * libbpf reuses a pinned map of the same name, so every program shares one
 * set of maps.  The verification of the programs then runs on every CPU,
 * beside what the caller does meanwhile (reading and compiling the model).
 */
#ifndef XOVND_PROG_LOAD_H
#define XOVND_PROG_LOAD_H

#include <pthread.h>
#include <stddef.h>

struct bpf_object;
struct bpf_program;

#define PROG_LOAD_MAX 8

struct prog_load_one {
	const char *name;          /* the program's name in the object */
	struct bpf_object *obj;    /* its own object, NULL until opened */
	int err;                   /* 0 or a negative errno */
};

struct prog_load {
	const void *elf;           /* the object's bytes (the skeleton's) */
	size_t elf_size;
	const char *pin_dir;       /* where the maps are pinned */
	struct prog_load_one progs[PROG_LOAD_MAX];
	int n_progs;
	int next;                  /* the next program a thread takes */
	int n_started;             /* threads running, for their slot in done_ms */
	pthread_t threads[PROG_LOAD_MAX];
	int n_threads;
	double done_ms[PROG_LOAD_MAX]; /* when each thread ran out of programs (monotonic ms) */
};

/*
 * Starts loading the programs named (NULL-terminated list, the costliest
 * first) on min(CPUs, programs) threads.  0 ok, -1 (nothing started).
 */
int prog_load_start(struct prog_load *pl, const void *elf, size_t elf_size,
		    const char *pin_dir, const char *const *names);
/* Waits for every program.  0 all loaded, -1 one failed (logged). */
int prog_load_wait(struct prog_load *pl);
/* After prog_load_wait: when the last program was loaded (CLOCK_MONOTONIC, ms). */
double prog_load_done_ms(const struct prog_load *pl);
/* The loaded program called name, or NULL. */
struct bpf_program *prog_load_find(const struct prog_load *pl, const char *name);
/* Closes the objects: programs not attached or pinned go away. */
void prog_load_free(struct prog_load *pl);

#endif /* XOVND_PROG_LOAD_H */
