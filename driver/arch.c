/* arch.c - the architectures gostatic knows: Go's names, ELF's facts */
#include "arch.h"

#include <elf.h>
#include <string.h>

#include "util.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

static const struct arch {
	const char *names[4];
	uint16_t machine;
	unsigned bits;
	int endian;              /* 0 any, 1 little, 2 big */
} arches[] = {
	{ { "amd64", "x86_64", "x86-64" }, EM_X86_64, 64, 1 },
	{ { "386", "i386", "i686", "x86" }, EM_386, 32, 1 },
	{ { "arm64", "aarch64" }, EM_AARCH64, 64, 1 },
	{ { "arm", "armhf", "armel" }, EM_ARM, 32, 1 },
	{ { "riscv64" }, EM_RISCV, 64, 1 },
	{ { "ppc64le", "powerpc64le" }, EM_PPC64, 64, 1 },
	{ { "ppc64", "powerpc64" }, EM_PPC64, 64, 2 },
	{ { "s390x" }, EM_S390, 64, 2 },
	{ { "mips" }, EM_MIPS, 32, 2 },
	{ { "mipsle", "mipsel" }, EM_MIPS, 32, 1 },
	{ { "mips64" }, EM_MIPS, 64, 2 },
	{ { "mips64le", "mips64el" }, EM_MIPS, 64, 1 },
	{ { "loong64", "loongarch64" }, EM_LOONGARCH, 64, 1 },
};

static const struct arch *arch_lookup(const char *spec)
{
	if (starts_with(spec, "linux/"))
		spec += strlen("linux/");
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
		for (size_t j = 0; j < ARRAY_SIZE(arches[i].names) && arches[i].names[j]; j++)
			if (!strcmp(arches[i].names[j], spec))
				return &arches[i];
	return NULL;
}

bool arch_known(const char *spec)
{
	return arch_lookup(spec) != NULL;
}

bool arch_elf(const char *spec, uint16_t *machine, unsigned *bits, bool *big_endian)
{
	const struct arch *a = arch_lookup(spec);

	if (!a)
		return false;
	*machine = a->machine;
	*bits = a->bits;
	*big_endian = a->endian == 2;
	return true;
}

bool arch_matches(const char *spec, uint16_t machine, unsigned bits, bool big_endian)
{
	const struct arch *a = arch_lookup(spec);

	return a && machine == a->machine && bits == a->bits && (a->endian == 0 || (a->endian == 2) == big_endian);
}

uint16_t arch_host_machine(unsigned *bits)
{
	*bits = sizeof(void *) * 8;
#if defined(__x86_64__)
	return EM_X86_64;
#elif defined(__aarch64__)
	return EM_AARCH64;
#elif defined(__i386__)
	return EM_386;
#elif defined(__arm__)
	return EM_ARM;
#elif defined(__riscv)
	return EM_RISCV;
#elif defined(__powerpc64__)
	return EM_PPC64;
#elif defined(__s390x__)
	return EM_S390;
#elif defined(__mips__)
	return EM_MIPS;
#elif defined(__loongarch__)
	return EM_LOONGARCH;
#else
	return EM_NONE;
#endif
}

