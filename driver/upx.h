/* upx.h - recognise UPX-packed ELF files from their own bytes
 *
 * A UPX-packed dynamic program has no PT_INTERP and no PT_DYNAMIC: the
 * stub maps the interpreter itself. `file` and `ldd` call it static; it is
 * not. This module finds UPX's trailer (PackHeader), the loader info right
 * after the program headers (l_info/p_info), UPX's strings and the stub's
 * segment shape. */
#ifndef GS_UPX_H
#define GS_UPX_H

#include <stdbool.h>
#include <stdint.h>

#include "elffile.h"

struct upx_info {
	bool packheader;         /* trailer found and its checksum is right */
	bool packheader_badsum;  /* trailer found, checksum wrong */
	bool linfo;              /* l_info "UPX!" right after the phdrs */
	bool string;             /* UPX's $Info/$Id strings */
	bool structure;          /* the stub's segment layout */
	unsigned version;        /* PackHeader (or l_info) format version */
	unsigned format;         /* UPX_F_* code, e.g. 22 = linux/amd64 */
	unsigned method;         /* compression method */
	unsigned level;          /* compression level */
	uint64_t original_size;  /* size of the file before packing, 0 if unknown */
	uint64_t packheader_offset;
	char release[16];        /* UPX release from its $Id string ("4.22"), or "" */
};

/* Looks for UPX evidence in e. Never fails; returns true when the file is
 * packed (trailer or l_info found). Only `structure` may be set for a file
 * whose UPX marks were scrubbed; that alone is not proof. */
bool upx_detect(const struct elf_file *e, struct upx_info *u);

/* UPX's name of a format code ("linux/amd64"), or NULL when unknown. */
const char *upx_format_name(unsigned format);

#endif
