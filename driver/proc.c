/* proc.c - run a command and collect what it prints */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"

extern char **environ;

static bool same_name(const char *a, const char *b)
{
	size_t na = strcspn(a, "="), nb = strcspn(b, "=");

	return na == nb && !memcmp(a, b, na);
}

void proc_environ(const struct proc *p, struct strvec *out)
{
	for (char **e = environ; *e; e++) {
		bool changed = false;

		for (size_t i = 0; i < p->env.nr; i++)
			changed |= same_name(*e, p->env.v[i]);
		if (!changed)
			strvec_push(out, *e);
	}
	for (size_t i = 0; i < p->env.nr; i++) {
		bool later = false;     /* a later change of the same name wins */

		for (size_t j = i + 1; j < p->env.nr && !later; j++)
			later = same_name(p->env.v[i], p->env.v[j]);
		if (!later && strchr(p->env.v[i], '='))
			strvec_push(out, p->env.v[i]);
	}
}

static void trace(const struct proc *p)
{
	struct strbuf sb = STRBUF_INIT;

	if (gs_out.verbosity < 1)
		return;
	for (size_t i = 0; i < p->env.nr; i++)
		strbuf_addf(&sb, "%s%s ", strchr(p->env.v[i], '=') ? "" : "-u ", p->env.v[i]);
	for (size_t i = 0; i < p->args.nr; i++)
		strbuf_addf(&sb, "%s'%s'", i ? " " : "", p->args.v[i]);
	if (p->dir)
		strbuf_addf(&sb, " (in '%s')", p->dir);
	out_verbose(&gs_out, 1, "run %s", sb.buf);
	strbuf_release(&sb);
}

static void keep(const struct proc_pipe *pp, const char *buf, size_t n)
{
	struct strbuf *sb = pp->sb;

	if (!pp->keep) {
		strbuf_add(sb, buf, n);
	} else if (!pp->tail) {
		if (sb->len < pp->keep)
			strbuf_add(sb, buf, n < pp->keep - sb->len ? n : pp->keep - sb->len);
	} else if (n >= pp->keep) {
		strbuf_setlen(sb, 0);
		strbuf_add(sb, buf + n - pp->keep, pp->keep);
	} else {
		if (sb->len + n > pp->keep) {
			size_t drop = sb->len + n - pp->keep;

			memmove(sb->buf, sb->buf + drop, sb->len - drop);
			strbuf_setlen(sb, sb->len - drop);
		}
		strbuf_add(sb, buf, n);
	}
}

bool proc_drain(struct proc_pipe *pipes, int n, double deadline)
{
	struct pollfd pfd[4];
	int open_fds = 0;
	char buf[16384];

	if (n > 4)
		die("proc_drain: too many pipes");
	for (int i = 0; i < n; i++) {
		pfd[i] = (struct pollfd){ pipes[i].fd, POLLIN, 0 };
		open_fds += pipes[i].fd >= 0;
	}
	while (open_fds > 0) {
		int timeout_ms = -1, rc;

		if (deadline) {
			double left = deadline - now_seconds();

			if (left <= 0)
				return true;
			timeout_ms = (int)(left * 1000) + 1;
		}
		rc = poll(pfd, (nfds_t)n, timeout_ms);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0)
			continue;
		for (int i = 0; i < n; i++) {
			ssize_t got;

			if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(pfd[i].fd, buf, sizeof(buf));
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				pfd[i].fd = -1;
				open_fds--;
				continue;
			}
			if (pipes[i].log_fd >= 0 && write(pipes[i].log_fd, buf, (size_t)got) < 0) {
				/* the log is a copy; the work goes on */
			}
			keep(&pipes[i], buf, (size_t)got);
		}
	}
	return false;
}

int proc_start(struct proc *p)
{
	posix_spawn_file_actions_t fa;
	struct strvec envp = STRVEC_INIT;
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, devnull, rc;
	pid_t pid;

	if (!p->args.nr)
		return -EINVAL;
	trace(p);
	if (!p->inherit) {
		if (pipe2(outp, O_CLOEXEC) < 0)
			return -errno;
		if (p->split && pipe2(errp, O_CLOEXEC) < 0) {
			rc = -errno;
			goto fail;
		}
	}
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0) {
		rc = -errno;
		goto fail;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	if (!p->inherit) {
		posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
		posix_spawn_file_actions_adddup2(&fa, p->split ? errp[1] : outp[1], 2);
	}
	if (p->dir)
		posix_spawn_file_actions_addchdir_np(&fa, p->dir);
	proc_environ(p, &envp);
	rc = posix_spawnp(&pid, p->args.v[0], &fa, NULL, (char *const *)p->args.v,
			  (char *const *)envp.v);
	posix_spawn_file_actions_destroy(&fa);
	strvec_clear(&envp);
	close(devnull);
	if (rc) {
		rc = -rc;
		goto fail;
	}
	if (outp[1] >= 0)
		close(outp[1]);
	if (errp[1] >= 0)
		close(errp[1]);
	p->pid = pid;
	p->fds[0] = outp[0];
	p->fds[1] = errp[0];
	return 0;
fail:
	close_fds(outp, 2);
	close_fds(errp, 2);
	return rc;
}

int proc_finish(struct proc *p)
{
	double deadline = p->timeout > 0 ? now_seconds() + p->timeout : 0;
	bool killed = false;
	int status, rc;
	pid_t pid = p->pid;

	if (pid < 0)
		return -ECHILD;
	if (!p->inherit) {
		struct proc_pipe pipes[2] = {
			{ p->fds[0], &p->out, p->keep, p->keep_tail, p->log_fd },
			{ p->fds[1], &p->err, p->keep, p->keep_tail, p->log_fd },
		};

		if (proc_drain(pipes, p->split ? 2 : 1, deadline)) {
			kill(pid, SIGKILL);
			killed = true;
		}
	} else if (deadline) {
		/* nothing to read: wait with the deadline */
		while (!killed) {
			pid_t w = waitpid(pid, &status, WNOHANG);

			if (w == pid)
				goto reaped;
			if (now_seconds() >= deadline) {
				kill(pid, SIGKILL);
				killed = true;
			} else {
				usleep(20000);
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc = -errno;
			goto done;
		}
	}
reaped:
	if (killed || WIFSIGNALED(status))
		rc = 128 + (killed ? SIGKILL : WTERMSIG(status));
	else
		rc = WEXITSTATUS(status);
done:
	close_fds(p->fds, 2);
	p->pid = -1;
	return rc;
}

void proc_kill(struct proc *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		proc_finish(p);
	}
}

int proc_run(struct proc *p)
{
	int rc = proc_start(p);

	return rc ? rc : proc_finish(p);
}

void proc_release(struct proc *p)
{
	if (p->pid > 0)
		proc_kill(p);
	strvec_clear(&p->args);
	strvec_clear(&p->env);
	strbuf_release(&p->out);
	strbuf_release(&p->err);
	*p = (struct proc)PROC_INIT;
}

char *proc_status_str(const char *name, int rc)
{
	if (rc > 128)
		return xasprintf("'%s' killed by signal %d (%s)", name, rc - 128, signal_name(rc - 128));
	return xasprintf("'%s' exited with status %d", name, rc);
}

int proc_run_step(struct proc *p, const char *what, int log_fd, const char *log_path)
{
	int rc;

	p->log_fd = log_fd;
	p->keep = 6000;
	p->keep_tail = true;
	if (log_fd >= 0) {
		struct strbuf line = STRBUF_INIT;

		strbuf_addstr(&line, "$");
		for (size_t i = 0; i < p->args.nr; i++)
			strbuf_addf(&line, " %s", p->args.v[i]);
		strbuf_addch(&line, '\n');
		if (write(log_fd, line.buf, line.len) < 0) {
			/* the log is a copy; the step's own result decides */
		}
		strbuf_release(&line);
	}
	rc = proc_run(p);
	if (rc) {
		char *st = rc < 0 ? xasprintf("cannot run '%s': %s", p->args.v[0], strerror(-rc))
				  : proc_status_str(p->args.v[0], rc);
		const char *tail = p->out.buf;
		int lines = 0;

		for (const char *q = p->out.buf + p->out.len; q > p->out.buf; q--)
			if (q[-1] == '\n' && ++lines > 20) {
				tail = q;
				break;
			}
		gs_error("%s failed: %s", what, st);
		if (p->out.len)
			out_text(&gs_out, tail);
		if (log_path)
			gs_info("the full log is %s", log_path);
		free(st);
		return -1;
	}
	return 0;
}
