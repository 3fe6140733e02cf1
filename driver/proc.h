/* proc.h - run a command and collect what it prints */
#ifndef GS_PROC_H
#define GS_PROC_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct proc {
	struct strvec args;      /* argv; args.v[0] is looked up in PATH */
	struct strvec env;       /* "NAME=VALUE" sets, "NAME" unsets, on top of ours;
				    the last change of a name wins */
	const char *dir;         /* working directory, or NULL */
	double timeout;          /* seconds before SIGKILL; 0 = none */
	bool inherit;            /* the child writes to our stdout/stderr */
	bool split;              /* stdout into out, stderr into err (else both in out) */
	int log_fd;              /* >= 0: every byte of output is also written here */
	size_t keep;             /* keep at most this much of each stream; 0 = all */
	bool keep_tail;          /* keep the last `keep` bytes rather than the first */
	struct strbuf out;
	struct strbuf err;
	/* set by proc_start(), used by proc_finish() */
	int pid;
	int fds[2];
};
#define PROC_INIT { .args = STRVEC_INIT, .env = STRVEC_INIT, .log_fd = -1, .out = STRBUF_INIT, .err = STRBUF_INIT, \
		    .pid = -1, .fds = { -1, -1 } }

/* Runs p->args with stdin from /dev/null. Unless p->inherit, stdout and
 * stderr are captured as the fields say. With -v the environment changes
 * and the argv are printed first. Returns -errno when the command cannot be
 * started (-ENOENT: not found in PATH), else its exit status, or 128+N
 * when killed by signal N (SIGKILL after the timeout). */
int proc_run(struct proc *p);
/* proc_run() in two halves, so that something else can happen while the
 * command runs: proc_start() returns 0 or -errno; proc_finish() collects
 * the output, waits and returns what proc_run() would. */
int proc_start(struct proc *p);
int proc_finish(struct proc *p);
/* One output pipe to drain: everything read goes to log_fd (when >= 0) and
 * at most keep bytes of it (0: all; the last ones when tail) to sb. */
struct proc_pipe {
	int fd;
	struct strbuf *sb;
	size_t keep;
	bool tail;
	int log_fd;
};

/* Reads the pipes (an fd of -1 is skipped) until all of them close, or
 * until the deadline (now_seconds() value; 0: none) passes. Returns true
 * when the deadline passed. */
bool proc_drain(struct proc_pipe *pipes, int n, double deadline);

/* Runs one step of a build: its argv line and output go to log_fd; on
 * failure prints "WHAT failed: why", the last 20 lines of output and
 * log_path. Returns 0 or -1. */
int proc_run_step(struct proc *p, const char *what, int log_fd, const char *log_path);

/* Kills a started command (SIGKILL) and reaps it. */
void proc_kill(struct proc *p);
/* Frees everything and resets p to PROC_INIT. */
void proc_release(struct proc *p);
/* "'upx' exited with status 2" or "'upx' killed by signal 9" for a
 * proc_run() result >= 0; the caller frees the string. */
char *proc_status_str(const char *name, int rc);
/* The environment the child of p gets: ours with p->env applied
 * (NULL-terminated, owned by the caller's strvec). */
void proc_environ(const struct proc *p, struct strvec *out);

#endif
