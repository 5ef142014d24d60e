// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vmalloc area: host memory reserved PROT_NONE.  The reference page
 * table is a bitmap; the live mapping is the host protection of the page.
 */
#include <errno.h>
#include <stdlib.h>
#include <asm/pgtable.h>
#include <os.h>

unsigned long VMALLOC_START, VMALLOC_END;
static unsigned char *ref_ptes;

int arch_vmalloc_area_init(unsigned long size)
{
	void *p = os_map_none(size);

	if (!p)
		return -ENOMEM;
	ref_ptes = calloc(size >> PAGE_SHIFT, 1);
	if (!ref_ptes) {
		os_unmap(p, size);
		return -ENOMEM;
	}
	VMALLOC_START = (unsigned long)p;
	VMALLOC_END = VMALLOC_START + size;
	return 0;
}

void arch_vmalloc_area_exit(void)
{
	if (VMALLOC_START)
		os_unmap((void *)VMALLOC_START, VMALLOC_END - VMALLOC_START);
	free(ref_ptes);
	ref_ptes = NULL;
	VMALLOC_START = VMALLOC_END = 0;
}

static __always_inline unsigned long pfn_of(unsigned long addr)
{
	return (addr - VMALLOC_START) >> PAGE_SHIFT;
}

void set_pte_ref(unsigned long addr, int present)
{
	__atomic_store_n(&ref_ptes[pfn_of(addr)], present, __ATOMIC_RELEASE);
}

__nmisafe int pte_ref_present(unsigned long addr)
{
	if (addr < VMALLOC_START || addr >= VMALLOC_END)
		return 0;
	return __atomic_load_n(&ref_ptes[pfn_of(addr)], __ATOMIC_ACQUIRE);
}

__nmisafe int sync_kernel_mapping(unsigned long addr)
{
	return os_protect_rw(addr & PAGE_MASK, PAGE_SIZE);
}

void clear_kernel_mapping(unsigned long addr)
{
	os_protect_none(addr & PAGE_MASK, PAGE_SIZE);
}
