/* cmd_sysroot.c - gostatic sysroot: create, fetch, list, path, remove */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "fetch.h"
#include "fsutil.h"
#include "log.h"
#include "store.h"
#include "sysroot.h"

static const char sysroot_usage[] =
"usage: gostatic sysroot create|fetch|list|path|remove [--target T] [options]\n"
"\n"
"A sysroot is musl libc, built from its checksummed source with the host's\n"
"C compiler (a cross compiler for another architecture: aarch64-linux-gnu-gcc\n"
"for linux/arm64), plus the Linux UAPI headers and a C compiler wrapper,\n"
"kept in the store (GOSTATIC_HOME). gostatic build creates it when needed.\n"
"\n"
"  create [--rebuild]  build the target's sysroot unless the store has it;\n"
"                      print its path\n"
"  fetch               download and verify its sources only (for offline use)\n"
"  list                the sysroots in the store, and whether they are current\n"
"  path                print the path of the target's sysroot (1 when missing)\n"
"  remove [--all]      delete the target's sysroots (--all: every target)\n"
"\n"
"  --target T          linux/amd64, linux/arm64 (default: GOARCH, else this\n"
"                      host), an architecture (arm64) or a triple\n"
"                      (aarch64-linux-musl)\n"
"\n"
"environment: GOSTATIC_HOME (the store), GOSTATIC_SYSROOTS (folders of more\n"
"*.sysroot definitions), GOSTATIC_MIRRORS (URL prefixes tried first),\n"
"GOSTATIC_FETCH (order of: mirrors upstream debian), GOSTATIC_RETRIES,\n"
"GOSTATIC_CONNECT_TIMEOUT, GOSTATIC_STALL_TIMEOUT (seconds).\n"
"exit status: 0 done, 1 failed (a build or download, or no such sysroot),\n"
"2 usage or environment error.\n";

#define usage_error(...) out_usage(&gs_out, "sysroot", __VA_ARGS__)

static uint64_t tree_size(const char *path)
{
	struct stat sb;
	uint64_t total = 0;
	DIR *d;

	if (lstat(path, &sb) < 0)
		return 0;
	if (!S_ISDIR(sb.st_mode))
		return (uint64_t)sb.st_size;
	d = opendir(path);
	if (!d)
		return 0;
	for (struct dirent *de; (de = readdir(d));) {
		char *p;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		total += tree_size(p);
		free(p);
	}
	closedir(d);
	return total;
}

static int do_list(const struct store *st)
{
	char *dir = store_path(st, "sysroots");
	struct strvec names = STRVEC_INIT;
	size_t shown = 0;
	int e = list_dir(dir, &names);

	if (e) {
		gs_error_errno(-e, "cannot read '%s'", dir);
		free(dir);
		strvec_clear(&names);
		return 2;
	}
	for (size_t i = 0; i < names.nr; i++) {
		if (names.v[i][0] == '.')
			continue;
		char *meta = xasprintf("%s/%s/%s", dir, names.v[i], SYSROOT_META_FILE);
		json_error_t jerr;
		json_t *m = json_load_file(meta, 0, &jerr);
		struct sysroot_def def;
		char *current = NULL, *entry;
		const char *state = "unknown";

		free(meta);
		if (!m)
			continue;
		if (!shown++)
			printf("%-36s %-12s %-12s %9s  %-20s %s\n", "NAME", "TARGET", "LIBC", "SIZE", "CREATED",
			       "STATE");
		if (json_string_value(json_object_get(m, "target")) &&
		    !sysroot_find_def(json_string_value(json_object_get(m, "target")), &def)) {
			if (!sysroot_name(st, &def, &current))
				state = !strcmp(current, names.v[i]) ? "current"
					: "stale (the compiler or definition changed)";
			sysroot_def_release(&def);
		} else {
			state = "no definition";
		}
		entry = xasprintf("%s/%s", dir, names.v[i]);
		printf("%-36s %-12s %-12s %8.1fM  %-20s %s\n", names.v[i],
		       json_string_value(json_object_get(m, "goarch")) ? json_string_value(json_object_get(m, "goarch")) : "?",
		       json_string_value(json_object_get(json_object_get(m, "libc"), "version")) ? json_string_value(json_object_get(json_object_get(m, "libc"), "version")) : "?",
		       (double)tree_size(entry) / (1024.0 * 1024.0),
		       json_string_value(json_object_get(m, "created")) ? json_string_value(json_object_get(m, "created")) : "?",
		       state);
		free(entry);
		free(current);
		json_decref(m);
	}
	if (!shown)
		printf("no sysroots in %s\n", dir);
	strvec_clear(&names);
	free(dir);
	return 0;
}

static int remove_entry(const struct store *st, const char *dir, const char *name)
{
	char *lockname = xasprintf("sysroot-%s", name), *final = xasprintf("%s/%s", dir, name);
	char *tmp = NULL;
	struct store_lock lk;
	int rc = 1;

	if (store_lock(st, lockname, &lk))
		goto out;
	tmp = xasprintf("%s/.tmp-%s-%ld-removing", dir, name, (long)getpid());
	if (rename(final, tmp) < 0) {
		gs_error_errno(errno, "cannot remove '%s'", final);
	} else {
		rm_rf(tmp);
		printf("removed %s\n", name);
		rc = 0;
	}
	store_unlock(&lk);
out:
	free(lockname);
	free(final);
	free(tmp);
	return rc;
}

static int do_remove(const struct store *st, const char *target, bool all)
{
	char *dir = store_path(st, "sysroots"), *prefix = NULL;
	struct strvec names = STRVEC_INIT;
	struct sysroot_def def;
	int rc = 0;
	DIR *d;

	if (!all) {
		if (sysroot_find(target, &def))
			return 2;
		prefix = xasprintf("%s-", def.target);
		sysroot_def_release(&def);
	}
	d = opendir(dir);
	if (!d) {
		gs_error_errno(errno, "cannot read '%s'", dir);
		free(dir);
		free(prefix);
		return 2;
	}
	for (struct dirent *de; (de = readdir(d));)
		if (de->d_name[0] != '.' && (!prefix || starts_with(de->d_name, prefix)))
			strvec_push(&names, de->d_name);
	closedir(d);
	for (size_t i = 0; i < names.nr; i++)
		if (remove_entry(st, dir, names.v[i]))
			rc = 1;
	if (!names.nr)
		printf("nothing to remove\n");
	strvec_clear(&names);
	free(dir);
	free(prefix);
	return rc;
}

int cmd_sysroot(int argc, const char **argv)
{
	const char *action = NULL, *target = NULL;
	bool rebuild = false, all = false;
	struct store st = STORE_INIT;
	struct sysroot_def def;
	struct sysroot sr;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(sysroot_usage, stdout);
			return 0;
		} else if (!strcmp(a, "--target")) {
			if (++i >= argc)
				return usage_error("option '--target' needs a value");
			target = argv[i];
		} else if (starts_with(a, "--target=")) {
			target = a + strlen("--target=");
		} else if (!strcmp(a, "--rebuild")) {
			rebuild = true;
		} else if (!strcmp(a, "--all")) {
			all = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			gs_out.verbosity++;
		} else if (a[0] == '-') {
			return usage_error("unknown option '%s'", a);
		} else if (!action) {
			action = a;
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}
	if (!action)
		return usage_error("give an action: create, fetch, list, path or remove");
	if (strcmp(action, "create") && strcmp(action, "fetch") && strcmp(action, "list") &&
	    strcmp(action, "path") && strcmp(action, "remove"))
		return usage_error("unknown action '%s': use create, fetch, list, path or remove", action);
	if (rebuild && strcmp(action, "create"))
		return usage_error("--rebuild goes with create");
	if (all && strcmp(action, "remove"))
		return usage_error("--all goes with remove");
	if (all && target)
		return usage_error("give --target or --all, not both");
	if (store_open(&st))
		return 2;
	if (!strcmp(action, "list")) {
		rc = do_list(&st);
	} else if (!strcmp(action, "remove")) {
		rc = do_remove(&st, target, all);
	} else if (sysroot_find(target, &def)) {
		rc = 2;
	} else {
		if (!strcmp(action, "fetch")) {
			char *path = NULL;

			rc = fetch_source(&st, &def.src, &path) ? 1 : 0;
			if (!rc)
				printf("%s\n", path);
			free(path);
		} else if (!strcmp(action, "path")) {
			rc = sysroot_lookup(&st, &def, &sr);
			if (rc == 1)
				gs_error("the store has no %s sysroot yet: run 'gostatic sysroot create --target %s/%s'",
					 def.target, def.goos, def.goarch);
			else if (!rc)
				printf("%s\n", sr.dir);
			rc = rc ? 1 : 0;
			sysroot_release(&sr);
		} else {
			rc = sysroot_ensure(&st, &def, rebuild, &sr) ? 1 : 0;
			if (!rc)
				printf("%s\n", sr.dir);
			sysroot_release(&sr);
		}
		sysroot_def_release(&def);
	}
	store_close(&st);
	return rc;
}
