// SPDX-License-Identifier: GPL-2.0-only
/* Handler code that breaks the signal-context rule, for check-nmisafe. */
#include <stdio.h>
#include <stdlib.h>
#include <asm/compiler.h>

static __attribute__((noinline)) void not_marked(void)
{
	puts("stdio from NMI context");
}

__nmisafe void *planted_handler(unsigned long n)
{
	not_marked();
	return malloc(n);
}
