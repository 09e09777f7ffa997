// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * heap.c - transparent huge pages for the heap that holds the model and
 * everything validate and compile build from it.
 *
 * A 100,000-port model is ~150 MB of small jansson objects, and validate
 * and compile add name indexes of 100,000 names (8 MiB each), the typed
 * model and the map entries.  With 4 KiB pages, a random probe into any of
 * them is a TLB miss and a page walk on top of the cache miss, and every
 * first touch a page fault: at 100,000 ports that, not the work, is most
 * of the cost per port.  Where the kernel gives huge pages only on request
 * (transparent_hugepage=madvise), the heap must ask: every time it has
 * grown, the new part is marked MADV_HUGEPAGE.  Growth is noticed by
 * xovn_heap_advise() (sbrk(0) is a variable read, not a system call),
 * which jansson's allocations call after each allocation and the big
 * builders of validate and compile call before they fill what they
 * allocated.  The heap grows in 256 MiB steps, so there are a handful of
 * madvise calls per model, and blocks up to 32 MiB come from the heap, not
 * from separate mappings that nobody would advise.  Nothing changes what
 * is allocated, only how it is backed; where madvise fails pages stay
 * small.  Untouched parts of a step are address space, not memory.
 */
#include <jansson.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/heap.h"

#define PAGE 4096UL

static uintptr_t advised_end;   /* 0: huge pages not asked for */

void xovn_heap_advise(void)
{
	uintptr_t end;

	if (!advised_end)
		return;
	end = (uintptr_t)sbrk(0) & ~(PAGE - 1);
	if (end <= advised_end) {
		advised_end = end;   /* trimmed: what grows back is new */
		return;
	}
	madvise((void *)advised_end, end - advised_end, MADV_HUGEPAGE);
	advised_end = end;
}

static void *heap_alloc(size_t n)
{
	void *p = malloc(n);

	xovn_heap_advise();
	return p;
}

void xovn_heap_use_huge_pages(void)
{
	mallopt(M_TOP_PAD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	/* glibc's largest: bigger blocks are mapped on their own. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	advised_end = ((uintptr_t)sbrk(0) + PAGE - 1) & ~(PAGE - 1);
	json_set_alloc_funcs(heap_alloc, free);
}
