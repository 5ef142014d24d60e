// SPDX-License-Identifier: GPL-2.0-only
/*
 * text_poke for the simulated kernel: the text mapping stays read-only;
 * the bytes go in through a writable alias of the page (the host's
 * /proc/self/mem), as arch/x86/kernel/alternative.c does with its
 * temporary mm.
 */
#include <asm/text-patching.h>
#include <os.h>

int text_poke_init(void)
{
	return os_text_poke_init();
}

__nmisafe long text_poke_kgdb(void *addr, const void *opcode, size_t len)
{
	return os_text_poke(addr, opcode, len);
}
