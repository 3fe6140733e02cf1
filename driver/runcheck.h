/* runcheck.h - run a program in an empty root to prove it needs no files
 *
 * The program is started from a file descriptor opened beforehand, inside
 * an empty directory made the root: a new user namespace (unprivileged)
 * with chroot, or a plain chroot when running as root and user namespaces
 * are refused. The kernel resolves PT_INTERP inside that root, so a program
 * that needs a loader fails to start with ENOENT before any of its code
 * runs; a broken static program crashes. This is a check, not a sandbox:
 * the program runs with the caller's rights over anything it can still
 * reach (no network namespace is guaranteed). When a new network namespace
 * can be had, the program gets one with only its loopback interface up: it
 * can talk to itself over 127.0.0.1, and reach nothing else.
 *
 * A program for another architecture runs under a qemu user-mode emulator
 * (run_opts.emulator, a static qemu-ARCH-static): the emulator is started
 * from its own descriptor and the program, copied from its descriptor, is
 * the root's only file (/program). */
#ifndef GS_RUNCHECK_H
#define GS_RUNCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"
#include "verify.h"

enum run_method {
	RUN_AUTO,     /* user namespace, else chroot when root */
	RUN_USERNS,   /* user namespace + chroot only */
	RUN_CHROOT,   /* plain chroot only (needs root or CAP_SYS_CHROOT) */
};

struct run_opts {
	enum run_method method;
	const char *argv0;           /* argv[0] for the program */
	const char *const *args;     /* further arguments, NULL-terminated; may be NULL */
	double timeout;              /* seconds before SIGKILL */
	size_t head_max;             /* bytes of stdout/stderr kept */
	const char *emulator;        /* path of a static qemu-user binary, or NULL */
};


/* Runs the executable open at fd in an empty root as described above and
 * fills *res. Returns 0 when the check ran (whatever the program did) or was
 * skipped with a reason in res->skipped; -errno on a local failure (pipe,
 * fork, temporary directory), after printing an error. Free res with
 * run_result_release() (verify.h). */
int runcheck(int fd, const struct run_opts *o, struct run_result *res);

/* The qemu user-mode emulator for ELF machine e_machine (with its class
 * and byte order), found on PATH: the static build, "qemu-aarch64-static"
 * (the program runs in an empty root). Returns an owned path, or NULL with an owned reason in
 * *why that names the Debian package. */
char *runcheck_emulator(uint16_t machine, unsigned bits, bool big_endian, char **why);

struct report;

/* The run check of a verify report (verify.h): the file open at fd (verify_buffer() already ran on
 * it): skipped for what is not an executable; a file for another
 * architecture runs under its qemu user-mode emulator when one is
 * installed (else skipped, naming the package), with 5 times ro's timeout
 * (ro itself is not changed; its emulator is chosen here).
 * Returns 0, or -1 when the check could not be set up (printed; the
 * report says the check was skipped). */
int runcheck_verify(struct report *r, int fd, const struct run_opts *ro);

/* True when this process may create a user namespace (what the
 * userns-chroot method needs): tried in a child that exits at once. */
bool runcheck_userns_works(void);

/* Parses "auto", "userns" or "chroot"; returns -1 for anything else. */
int run_method_parse(const char *s);

#endif
