// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog_load.c - the datapath's programs verified in parallel (prog_load.h).
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "log.h"
#include "prog_load.h"

/* One program: its own object, only it autoloaded, the pinned maps reused. */
static int load_one(const struct prog_load *pl, struct prog_load_one *p)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = pl->pin_dir);
	struct bpf_program *prog;
	int found = 0, err;

	p->obj = bpf_object__open_mem(pl->elf, pl->elf_size, &opts);
	if (!p->obj)
		return -errno;
	bpf_object__for_each_program(prog, p->obj) {
		int mine = strcmp(bpf_program__name(prog), p->name) == 0;

		found |= mine;
		bpf_program__set_autoload(prog, mine);
	}
	if (!found)
		return -ENOENT;
	err = bpf_object__load(p->obj);
	return err ? err : 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *worker(void *arg)
{
	struct prog_load *pl = arg;
	int i, slot = __atomic_fetch_add(&pl->n_started, 1, __ATOMIC_RELAXED);

	/*
	 * At the caller's own priority: below it, a machine busy with other
	 * work starves the verifier (a tenth of a CPU at nice 10) and the
	 * start waits on it for many times its cost.
	 */
	while ((i = __atomic_fetch_add(&pl->next, 1, __ATOMIC_RELAXED)) < pl->n_progs)
		pl->progs[i].err = load_one(pl, &pl->progs[i]);
	pl->done_ms[slot] = now_ms();
	return NULL;
}

int prog_load_start(struct prog_load *pl, const void *elf, size_t elf_size,
		    const char *pin_dir, const char *const *names)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(pl, 0, sizeof(*pl));
	pl->elf = elf;
	pl->elf_size = elf_size;
	pl->pin_dir = pin_dir;
	while (names[pl->n_progs] && pl->n_progs < PROG_LOAD_MAX) {
		pl->progs[pl->n_progs].name = names[pl->n_progs];
		pl->n_progs++;
	}
	/*
	 * A thread per CPU, though the caller reads and compiles the model
	 * meanwhile: on a busy machine more threads get more of it, and on two
	 * CPUs one thread made the verification the longer of the two.
	 */
	if (cpus < 1)
		cpus = 1;
	for (int i = 0; i < pl->n_progs && i < cpus; i++) {
		if (pthread_create(&pl->threads[i], NULL, worker, pl) != 0)
			break;
		pl->n_threads++;
	}
	if (pl->n_threads == 0) {
		log_info("cannot start a thread to load the BPF programs");
		return -1;
	}
	return 0;
}

int prog_load_wait(struct prog_load *pl)
{
	int rc = 0;

	for (int i = 0; i < pl->n_threads; i++)
		pthread_join(pl->threads[i], NULL);
	pl->n_threads = 0;
	for (int i = 0; i < pl->n_progs; i++) {
		if (!pl->progs[i].err)
			continue;
		/* Also where an incompatible pinned map from another layout ends up. */
		log_info("cannot load the BPF program %s (pins in %s): %s", pl->progs[i].name,
			 pl->pin_dir, strerror(-pl->progs[i].err));
		rc = -1;
	}
	return rc;
}

double prog_load_done_ms(const struct prog_load *pl)
{
	double last = 0;

	for (int i = 0; i < PROG_LOAD_MAX; i++)
		if (pl->done_ms[i] > last)
			last = pl->done_ms[i];
	return last;
}

struct bpf_program *prog_load_find(const struct prog_load *pl, const char *name)
{
	for (int i = 0; i < pl->n_progs; i++)
		if (!pl->progs[i].err && pl->progs[i].obj && strcmp(pl->progs[i].name, name) == 0)
			return bpf_object__find_program_by_name(pl->progs[i].obj, name);
	return NULL;
}

void prog_load_free(struct prog_load *pl)
{
	for (int i = 0; i < pl->n_threads; i++)
		pthread_join(pl->threads[i], NULL);
	pl->n_threads = 0;
	for (int i = 0; i < pl->n_progs; i++) {
		bpf_object__close(pl->progs[i].obj);
		pl->progs[i].obj = NULL;
	}
	pl->n_progs = 0;
}
