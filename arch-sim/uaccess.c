// SPDX-License-Identifier: GPL-2.0-only
#include <asm/uaccess.h>
#include <os.h>

__nmisafe long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	return os_read_nofault(dst, src, size);
}

__nmisafe long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	return os_write_nofault(dst, src, size);
}
