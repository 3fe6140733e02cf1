/* jobs.h - run jobs in child processes, in dependency order, in parallel
 *
 * Each job runs in a forked child, so a job may change its working folder
 * or environment, print, and exit without disturbing the others. */
#ifndef GS_JOBS_H
#define GS_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum job_state {
	JOB_WAITING,
	JOB_RUNNING,
	JOB_OK,
	JOB_FAILED,
	JOB_SKIPPED,     /* a job it needs failed, or another failure stopped the run */
};

struct job {
	const char *label;        /* for messages, e.g. "build openssl 3.0.20" */
	int (*run)(void *ctx);    /* runs in the child; 0 means success */
	void *ctx;
	const size_t *deps;       /* jobs that must succeed first (indices) */
	size_t ndeps;
	bool cpu;                 /* takes one of the CPU slots (else an I/O slot) */
	/* set by jobs_run() */
	enum job_state state;
	int status;               /* exit status, or 128+N when killed by signal N */
	double start, end;        /* now_seconds() */
	pid_t pid;
	int err_fd;               /* on a terminal: the pipe of the child's stderr, or -1 */
	char *pending;            /* what it wrote after its last full line (owned) */
};

/* Runs the jobs: at most cpu_slots CPU jobs and io_slots other jobs at
 * once. Among the jobs that are ready, I/O jobs start first, then the CPU
 * jobs with the longest chain of jobs waiting on them, then by index. After
 * a failure no job starts; the running ones are waited for. On a terminal
 * the children's messages come through this process, line by line, under
 * a status line ("[2/5] building openssl 3.0.20... 41 s", log.h's
 * out_progress); elsewhere they write to stderr themselves. Returns the
 * number of failed jobs. */
size_t jobs_run(struct job *jobs, size_t n, int cpu_slots, int io_slots);

/* How many CPUs this process may use (at least 1). */
int jobs_cpus(void);

#endif
