/* arch.h - the architectures gostatic knows: Go's names, ELF's facts
 *
 * One table: each architecture's names (GOARCH "arm64", ELF's "aarch64"),
 * its e_machine, class and byte order. The verify engine, the sysroot
 * definitions and the recipes ([target GOARCH]) all ask it. Pure. */
#ifndef GS_ARCH_H
#define GS_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/* True when spec (GOARCH like "arm64", an ELF name like "aarch64" or
 * "x86_64", optionally after "linux/") names an architecture gostatic
 * knows. */
bool arch_known(const char *spec);

/* The ELF facts of the architecture spec names: e_machine, class and
 * byte order (big_endian). Returns false when spec is unknown. */
bool arch_elf(const char *spec, uint16_t *machine, unsigned *bits, bool *big_endian);

/* True when spec names this machine, class and byte order. */
bool arch_matches(const char *spec, uint16_t machine, unsigned bits, bool big_endian);

/* The e_machine and class of the host gostatic runs on. */
uint16_t arch_host_machine(unsigned *bits);

#endif
