// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small vmalloc: a bump allocator over the vmalloc area with a guard
 * page after each allocation.  Allocating only sets the reference page
 * table; the first touch of each page faults (see vmalloc_fault()).
 * Addresses are not reused within a run.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <linux/kernel.h>
#include <linux/vmalloc.h>

#define VMALLOC_SIZE (64UL << 20)

DECLARE_PER_CPU(unsigned long, vmalloc_fault_count);
static unsigned long vmalloc_next;
static long vmalloc_live; /* pages mapped now: for leak checks */

int vmalloc_init(void)
{
	int err = arch_vmalloc_area_init(VMALLOC_SIZE);

	if (err)
		return err;
	vmalloc_next = VMALLOC_START;
	return 0;
}

void vmalloc_exit(void)
{
	arch_vmalloc_area_exit();
	vmalloc_next = 0;
}

void *vmalloc(size_t size)
{
	unsigned long pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, addr, i;

	if (!size || pages > (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT)
		return NULL;
	/* a bump: a request that does not fit wastes only the rest */
	addr = __atomic_fetch_add(&vmalloc_next, (pages + 1) * PAGE_SIZE,
				  __ATOMIC_RELAXED);
	if (addr + (pages + 1) * PAGE_SIZE > VMALLOC_END)
		return NULL;
	for (i = 0; i < pages; i++)
		set_pte_ref(addr + i * PAGE_SIZE, 1);
	__atomic_add_fetch(&vmalloc_live, (long)pages, __ATOMIC_RELAXED);
	return (void *)addr;
}

void vfree(const void *p)
{
	unsigned long addr = (unsigned long)p;

	if (!addr)
		return;
	for (; addr < VMALLOC_END && pte_ref_present(addr); addr += PAGE_SIZE) {
		set_pte_ref(addr, 0);
		clear_kernel_mapping(addr);
		__atomic_sub_fetch(&vmalloc_live, 1, __ATOMIC_RELAXED);
	}
}

long vmalloc_pages_live(void)
{
	return __atomic_load_n(&vmalloc_live, __ATOMIC_RELAXED);
}

unsigned long vmalloc_faults(void)
{
	unsigned long n = 0;
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += per_cpu(vmalloc_fault_count, cpu);
	return n;
}
