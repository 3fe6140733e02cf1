/* runcheck.c - run a program in an empty root to prove it needs no files */
#include "runcheck.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "elffile.h"
#include "fsutil.h"
#include "log.h"
#include "proc.h"
#include "verify.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* What the child reports through its close-on-exec status pipe. */
enum step {
	STEP_METHOD_USERNS = 1,
	STEP_METHOD_CHROOT,
	STEP_UNSHARE,
	STEP_SETGROUPS,
	STEP_UID_MAP,
	STEP_GID_MAP,
	STEP_CHROOT,
	STEP_CHDIR,
	STEP_EXEC,
};

struct msg {
	int step;
	int err;
};

/* Brings up the loopback interface of a new network namespace, so that a
 * program can talk to itself (a mock cluster, a server of its own) while
 * nothing outside can be reached. Best effort: a check still runs without. */
static void loopback_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, "lo", 3);
	if (!ioctl(s, SIOCGIFFLAGS, &ifr)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
}

static const char *step_name(int step)
{
	switch (step) {
	case STEP_UNSHARE:
		return "unshare(CLONE_NEWUSER)";
	case STEP_SETGROUPS:
		return "writing /proc/self/setgroups";
	case STEP_UID_MAP:
		return "writing /proc/self/uid_map";
	case STEP_GID_MAP:
		return "writing /proc/self/gid_map";
	case STEP_CHROOT:
		return "chroot";
	case STEP_CHDIR:
		return "chdir";
	case STEP_EXEC:
		return "execveat";
	default:
		return "setup";
	}
}

char *runcheck_emulator(uint16_t machine, unsigned bits, bool big_endian, char **why)
{
	const char *arch = NULL;
	char *name, *path;

	switch (machine) {
	case EM_AARCH64: arch = big_endian ? "aarch64_be" : "aarch64"; break;
	case EM_ARM: arch = big_endian ? "armeb" : "arm"; break;
	case EM_X86_64: arch = "x86_64"; break;
	case EM_386: arch = "i386"; break;
	case EM_RISCV: arch = bits == 64 ? "riscv64" : "riscv32"; break;
	case EM_PPC64: arch = big_endian ? "ppc64" : "ppc64le"; break;
	case EM_PPC: arch = "ppc"; break;
	case EM_S390: arch = "s390x"; break;
	case EM_MIPS: arch = bits == 64 ? (big_endian ? "mips64" : "mips64el") : (big_endian ? "mips" : "mipsel"); break;
	default: break;
	}
	*why = NULL;
	if (!arch) {
		*why = xasprintf("no qemu user-mode emulator is known for ELF machine %u", machine);
		return NULL;
	}
	/* only the static build: the program runs in an empty root, where a
	 * dynamic qemu would not find its own libraries */
	name = xasprintf("qemu-%s-static", arch);
	path = find_in_path(name);
	if (!path)
		*why = xasprintf("%s is not installed (Debian: apt-get install qemu-user-static)", name);
	free(name);
	return path;
}

int run_method_parse(const char *s)
{
	if (!strcmp(s, "auto"))
		return RUN_AUTO;
	if (!strcmp(s, "userns"))
		return RUN_USERNS;
	if (!strcmp(s, "chroot"))
		return RUN_CHROOT;
	return -1;
}

/* Child-side helpers: only async-signal-safe calls from here on. */
static void report(int fd, int step, int err)
{
	struct msg m = { step, err };
	ssize_t n = write(fd, &m, sizeof(m));

	(void)n;
}

static int write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	size_t len = strlen(data);

	if (fd < 0)
		return -1;
	n = write(fd, data, len);
	if (n != (ssize_t)len) {
		int saved = n < 0 ? errno : EIO;

		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

struct child_args {
	int prog_fd;
	int status_fd;
	int devnull;
	int out_fd;
	int err_fd;
	const char *root;
	enum run_method method;
	const char *uid_map;
	const char *gid_map;
	char *const *argv;
};

GS_NORETURN static void fail(const struct child_args *c, int step)
{
	report(c->status_fd, step, errno);
	_exit(127);
}

static bool enter_userns(const struct child_args *c, int *failed_step)
{
	if (unshare(CLONE_NEWUSER) < 0) {
		*failed_step = STEP_UNSHARE;
		return false;
	}
	/* inside the namespace: map ourselves to root, then isolate more
	 * (these may fail harmlessly on restricted kernels) */
	if (write_file("/proc/self/setgroups", "deny") < 0 && errno != ENOENT) {
		*failed_step = STEP_SETGROUPS;
		return false;
	}
	if (write_file("/proc/self/uid_map", c->uid_map) < 0) {
		*failed_step = STEP_UID_MAP;
		return false;
	}
	if (write_file("/proc/self/gid_map", c->gid_map) < 0) {
		*failed_step = STEP_GID_MAP;
		return false;
	}
	return true;
}

GS_NORETURN static void child(const struct child_args *c)
{
	static char *const envp[] = { NULL };
	int step = 0;
	struct rlimit no_core = { 0, 0 };

	setpgid(0, 0);
	if (dup2(c->devnull, 0) < 0 || dup2(c->out_fd, 1) < 0 || dup2(c->err_fd, 2) < 0)
		fail(c, STEP_EXEC);
	if (c->method != RUN_CHROOT && enter_userns(c, &step)) {
		report(c->status_fd, STEP_METHOD_USERNS, 0);
	} else if (c->method == RUN_USERNS ||
		   (c->method == RUN_AUTO && (step != STEP_UNSHARE || geteuid() != 0))) {
		fail(c, step);
	} else {
		report(c->status_fd, STEP_METHOD_CHROOT, 0);
	}
	if (!unshare(CLONE_NEWNET | CLONE_NEWIPC))
		loopback_up();
	if (chroot(c->root) < 0)
		fail(c, STEP_CHROOT);
	if (chdir("/") < 0)
		fail(c, STEP_CHDIR);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	setrlimit(RLIMIT_CORE, &no_core);
	syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
	syscall(SYS_execveat, c->prog_fd, "", c->argv, envp, AT_EMPTY_PATH);
	fail(c, STEP_EXEC);
}

int runcheck(int fd, const struct run_opts *o, struct run_result *res)
{
	struct strbuf root = STRBUF_INIT;
	struct strvec argv = STRVEC_INIT;
	const char *tmp = getenv("TMPDIR");
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, stp[2] = { -1, -1 };
	int devnull = -1, emu_fd = -1, rc = 0, status;
	char uid_map[64], gid_map[64];
	struct child_args c;
	struct msg m;
	double start;
	pid_t pid;
	ssize_t n;

	*res = (struct run_result)RUN_RESULT_INIT;
	strbuf_addf(&root, "%s/gostatic-root-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root.buf)) {
		rc = gs_error_errno(errno, "cannot create an empty root under '%s'",
				    tmp && *tmp ? tmp : "/tmp");
		strbuf_release(&root);
		return rc;
	}
	if (o->emulator) {
		char *prog = xasprintf("%s/program", root.buf);

		emu_fd = open(o->emulator, O_RDONLY | O_CLOEXEC);
		if (emu_fd < 0)
			rc = gs_error_errno(errno, "cannot open the emulator '%s'", o->emulator);
		else if ((rc = copy_fd_to_file(fd, prog, 0555)))
			gs_error_errno(-rc, "cannot copy the program into the empty root '%s'", root.buf);
		free(prog);
		if (rc)
			goto out;
		res->emulator = xstrdup(path_base(o->emulator));
		/* qemu ARGV0-FOR-THE-PROGRAM PROGRAM ARGS... */
		strvec_pushl(&argv, res->emulator, "-0", o->argv0, "/program", NULL);
		fd = emu_fd;
	} else {
		strvec_push(&argv, o->argv0);
	}
	chmod(root.buf, 0555);
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 ||
	    pipe2(stp, O_CLOEXEC) < 0 ||
	    (devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
		rc = gs_error_errno(errno, "cannot set up the run check");
		goto out;
	}
	snprintf(uid_map, sizeof(uid_map), "0 %u 1", (unsigned)getuid());
	snprintf(gid_map, sizeof(gid_map), "0 %u 1", (unsigned)getgid());
	for (const char *const *a = o->args; a && *a; a++)
		strvec_push(&argv, *a);
	c = (struct child_args){
		.prog_fd = fd, .status_fd = stp[1], .devnull = devnull,
		.out_fd = outp[1], .err_fd = errp[1], .root = root.buf,
		.method = o->method, .uid_map = uid_map, .gid_map = gid_map,
		.argv = (char *const *)argv.v,
	};
	fflush(NULL);
	start = now_seconds();
	pid = fork();
	if (pid < 0) {
		rc = gs_error_errno(errno, "cannot fork for the run check");
		goto out;
	}
	if (pid == 0)
		child(&c);
	close(stp[1]);
	close(outp[1]);
	close(errp[1]);
	stp[1] = outp[1] = errp[1] = -1;

	/* the status pipe closes on a successful exec */
	while ((n = read(stp[0], &m, sizeof(m))) == (ssize_t)sizeof(m) || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		if (m.step == STEP_METHOD_USERNS)
			res->method = "userns-chroot";
		else if (m.step == STEP_METHOD_CHROOT)
			res->method = "chroot";
		else if (m.step == STEP_EXEC)
			res->exec_errno = m.err;
		else
			res->skipped = xasprintf("%s failed: %s%s", step_name(m.step), strerror(m.err),
				m.step == STEP_CHROOT && res->method && !strcmp(res->method, "chroot")
					? " (plain chroot needs root)"
					: m.step <= STEP_GID_MAP
					? " (unprivileged user namespaces are not available here; run as root, or allow them with sysctl user.max_user_namespaces / kernel.unprivileged_userns_clone)"
					: "");
	}
	if (!res->skipped)
		res->performed = true;
	{
		struct proc_pipe pipes[2] = {
			{ outp[0], &res->out_head, o->head_max, false, -1 },
			{ errp[0], &res->err_head, o->head_max, false, -1 },
		};

		/* a head of each stream is kept; the rest is read and dropped */
		if (proc_drain(pipes, 2, start + o->timeout)) {
			res->timed_out = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc = gs_error_errno(errno, "cannot wait for the checked program");
			goto out;
		}
	}
	res->seconds = now_seconds() - start;
	if (res->timed_out)
		kill(-pid, SIGKILL);    /* anything it left behind */
	if (WIFEXITED(status)) {
		res->exited = true;
		res->exit_status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		res->signal = WTERMSIG(status);
	}
	if (res->exec_errno || res->skipped) {
		res->exited = false;
		res->exit_status = -1;
	}
out:
	close_fds(outp, 2);
	close_fds(errp, 2);
	close_fds(stp, 2);
	if (devnull >= 0)
		close(devnull);
	if (emu_fd >= 0)
		close(emu_fd);
	strvec_clear(&argv);
	chmod(root.buf, 0755);
	rm_rf(root.buf);
	strbuf_release(&root);
	return rc;
}

int runcheck_verify(struct report *r, int fd, const struct run_opts *ro)
{
	struct run_opts o = *ro;
	struct run_result res;
	unsigned bits;
	uint16_t host = arch_host_machine(&bits);
	char *emu = NULL, *why = NULL;
	int rc = 0;

	if (!r->is_elf || r->verdict == V_MALFORMED || r->verdict == V_NOT_EXECUTABLE) {
		verify_skip_run(r, "not an executable");
		return 0;
	}
	if (r->machine != host || r->bits != bits) {
		emu = runcheck_emulator(r->machine, r->bits, r->be, &why);
		if (!emu) {
			const char *name = elf_machine_name(r->machine);
			char *msg = xasprintf("built for %s (ELF%u), which this %s host cannot run natively, and %s",
					      name ? name : "another machine", r->bits,
					      elf_machine_name(host) ? elf_machine_name(host) : "", why);

			verify_skip_run(r, msg);
			free(msg);
			free(why);
			return 0;
		}
	}
	o.emulator = emu;
	if (emu)
		o.timeout *= 5;         /* qemu translates the code before it runs it */
	if (runcheck(fd, &o, &res) < 0) {
		verify_skip_run(r, "the run check could not be set up (see the error above)");
		rc = -1;
	} else {
		verify_apply_run(r, &res);
	}
	run_result_release(&res);
	free(emu);
	return rc;
}

bool runcheck_userns_works(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER) ? 1 : 0);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
