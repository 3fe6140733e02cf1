/* golist.c - what `go list -deps` says about the packages of a build */
#include "golist.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "proc.h"

#define FIELDS "ImportPath,Name,Dir,GoFiles,Standard,DepOnly,CgoFiles,CgoPkgConfig,CgoLDFLAGS,Error"

static char *dup_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

static void push_strings(json_t *arr, struct strvec *out)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			strvec_push(out, json_string_value(v));
}

int golist_parse(const char *text, size_t len, struct golist *l)
{
	size_t pos = 0;

	*l = (struct golist)GOLIST_INIT;
	while (pos < len) {
		json_error_t err;
		json_t *o;
		struct golist_pkg *p;

		while (pos < len && strchr(" \t\r\n", text[pos]))
			pos++;
		if (pos >= len)
			break;
		o = json_loadb(text + pos, len - pos, JSON_DISABLE_EOF_CHECK, &err);
		if (!o || !json_is_object(o) || err.position <= 0) {
			json_decref(o);
			return -1;
		}
		pos += (size_t)err.position;
		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		p = &l->v[l->nr++];
		memset(p, 0, sizeof(*p));
		p->pkg_config = (struct strvec)STRVEC_INIT;
		p->ldflags = (struct strvec)STRVEC_INIT;
		p->import_path = dup_str(o, "ImportPath");
		p->name = dup_str(o, "Name");
		p->dir = dup_str(o, "Dir");
		if (json_array_size(json_object_get(o, "GoFiles")))
			p->first_gofile = xstrdup(json_string_value(json_array_get(json_object_get(o, "GoFiles"), 0))
						  ? json_string_value(json_array_get(json_object_get(o, "GoFiles"), 0)) : "");
		p->standard = json_is_true(json_object_get(o, "Standard"));
		p->dep_only = json_is_true(json_object_get(o, "DepOnly"));
		p->cgo = json_array_size(json_object_get(o, "CgoFiles")) > 0;
		push_strings(json_object_get(o, "CgoPkgConfig"), &p->pkg_config);
		push_strings(json_object_get(o, "CgoLDFLAGS"), &p->ldflags);
		if (json_object_get(o, "Error"))
			p->error = dup_str(json_object_get(o, "Error"), "Err");
		if (!p->import_path)
			p->import_path = xstrdup("");
		json_decref(o);
	}
	return 0;
}

void golist_release(struct golist *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		struct golist_pkg *p = &l->v[i];

		free(p->import_path);
		free(p->name);
		free(p->dir);
		free(p->first_gofile);
		free(p->error);
		strvec_clear(&p->pkg_config);
		strvec_clear(&p->ldflags);
	}
	free(l->v);
	*l = (struct golist)GOLIST_INIT;
}

int golist_run(const char *go, const char *dir, const struct strvec *env,
	       const struct strvec *flags, const char *tags, const struct strvec *pkgs,
	       struct golist *l)
{
	struct proc p = PROC_INIT;
	int rc;

	*l = (struct golist)GOLIST_INIT;
	strvec_pushl(&p.args, go, "list", "-deps", "-json=" FIELDS, NULL);
	for (size_t i = 0; i < flags->nr; i++)
		strvec_push(&p.args, flags->v[i]);
	strvec_pushf(&p.args, "-tags=%s", tags);
	strvec_push(&p.args, "--");
	for (size_t i = 0; i < pkgs->nr; i++)
		strvec_push(&p.args, pkgs->v[i]);
	for (size_t i = 0; i < env->nr; i++)
		strvec_push(&p.env, env->v[i]);
	p.dir = dir;
	p.split = true;
	rc = proc_run(&p);
	if (rc) {
		if (rc < 0)
			gs_error_errno(-rc, "cannot run '%s'", go);
		else
			fprintf(stderr, "%s", p.err.buf);
		gs_error("'go list' could not load %s%s (exit %d)", pkgs->v[0],
			 pkgs->nr > 1 ? " and the other packages" : "", rc);
		proc_release(&p);
		return -1;
	}
	if (golist_parse(p.out.buf, p.out.len, l)) {
		gs_error("cannot read the output of 'go list'");
		proc_release(&p);
		return -1;
	}
	proc_release(&p);
	return 0;
}
