// SPDX-License-Identifier: GPL-2.0-only
/*
 * The running image's function symbols, read from /proc/self/exe with
 * libelf at boot, for kallsyms.  Addresses come back at run time (the
 * load bias of a PIE added).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <os.h>

static int main_bias_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	*(unsigned long *)data = info->dlpi_addr;
	return 1; /* the first object is the executable */
}

static Elf_Scn *find_symtab(Elf *elf, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL, *dyn = NULL;
	GElf_Shdr dshdr;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, shdr))
			continue;
		if (shdr->sh_type == SHT_SYMTAB)
			return scn;
		if (shdr->sh_type == SHT_DYNSYM) {
			dyn = scn;
			dshdr = *shdr;
		}
	}
	if (dyn)
		*shdr = dshdr;
	return dyn;
}

static int collect(Elf *elf, Elf_Scn *scn, GElf_Shdr *shdr,
		   struct os_symbol **out, unsigned long *nr, char **strtab)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	unsigned long count, i, n = 0, slen = 0, spos = 0;
	struct os_symbol *syms;
	char *str;
	GElf_Sym sym;

	if (!data || !shdr->sh_entsize)
		return -EINVAL;
	count = shdr->sh_size / shdr->sh_entsize;
	for (i = 0; i < count; i++) {
		if (gelf_getsym(data, i, &sym) &&
		    GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_value)
			slen += strlen(elf_strptr(elf, shdr->sh_link,
						  sym.st_name)) +
				1;
	}
	syms = calloc(count ? count : 1, sizeof(*syms));
	str = malloc(slen + 1);
	if (!syms || !str) {
		free(syms);
		free(str);
		return -ENOMEM;
	}
	for (i = 0; i < count; i++) {
		const char *name;

		if (!gelf_getsym(data, i, &sym) ||
		    GELF_ST_TYPE(sym.st_info) != STT_FUNC || !sym.st_value)
			continue;
		name = elf_strptr(elf, shdr->sh_link, sym.st_name);
		syms[n].addr = sym.st_value;
		syms[n].size = sym.st_size;
		syms[n].name = spos;
		strcpy(str + spos, name);
		spos += strlen(name) + 1;
		n++;
	}
	*out = syms;
	*nr = n;
	*strtab = str;
	return 0;
}

int os_read_image_symbols(struct os_symbol **syms, unsigned long *nr,
			  char **strtab, unsigned long *load_bias)
{
	GElf_Shdr shdr;
	Elf_Scn *scn;
	Elf *elf;
	int fd, err;

	*load_bias = 0;
	dl_iterate_phdr(main_bias_cb, load_bias);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		close(fd);
		return -EINVAL;
	}
	scn = find_symtab(elf, &shdr);
	err = scn ? collect(elf, scn, &shdr, syms, nr, strtab) : -ENOENT;
	elf_end(elf);
	close(fd);
	return err;
}
