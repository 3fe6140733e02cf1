/* jobs.c - run jobs in child processes, in dependency order, in parallel */
#include "jobs.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

int jobs_cpus(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(0, sizeof(set), &set) && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/* The length of the longest chain of jobs that wait on job i. */
static size_t height(const struct job *jobs, size_t n, size_t i, size_t *memo)
{
	size_t best = 0;

	if (memo[i])
		return memo[i];
	memo[i] = 1;            /* a cycle (never built by callers) stops here */
	for (size_t j = 0; j < n; j++)
		for (size_t k = 0; k < jobs[j].ndeps; k++)
			if (jobs[j].deps[k] == i) {
				size_t h = height(jobs, n, j, memo);

				if (h > best)
					best = h;
			}
	memo[i] = best + 1;
	return memo[i];
}

static bool ready(const struct job *jobs, size_t i)
{
	for (size_t k = 0; k < jobs[i].ndeps; k++)
		if (jobs[jobs[i].deps[k]].state != JOB_OK)
			return false;
	return true;
}

static bool doomed(const struct job *jobs, size_t i)
{
	for (size_t k = 0; k < jobs[i].ndeps; k++) {
		enum job_state s = jobs[jobs[i].deps[k]].state;

		if (s == JOB_FAILED || s == JOB_SKIPPED)
			return true;
	}
	return false;
}

static int start(struct job *j)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int rc = j->run(j->ctx);

		fflush(stdout);
		fflush(stderr);
		_exit(rc ? 1 : 0);
	}
	j->pid = pid;
	j->state = JOB_RUNNING;
	j->start = now_seconds();
	return 0;
}

size_t jobs_run(struct job *jobs, size_t n, int cpu_slots, int io_slots)
{
	size_t *memo = xcalloc(n ? n : 1, sizeof(*memo)), failed = 0;
	int cpu_busy = 0, io_busy = 0;
	bool stop = false;

	for (size_t i = 0; i < n; i++) {
		jobs[i].state = JOB_WAITING;
		jobs[i].status = 0;
		jobs[i].pid = 0;
		jobs[i].start = jobs[i].end = 0;
		height(jobs, n, i, memo);
	}
	for (;;) {
		bool progress = true;
		int status;
		pid_t pid;

		while (progress && !stop) {
			ssize_t pick = -1;

			progress = false;
			for (size_t i = 0; i < n; i++) {
				if (jobs[i].state != JOB_WAITING)
					continue;
				if (doomed(jobs, i)) {
					jobs[i].state = JOB_SKIPPED;
					progress = true;
					continue;
				}
				if (!ready(jobs, i) || (jobs[i].cpu ? cpu_busy >= cpu_slots : io_busy >= io_slots))
					continue;
				if (pick < 0 || (!jobs[i].cpu && jobs[pick].cpu) ||
				    (jobs[i].cpu == jobs[pick].cpu && memo[i] > memo[pick]))
					pick = (ssize_t)i;
			}
			if (pick >= 0) {
				int rc = start(&jobs[pick]);

				if (rc) {
					gs_error_errno(-rc, "cannot start a process for %s", jobs[pick].label);
					jobs[pick].state = JOB_FAILED;
					failed++;
					stop = true;
					break;
				}
				if (jobs[pick].cpu)
					cpu_busy++;
				else
					io_busy++;
				progress = true;
			}
		}
		if (!cpu_busy && !io_busy)
			break;
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;          /* ECHILD: nothing left to wait for */
		}
		for (size_t i = 0; i < n; i++) {
			struct job *j = &jobs[i];

			if (j->state != JOB_RUNNING || j->pid != pid)
				continue;
			j->end = now_seconds();
			j->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			j->state = j->status ? JOB_FAILED : JOB_OK;
			if (j->cpu)
				cpu_busy--;
			else
				io_busy--;
			if (j->status) {
				failed++;
				if (!WIFEXITED(status))
					gs_error("%s was killed by %s", j->label, signal_name(WTERMSIG(status)));
				if (!stop && (cpu_busy || io_busy))
					fprintf(stderr, "gostatic: %s failed; waiting for the %d job%s still running\n",
						j->label, cpu_busy + io_busy, cpu_busy + io_busy == 1 ? "" : "s");
				stop = true;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (jobs[i].state == JOB_WAITING)
			jobs[i].state = JOB_SKIPPED;
	free(memo);
	return failed;
}
