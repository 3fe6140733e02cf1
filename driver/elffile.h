/* elffile.h - a bounded reader of ELF files held in memory
 *
 * Every offset, size and count read from the file is checked against the
 * buffer before use; nothing is allocated by a count taken from the file
 * unless the data it counts lies inside the buffer. Both classes (ELF32,
 * ELF64) and both byte orders are supported. Fields are decoded byte by
 * byte, so unaligned files are fine. The reader never prints: problems are
 * reported as findings. */
#ifndef GS_ELFFILE_H
#define GS_ELFFILE_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding.h"

#ifndef DF_1_PIE
#define DF_1_PIE 0x08000000
#endif
#ifndef PT_GNU_PROPERTY
#define PT_GNU_PROPERTY 0x6474e553
#endif
#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

/* Longest PT_INTERP the kernel accepts (PATH_MAX). */
#define ELF_INTERP_MAX 4096

struct elf_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

struct elf_shdr {
	uint32_t name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
};

struct elf_file {
	const uint8_t *buf;    /* borrowed: the whole file */
	size_t len;
	unsigned bits;         /* 32 or 64 */
	bool be;               /* big-endian */
	uint8_t osabi;
	uint16_t type;         /* e_type */
	uint16_t machine;      /* e_machine */
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint16_t phentsize;
	uint16_t shentsize;
	size_t phnum;          /* program headers, PN_XNUM resolved */
	size_t shnum;          /* usable section headers; 0 if none or unusable */
	size_t shnum_declared; /* what the header claims (e_shnum or shdr[0]) */
	size_t shstrndx;       /* SIZE_MAX when section names are unavailable */
};

enum elf_status {
	ELF_OK,
	ELF_NOT_ELF,      /* no \177ELF magic */
	ELF_MALFORMED,    /* a MALFORMED finding says why */
};

/* Decodes the ELF header of buf and checks that the program header table
 * lies inside it. Unusable section headers are dropped (shnum = 0) with a
 * SECTION_HEADERS_IGNORED finding. buf is borrowed and must outlive e.
 * Returns ELF_OK, ELF_NOT_ELF or ELF_MALFORMED. */
enum elf_status elf_open(struct elf_file *e, const uint8_t *buf, size_t len,
			 struct findings *fs);

/* Field readers for bytes already known to be inside the buffer, in the
 * file's byte order. elf_get_addr reads 4 or 8 bytes by class. */
uint16_t elf_get16(const struct elf_file *e, const uint8_t *p);
uint32_t elf_get32(const struct elf_file *e, const uint8_t *p);
uint64_t elf_get64(const struct elf_file *e, const uint8_t *p);
uint64_t elf_get_addr(const struct elf_file *e, const uint8_t *p);

/* True when [off, off+n) lies inside a buffer of len bytes (no overflow). */
static inline bool range_ok(uint64_t len, uint64_t off, uint64_t n)
{
	return off <= len && n <= len - off;
}

/* Decodes program header i (i < e->phnum) into *ph; false if out of range. */
bool elf_phdr(const struct elf_file *e, size_t i, struct elf_phdr *ph);
/* Decodes section header i (i < e->shnum) into *sh; false if out of range. */
bool elf_shdr(const struct elf_file *e, size_t i, struct elf_shdr *sh);
/* The name of a section from the section header string table, or NULL
 * when names are unavailable or the name is not terminated in the table.
 * The pointer borrows from the buffer. */
const char *elf_section_name(const struct elf_file *e, const struct elf_shdr *sh);
/* Finds the first section called name; false when there is none. */
bool elf_find_section(const struct elf_file *e, const char *name, struct elf_shdr *out);
/* Finds the first section of the given type; false when there is none. */
bool elf_find_section_type(const struct elf_file *e, uint32_t type, struct elf_shdr *out);
/* The file bytes of a section; false for SHT_NOBITS or out of range. */
bool elf_section_bytes(const struct elf_file *e, const struct elf_shdr *sh,
		       const uint8_t **p, size_t *n);

/* Translates a virtual address into a file offset through the PT_LOAD
 * segment that holds file bytes for it. *avail is the number of file bytes
 * from there to the end of that segment's file image (clipped to the
 * buffer). Returns false when no PT_LOAD has file bytes at va. */
bool elf_vaddr_to_off(const struct elf_file *e, uint64_t va, uint64_t *off, uint64_t *avail);

/* Facts taken from the program header table. */
struct elf_segments {
	size_t nload;
	size_t nnote;
	long interp;             /* index of the first PT_INTERP, or -1 */
	long dynamic;            /* index of the first PT_DYNAMIC, or -1 */
	size_t ninterp;
	size_t ndynamic;
	bool has_gnu_stack;
	bool exec_stack;         /* PT_GNU_STACK with PF_X */
	bool has_relro;
	bool has_tls;
	/* The PT_INTERP path as the kernel reads it; NULL when absent or
	 * invalid. interp_error says what is wrong with an invalid one. */
	const char *interp_path; /* borrowed, NUL-terminated in the buffer */
	const char *interp_error;/* static string, or NULL */
};

/* Walks the program headers. Never fails: problems go into *s. */
void elf_scan_segments(const struct elf_file *e, struct elf_segments *s);

/* The dynamic segment, read through its virtual address as the dynamic
 * loader does (through p_offset when the address maps no file bytes). */
struct elf_dynamic {
	bool present;
	size_t count;            /* entries before DT_NULL (or the end) */
	bool terminated;         /* a DT_NULL was seen */
	bool view_mismatch;      /* p_offset and p_vaddr views differ */
	bool outside_load;       /* p_vaddr maps no PT_LOAD file bytes */
	uint64_t *needed;        /* owned: dynstr offsets of DT_NEEDED */
	size_t nneeded;
	bool has_rpath, has_runpath, has_soname;
	uint64_t rpath, runpath, soname;
	bool has_flags, has_flags_1;
	uint64_t flags, flags_1;
	bool textrel;            /* DT_TEXTREL or DF_TEXTREL */
	bool bind_now;           /* DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW */
	bool has_debug;
	uint64_t strtab, strsz, symtab, syment, hash, gnu_hash, versym;
	uint64_t verneed, verneednum, verdef, verdefnum;
	bool has_strtab, has_strsz, has_symtab, has_syment, has_hash, has_gnu_hash;
	bool has_versym, has_verneed;
	const char *str;         /* borrowed: file bytes of DT_STRTAB, or NULL */
	size_t strn;
};

/* Reads the dynamic segment described by program header dyn into *d,
 * adding findings for a view mismatch or a segment outside every PT_LOAD.
 * Free with elf_dynamic_release(). */
void elf_read_dynamic(const struct elf_file *e, const struct elf_phdr *dyn,
		      struct elf_dynamic *d, struct findings *fs);
void elf_dynamic_release(struct elf_dynamic *d);
/* The NUL-terminated string at off in the dynamic string table, or NULL
 * when there is no table or the string is not terminated inside it.
 * Borrows from the buffer. */
const char *elf_dynstr(const struct elf_dynamic *d, uint64_t off);

/* One note from a PT_NOTE segment (or SHT_NOTE section). */
struct elf_note {
	const char *name;        /* borrowed, not necessarily terminated */
	size_t namesz;           /* including the terminating NUL, as stored */
	uint32_t type;
	const uint8_t *desc;     /* borrowed */
	size_t descsz;
};

/* Calls fn for each well-formed note in the PT_NOTE segments, or in the
 * SHT_NOTE sections when there are no PT_NOTE segments. Stops early and
 * returns fn's value when it is nonzero; returns 0 otherwise. */
int elf_foreach_note(const struct elf_file *e,
		     int (*fn)(const struct elf_note *n, void *ctx), void *ctx);

/* True when the note's name is exactly `name` (NUL included or not). */
bool elf_note_is(const struct elf_note *n, const char *name, uint32_t type);

/* Machine names: "x86-64", "AArch64", ... and Go's GOARCH ("amd64"), or
 * NULL when unknown. */
const char *elf_machine_name(uint16_t machine);
const char *elf_machine_goarch(uint16_t machine, unsigned bits, bool be);
/* e_type as a word: "EXEC", "DYN", "REL", "CORE", "NONE" or "OTHER". */
const char *elf_type_name(uint16_t type);

/* The SysV ELF hash of a symbol or version name. */
uint32_t elf_hash(const char *name);

#endif
