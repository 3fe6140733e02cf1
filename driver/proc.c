/* proc.c - run a command and collect what it prints */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void trace_argv(const struct proc *p)
{
	struct strbuf sb = STRBUF_INIT;

	if (gs_out.verbosity < 1)
		return;
	for (size_t i = 0; i < p->args.nr; i++)
		strbuf_addf(&sb, "%s'%s'", i ? " " : "", p->args.v[i]);
	if (p->dir)
		strbuf_addf(&sb, " (in '%s')", p->dir);
	out_verbose(&gs_out, 1, "run %s", sb.buf);
	strbuf_release(&sb);
}

int proc_run(struct proc *p)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], devnull, status, rc;
	bool killed = false;
	double deadline = p->timeout > 0 ? now() + p->timeout : 0;
	char buf[8192];
	pid_t pid;

	if (!p->args.nr)
		return -EINVAL;
	trace_argv(p);
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0) {
		rc = -errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return rc;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	if (p->dir)
		posix_spawn_file_actions_addchdir_np(&fa, p->dir);
	rc = posix_spawnp(&pid, p->args.v[0], &fa, NULL, (char *const *)p->args.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(devnull);
	close(pipefd[1]);
	if (rc) {
		close(pipefd[0]);
		return -rc;
	}
	for (;;) {
		struct pollfd pfd = { pipefd[0], POLLIN, 0 };
		int timeout_ms = -1;
		ssize_t n;

		if (deadline) {
			double left = deadline - now();

			if (left <= 0) {
				kill(pid, SIGKILL);
				killed = true;
				break;
			}
			timeout_ms = (int)(left * 1000) + 1;
		}
		rc = poll(&pfd, 1, timeout_ms);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0)
			continue;
		n = read(pipefd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (!p->keep || p->out.len < p->keep)
			strbuf_add(&p->out, buf,
				   p->keep && (size_t)n > p->keep - p->out.len ? p->keep - p->out.len
									      : (size_t)n);
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (killed || WIFSIGNALED(status))
		return 128 + (killed ? SIGKILL : WTERMSIG(status));
	return WEXITSTATUS(status);
}

void proc_release(struct proc *p)
{
	strvec_clear(&p->args);
	strbuf_release(&p->out);
	p->dir = NULL;
	p->timeout = 0;
	p->keep = 0;
}

char *proc_status_str(const char *name, int rc)
{
	if (rc > 128)
		return xasprintf("'%s' killed by signal %d (%s)", name, rc - 128,
				 strsignal(rc - 128));
	return xasprintf("'%s' exited with status %d", name, rc);
}
