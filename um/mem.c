// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host memory.  The no-fault copies go through process_vm_readv/writev on
 * our own pid: the kernel does the access and answers EFAULT for a bad
 * address instead of raising SIGSEGV, which is what a debugger stub or an
 * Oops printer needs from any context.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <os.h>

void *os_map_none(unsigned long size)
{
	void *p = mmap(NULL, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void os_unmap(void *addr, unsigned long size)
{
	munmap(addr, size);
}

__nmisafe int os_protect_rw(unsigned long addr, unsigned long size)
{
	return mprotect((void *)addr, size, PROT_READ | PROT_WRITE) ? -errno :
								      0;
}

__nmisafe int os_protect_none(unsigned long addr, unsigned long size)
{
	return mprotect((void *)addr, size, PROT_NONE) ? -errno : 0;
}

__nmisafe long os_read_nofault(void *dst, const void *src, size_t size)
{
	struct iovec local = { dst, size };
	struct iovec remote = { (void *)src, size };
	ssize_t n = process_vm_readv(os_getpid(), &local, 1, &remote, 1, 0);

	return n == (ssize_t)size ? 0 : -EFAULT;
}

__nmisafe long os_write_nofault(void *dst, const void *src, size_t size)
{
	struct iovec local = { (void *)src, size };
	struct iovec remote = { dst, size };
	ssize_t n = process_vm_writev(os_getpid(), &local, 1, &remote, 1, 0);

	return n == (ssize_t)size ? 0 : -EFAULT;
}

/*
 * Writes into text, which stays read-only: /proc/self/mem writes through
 * the page protection (a private copy of the page), the way text_poke()
 * maps a writable alias instead of making the text writable.
 */
static int self_mem_fd = -1;

int os_text_poke_init(void)
{
	if (self_mem_fd < 0)
		self_mem_fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	return self_mem_fd < 0 ? -errno : 0;
}

__nmisafe long os_text_poke(void *addr, const void *src, size_t len)
{
	long n;

	if (self_mem_fd < 0)
		return -ENODEV;
	n = syscall(SYS_pwrite64, self_mem_fd, src, len, (long)addr);
	return n == (long)len ? 0 : (n < 0 ? -errno : -EFAULT);
}
