/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* heap.h - huge pages for the heap that holds the model (see heap.c). */
#ifndef XOVN_HEAP_H
#define XOVN_HEAP_H

/* Call first in main(), before any model is read. */
void xovn_heap_use_huge_pages(void);
/*
 * Marks what the heap grew by since the last call for huge pages; a
 * variable read when it did not grow, nothing before the call above.
 * Call after allocating something big and before filling it.
 */
void xovn_heap_advise(void);

#endif /* XOVN_HEAP_H */
