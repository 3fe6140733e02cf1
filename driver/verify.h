/* verify.h - decide whether an executable is static, and say why not
 *
 * verify_buffer() is a pure function over the bytes of a file: ELF header
 * and program headers, the dynamic segment, UPX marks, symbol versions,
 * the C library inside, Go build information. It fills a struct report
 * with a verdict and findings. The I/O steps that may follow (unpacking a
 * UPX file, running the program in an empty root) feed their results back
 * with verify_set_inner() and verify_apply_run(); verify_judge() then
 * decides whether the file passes and which hints to give. */
#ifndef GS_VERIFY_H
#define GS_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "goinfo.h"
#include "libcscan.h"
#include "symver.h"
#include "upx.h"
#include "util.h"

/* What running a program in an empty root showed (filled by runcheck()
 * on the I/O side; the engine only reads it). */
struct run_result {
	bool performed;              /* the program was handed to execveat */
	const char *method;          /* "userns-chroot" or "chroot" (static) */
	char *emulator;              /* owned: the emulator's name, when one ran it */
	char *skipped;               /* owned reason when not performed */
	int exec_errno;              /* execveat failed with this; 0 if it ran */
	bool exited;
	int exit_status;             /* valid when exited */
	int signal;                  /* killing signal, or 0 */
	bool timed_out;              /* killed after opts.timeout */
	struct strbuf out_head;      /* first head_max bytes of stdout */
	struct strbuf err_head;      /* first head_max bytes of stderr */
	double seconds;
};
#define RUN_RESULT_INIT { .exit_status = -1, .out_head = STRBUF_INIT, .err_head = STRBUF_INIT }

/* Frees what a run result owns and resets it. */
void run_result_release(struct run_result *res);

#define VERDICTS(X)                                                   \
	X(STATIC, "static")                                           \
	X(STATIC_PIE, "static-pie")                                   \
	X(STATIC_WITH_RUNTIME_LOADING, "static-with-runtime-loading") \
	X(DYNAMIC, "dynamic")                                         \
	X(DYNAMIC_LOADER_ONLY, "dynamic-loader-only")                 \
	X(PACKED, "packed")                                           \
	X(BROKEN, "broken")                                           \
	X(MALFORMED, "malformed")                                     \
	X(NOT_ELF, "not-elf")                                         \
	X(NOT_EXECUTABLE, "not-executable")

enum verdict {
#define X(v, s) V_##v,
	VERDICTS(X)
#undef X
};

/* The verdict's stable name ("static-pie"). */
const char *verdict_name(enum verdict v);
/* True for static and static-pie: no loader and no shared library needed. */
bool verdict_is_static(enum verdict v);

enum relro { RELRO_NONE, RELRO_PARTIAL, RELRO_FULL };

struct linkage {
	bool has_interp;
	char *interp;            /* owned path, or NULL when absent/invalid */
	bool has_dynamic;
	struct strvec needed;    /* DT_NEEDED names ("<corrupt>" if unreadable) */
	bool pie;                /* ET_DYN executable */
	bool df_1_pie;
	char *rpath, *runpath, *soname;  /* owned or NULL */
	bool textrel;
	bool bind_now;
	enum relro relro;
	bool has_gnu_stack;
	bool exec_stack;
};

enum inner_status { INNER_UNKNOWN, INNER_STATIC, INNER_DYNAMIC };

struct report {
	char *file;              /* owned: the name given by the user */
	uint64_t size;
	char sha256[65];         /* hex, or "" when not computed */

	/* ELF header facts, valid when is_elf */
	bool is_elf;
	unsigned bits;
	bool be;
	uint16_t type;
	uint16_t machine;
	uint8_t osabi;
	uint64_t entry;
	size_t phnum, shnum;
	bool stripped;           /* section headers present, no .symtab */

	enum verdict verdict;
	char *what;              /* owned: one-line description of a non-ELF or
				  * non-executable file ("shell script ..."), or NULL */
	struct linkage link;
	struct version_reqs reqs;
	const char *glibc_floor; /* borrowed from reqs (or static), or NULL */
	bool glibc_private;

	bool packed;
	struct upx_info upx;
	enum inner_status inner_status;
	struct report *inner;    /* owned report on the unpacked image, or NULL */

	struct libc_info libc;
	struct go_info go;
	struct findings findings;

	bool run_requested;
	struct run_result run;
	const char *run_outcome; /* "ok", "interp-missing", ..., or NULL */

	struct strvec hints;
	bool pass;               /* counts as success for the exit code */
};

/* Sets up an empty report for a file called name. */
void report_init(struct report *r, const char *name);
/* Frees everything the report owns (including an inner report). */
void report_release(struct report *r);

/* Analyses the bytes of a file (buf may be NULL when len is 0). Pure: no
 * I/O, no output. Fills verdict, facts and findings of r. */
void verify_buffer(const uint8_t *buf, size_t len, struct report *r);

/* Attaches the report on a packed file's unpacked image (taking ownership)
 * and records what it says about the packed program. */
void verify_set_inner(struct report *r, struct report *inner);
/* Records that unpacking was requested but failed, and why. */
void verify_set_unpack_failed(struct report *r, const char *why);

/* Takes the result of a run in an empty root (ownership moves to r) and
 * adjusts the verdict: a loader failure or a crash turns a static verdict
 * into broken; nothing ever upgrades a dynamic verdict. */
void verify_apply_run(struct report *r, struct run_result *res);
/* Records that the run check was requested but not performed. */
void verify_skip_run(struct report *r, const char *why);
struct verify_opts {
	bool strict;             /* warnings fail the file */
	const char *expect_arch; /* GOARCH or ELF machine name, or NULL */
};

/* Decides r->pass and fills r->hints. Call once, after all facts are in.
 * With expect_arch set, a different machine adds a MACHINE_MISMATCH
 * finding. Returns r->pass. */
bool verify_judge(struct report *r, const struct verify_opts *o);

#endif
