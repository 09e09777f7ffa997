// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * heap.c - transparent huge pages for the model's heap.
 *
 * A 100,000-port model is ~150 MB of small jansson objects: with 4 KiB
 * pages, reading and validating it costs more in page faults and TLB misses
 * than in parsing.  Where the kernel gives huge pages only on request
 * (transparent_hugepage=madvise), the heap must ask: every time it has
 * grown, the new part is marked MADV_HUGEPAGE.  jansson allocates through
 * heap_alloc, which notices growth after each allocation (sbrk(0) is a
 * variable read, not a system call), and the heap grows in 64 MiB steps, so
 * there are a handful of madvise calls per model.  Nothing changes what is
 * allocated, only how it is backed; where madvise fails pages stay small.
 */
#include <jansson.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/heap.h"

#define PAGE 4096UL

static uintptr_t advised_end;

static void advise_growth(void)
{
	uintptr_t end = (uintptr_t)sbrk(0) & ~(PAGE - 1);

	if (end <= advised_end)
		return;
	madvise((void *)advised_end, end - advised_end, MADV_HUGEPAGE);
	advised_end = end;
}

static void *heap_alloc(size_t n)
{
	void *p = malloc(n);

	advise_growth();
	return p;
}

void xovn_heap_use_huge_pages(void)
{
	mallopt(M_TOP_PAD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	advised_end = ((uintptr_t)sbrk(0) + PAGE - 1) & ~(PAGE - 1);
	json_set_alloc_funcs(heap_alloc, free);
}
