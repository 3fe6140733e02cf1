/* project.h - gostatic.ini: what a project says about its C libraries
 *
 *   [gostatic]
 *   recipes = folder ...      recipe folders, relative to the file, searched
 *                             before GOSTATIC_RECIPES and the built-in ones
 *   require = name ...        recipes to link even when no cgo line asks
 *                             (NAME, NAME@VERSION, NAME[+feature,-feature])
 *   [recipe NAME]
 *   version = 2.0.2           the version the recipe must have
 *   features = +curl -zstd    features to turn on (+) or off (-)
 *
 * The file is looked for in the package's folder and its parents, up to
 * the folder that holds go.mod (or a .git folder). */
#ifndef GS_PROJECT_H
#define GS_PROJECT_H

#include <stddef.h>

#include "pkgs.h"

#define PROJECT_FILE "gostatic.ini"

/* Parses the text of a gostatic.ini at path into prefs (folders relative
 * to base_dir). Returns 0, or -1 with "path:line: message" in *why. */
int project_parse(const char *text, size_t len, const char *path, const char *base_dir,
		  struct pkg_prefs *prefs, char **why);

/* Finds the gostatic.ini that governs dir (NULL: none is looked for) and
 * fills prefs from it and from GOSTATIC_RECIPES. Returns 0, or -1 after
 * printing why. */
int project_load(const char *dir, struct pkg_prefs *prefs);

/* The gostatic.ini that governs dir, or NULL. The caller frees it. */
char *project_find(const char *dir);

#endif
