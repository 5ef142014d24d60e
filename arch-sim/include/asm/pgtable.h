/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's vmalloc area and its page tables.  The reference table
 * (init_mm) says which pages are allocated; the live mapping of the CPU
 * starts empty, so the first touch of a page raises #PF and vmalloc_fault()
 * syncs the entry, as x86-64 did before v5.9.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

extern unsigned long VMALLOC_START, VMALLOC_END;

int arch_vmalloc_area_init(unsigned long size);
void arch_vmalloc_area_exit(void);
/* Reference page table (init_mm) */
void set_pte_ref(unsigned long addr, int present);
int pte_ref_present(unsigned long addr);
/* Copy the reference entry into the live mapping; 0 on success. */
int sync_kernel_mapping(unsigned long addr);
/* Drop the live mapping of a page. */
void clear_kernel_mapping(unsigned long addr);

#endif
