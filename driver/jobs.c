/* jobs.c - run jobs in child processes, in dependency order, in parallel */
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
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

static int start(struct job *j, bool relay)
{
	int fds[2] = { -1, -1 };
	pid_t pid;

	if (relay && pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close_fds(fds, 2);
		return -e;
	}
	if (pid == 0) {
		int rc;

		if (relay) {
			dup2(fds[1], 2);
			gs_out.err_tty = false;     /* the parent keeps the status line */
		}
		rc = j->run(j->ctx);
		fflush(NULL);
		_exit(rc ? 1 : 0);
	}
	if (relay) {
		close(fds[1]);
		j->err_fd = fds[0];
	}
	j->pid = pid;
	j->state = JOB_RUNNING;
	j->start = now_seconds();
	return 0;
}

/* Passes on the complete lines job j wrote; at_end, the rest too. */
static void relay_lines(struct job *j, const char *buf, size_t len, bool at_end)
{
	struct strbuf sb = STRBUF_INIT;
	char *last;

	if (j->pending)
		strbuf_addstr(&sb, j->pending);
	strbuf_add(&sb, buf, len);
	free(j->pending);
	j->pending = NULL;
	last = strrchr(sb.buf, '\n');
	if (at_end || last == sb.buf + sb.len - 1) {
		out_text(&gs_out, sb.buf);
	} else if (last) {
		j->pending = xstrdup(last + 1);
		last[1] = 0;
		out_text(&gs_out, sb.buf);
	} else {
		j->pending = xstrdup(sb.buf);
	}
	strbuf_release(&sb);
}

/* Reads what the running jobs wrote, waiting up to timeout seconds for
 * it. Returns false when nothing came in that time. */
static bool relay(struct job *jobs, size_t n, double timeout)
{
	struct pollfd pfd[64];
	size_t who[64], np = 0;

	for (size_t i = 0; i < n && np < ARRAY_SIZE(pfd); i++)
		if (jobs[i].err_fd >= 0) {
			pfd[np] = (struct pollfd){ .fd = jobs[i].err_fd, .events = POLLIN };
			who[np++] = i;
		}
	if (poll(pfd, np, (int)(timeout * 1000)) <= 0)
		return false;
	for (size_t k = 0; k < np; k++) {
		struct job *j = &jobs[who[k]];
		char buf[8192];
		ssize_t r;

		if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		r = read(j->err_fd, buf, sizeof(buf));
		if (r > 0) {
			relay_lines(j, buf, (size_t)r, false);
		} else if (r == 0 || errno != EINTR) {
			if (j->pending)
				relay_lines(j, "", 0, true);
			close_fds(&j->err_fd, 1);
		}
	}
	return true;
}

/* The status line: "[2/5] building openssl 3.0.20... 41 s (+1 more)". */
static void show_status(const struct job *jobs, size_t n)
{
	size_t done = 0, running = 0, oldest = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		if (jobs[i].state == JOB_OK)
			done++;
		if (jobs[i].state == JOB_RUNNING) {
			running++;
			if (oldest == (size_t)-1 || jobs[i].start < jobs[oldest].start)
				oldest = i;
		}
	}
	if (oldest == (size_t)-1) {
		out_progress_clear(&gs_out);
		return;
	}
	out_progress(&gs_out, "[%zu/%zu] %s... %.0f s%s", done + 1, n, jobs[oldest].label,
		     now_seconds() - jobs[oldest].start, running > 1 ? " (and more)" : "");
}

size_t jobs_run(struct job *jobs, size_t n, int cpu_slots, int io_slots)
{
	bool relay_output = gs_out.err_tty && gs_out.verbosity >= 0;
	size_t *memo = xcalloc(n ? n : 1, sizeof(*memo)), failed = 0;
	int cpu_busy = 0, io_busy = 0;
	bool stop = false;

	for (size_t i = 0; i < n; i++) {
		jobs[i].state = JOB_WAITING;
		jobs[i].status = 0;
		jobs[i].pid = 0;
		jobs[i].start = jobs[i].end = 0;
		jobs[i].err_fd = -1;
		jobs[i].pending = NULL;
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
				int rc = start(&jobs[pick], relay_output);

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
		if (relay_output) {
			show_status(jobs, n);
			relay(jobs, n, 0.5);
		}
		pid = waitpid(-1, &status, relay_output ? WNOHANG : 0);
		if (pid == 0)
			continue;       /* still running: show, relay, wait again */
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
			/* the rest of what it wrote, unless a process it left
			 * behind holds the pipe open and stays silent */
			while (j->err_fd >= 0 && relay(j, 1, 10))
				;
			if (j->pending)
				relay_lines(j, "", 0, true);
			close_fds(&j->err_fd, 1);
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
					gs_info("%s failed; waiting for the %d job%s still running",
						j->label, cpu_busy + io_busy, cpu_busy + io_busy == 1 ? "" : "s");
				stop = true;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].state == JOB_WAITING)
			jobs[i].state = JOB_SKIPPED;
		close_fds(&jobs[i].err_fd, 1);
		free(jobs[i].pending);
		jobs[i].pending = NULL;
	}
	if (relay_output)
		out_progress_clear(&gs_out);
	free(memo);
	return failed;
}
