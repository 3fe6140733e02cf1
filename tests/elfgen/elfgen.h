/* elfgen.h - build small synthetic ELF files for tests
 *
 * A struct eg_spec describes an executable (class, byte order, type,
 * interpreter, DT_NEEDED, version requirements, Go build info, UPX marks,
 * and deliberate damage); eg_build() lays it out. The layout is simple:
 * one read/execute PT_LOAD maps the whole file at EG_TEXT_BASE, and one
 * read/write PT_LOAD maps the data area again at EG_DATA_BASE, so any
 * structure can be reached through its virtual address. */
#ifndef GS_ELFGEN_H
#define GS_ELFGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EG_TEXT_BASE 0x400000u
#define EG_DATA_BASE 0x10000000u

struct eg_vernaux {
	const char *name;        /* e.g. "GLIBC_2.34" */
	bool weak;
	bool bad_hash;           /* store a wrong vna_hash */
};

struct eg_verneed {
	const char *file;        /* soname, e.g. "libc.so.6" */
	struct eg_vernaux aux[4];
	int naux;
};

struct eg_sym {
	const char *name;
	int version;             /* index into all vernaux in order, from 0; -1: unversioned */
	bool defined;
};

enum eg_go {
	EG_GO_NONE,
	EG_GO_INLINE,            /* Go >= 1.18 header + uvarint strings */
	EG_GO_POINTER,           /* Go <= 1.17 header + string header pointers */
	EG_GO_POINTER_ZERO,      /* old header whose pointers are 0 */
};

struct eg_spec {
	int bits;                /* 32 or 64 */
	bool be;
	uint16_t type;           /* ET_EXEC, ET_DYN, ... */
	uint16_t machine;        /* 0: EM_X86_64 for 64-bit, EM_386 for 32 */
	uint64_t entry;          /* 0 means "inside the text segment" unless entry_zero */
	bool entry_zero;

	const char *interp;      /* PT_INTERP path, or NULL */
	int interp_copies;       /* extra PT_INTERP headers (duplicates) */
	bool interp_unterminated;
	bool dynamic;            /* add PT_DYNAMIC */
	int dynamic_copies;
	const char *needed[8];
	uint64_t flags_1;        /* DT_FLAGS_1 value, 0 = absent */
	uint64_t flags;          /* DT_FLAGS value, 0 = absent */
	const char *soname, *rpath, *runpath;
	bool textrel;
	bool dyn_view_mismatch;  /* p_offset points at a different copy */
	bool dyn_outside_load;   /* p_vaddr maps no PT_LOAD */
	bool no_dt_null;

	struct eg_verneed verneed[4];
	int nverneed;
	struct eg_sym syms[16];
	int nsyms;
	bool gnu_hash;           /* DT_GNU_HASH instead of DT_HASH */

	bool gnu_stack;          /* add PT_GNU_STACK */
	bool exec_stack;
	bool relro;

	bool sections;           /* add a section header table with names */
	bool symtab;             /* with a .symtab section (not stripped) */
	bool pn_xnum;            /* store e_phnum = PN_XNUM, real count in sh_info */

	enum eg_go go;
	const char *go_version;  /* default "go1.19.8" */
	const char *go_modinfo;  /* modinfo text without sentinels */
	bool go_be;              /* big-endian flag in the header */
	bool go_note;            /* add a Go build ID note */

	bool upx;                /* PackHeader at the end and l_info after phdrs */
	bool upx_trailer_only;   /* PackHeader only */
	bool upx_bad_sum;
	unsigned upx_format;     /* default 22 (linux/amd64) */
	bool upx_strings;

	const char *strings[4];  /* extra NUL-terminated strings in the data */
	int nstrings;
};

/* A built file; free buf with free(). */
struct eg_file {
	uint8_t *buf;
	size_t len;
};

/* Builds the file described by s. Never fails (dies on OOM). */
void eg_build(const struct eg_spec *s, struct eg_file *out);

/* A named spec for the mkelf tool and the seed corpus; NULL when unknown. */
const struct eg_spec *eg_named(const char *name);
/* The name of named spec i, or NULL past the last one. */
const char *eg_spec_name(size_t i);

#endif
