/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* heap.h - huge pages for the heap that holds the model (see heap.c). */
#ifndef XOVN_HEAP_H
#define XOVN_HEAP_H

/* Call first in main(), before any model is read. */
void xovn_heap_use_huge_pages(void);

#endif /* XOVN_HEAP_H */
