/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <stddef.h>

int vmalloc_init(void);
void vmalloc_exit(void);
/* Pages are allocated in the reference table only: first touch faults. */
void *vmalloc(size_t size);
void vfree(const void *addr);
int vmalloc_fault(unsigned long address);
unsigned long vmalloc_faults(void);
/* Pages mapped now, for leak checks. */
long vmalloc_pages_live(void);

#endif
