/* lazylib.c - libcurl and libarchive, loaded when first needed */
#include "lazylib.h"

#include <stdbool.h>

#include "config.h"
#include "log.h"

#if GOSTATIC_DLOPEN_DEPS
#include <dlfcn.h>

/* Opens the first of names that loads and fills slots from syms. */
static bool load(const char *const *names, const char *const *syms, void **slots, size_t n,
		 const char *what, const char *package)
{
	const char *err = "not found";
	void *h = NULL;

	for (const char *const *s = names; *s && !h; s++) {
		h = dlopen(*s, RTLD_NOW | RTLD_LOCAL);
		if (!h)
			err = dlerror();
	}
	if (!h) {
		gs_error("cannot load %s (%s): %s; install it (Debian: apt-get install %s)", what,
			 names[0], err, package);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		slots[i] = dlsym(h, syms[i]);
		if (!slots[i]) {
			gs_error("%s (%s) lacks %s: it is too old for gostatic", what, names[0], syms[i]);
			return false;
		}
	}
	return true;
}

const struct curl_api *curl(void)
{
	static struct curl_api api;
	static int state;   /* 0 not tried, 1 loaded, -1 failed */
	static const char *const names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", NULL };
	static const char *const syms[] = {
#define X(fn, field) #fn,
		CURL_FUNCS(X)
#undef X
	};

	if (!state)
		state = load(names, syms, (void **)&api, sizeof(syms) / sizeof(syms[0]), "libcurl",
			     "libcurl4") ? 1 : -1;
	return state > 0 ? &api : NULL;
}

const struct archive_api *la(void)
{
	static struct archive_api api;
	static int state;
	static const char *const names[] = { "libarchive.so.13", NULL };
	static const char *const syms[] = {
#define X(fn, field) #fn,
		ARCHIVE_FUNCS(X)
#undef X
	};

	if (!state)
		state = load(names, syms, (void **)&api, sizeof(syms) / sizeof(syms[0]), "libarchive",
			     "libarchive13") ? 1 : -1;
	return state > 0 ? &api : NULL;
}

#else

const struct curl_api *curl(void)
{
	static const struct curl_api api = {
#define X(fn, field) .field = fn,
		CURL_FUNCS(X)
#undef X
	};

	return &api;
}

const struct archive_api *la(void)
{
	static const struct archive_api api = {
#define X(fn, field) .field = fn,
		ARCHIVE_FUNCS(X)
#undef X
	};

	return &api;
}

#endif
