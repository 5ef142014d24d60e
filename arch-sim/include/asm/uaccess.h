/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <stddef.h>
#include <asm/compiler.h>

/* Read or write memory without faulting: 0, or -EFAULT. NMI-safe. */
__nmisafe long copy_from_kernel_nofault(void *dst, const void *src,
					size_t size);
__nmisafe long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#endif
