/* proc.h - run a command and collect what it prints */
#ifndef GS_PROC_H
#define GS_PROC_H

#include <stddef.h>

#include "util.h"

struct proc {
	struct strvec args;      /* argv; args.v[0] is looked up in PATH */
	const char *dir;         /* working directory, or NULL */
	double timeout;          /* seconds before SIGKILL; 0 = none */
	size_t keep;             /* keep at most this much output; 0 = all */
	struct strbuf out;       /* stdout and stderr, interleaved */
};
#define PROC_INIT { STRVEC_INIT, NULL, 0, 0, STRBUF_INIT }

/* Runs p->args with stdin from /dev/null and stdout+stderr captured into
 * p->out. With -v the argv is printed first. Returns -errno when the
 * command cannot be started (-ENOENT: not found in PATH), else its exit
 * status, or 128+N when killed by signal N (SIGKILL after the timeout). */
int proc_run(struct proc *p);
/* Frees the argv and output and resets p to PROC_INIT. */
void proc_release(struct proc *p);
/* "'upx' exited with status 2" or "'upx' killed by signal 9" for a
 * proc_run() result >= 0; the caller frees the string. */
char *proc_status_str(const char *name, int rc);

#endif
