/* recipes.h - finding recipes: the folders they are in, loading them
 *
 * Recipes are looked for in a project's folders (gostatic.ini), then those
 * of GOSTATIC_RECIPES, then the built-in ones (datadir.h): the first
 * recipe of a name hides later ones. Loading a recipe parses it
 * (recipe.h) and reads the patches it names, from its folder or the
 * built-in ones. */
#ifndef GS_RECIPES_H
#define GS_RECIPES_H

#include "recipe.h"

/* Recipe folders: those of a project (gostatic.ini), then GOSTATIC_RECIPES
 * (colon-separated), then the built-in recipes. A recipe in an earlier
 * folder hides one of the same name in a later one. */
struct recipe_dirs {
	struct strvec dirs;       /* absolute folders, in search order */
};
#define RECIPE_DIRS_INIT { .dirs = STRVEC_INIT }

/* Appends a folder (from: where it was named, for messages). Returns 0,
 * or -1 after printing why (it is not a folder). */
int recipe_dirs_add(struct recipe_dirs *d, const char *dir, const char *from);
/* Appends the folders of GOSTATIC_RECIPES. Returns 0 or -1 (printed). */
int recipe_dirs_from_env(struct recipe_dirs *d);
void recipe_dirs_release(struct recipe_dirs *d);

/* Loads the recipe called name. With version (not NULL), the first recipe
 * of that name with that version is taken, else the first of that name.
 * Returns 0, 1 when there is none (nothing printed; *found_versions, when
 * not NULL, lists "version (origin)" of the ones seen), or -1 after
 * printing why (a recipe that does not parse). */
int recipe_load(const struct recipe_dirs *d, const char *name, const char *version,
		struct recipe *r, struct strvec *found_versions);

/* Calls fn for the first recipe of every name, in search order. fn
 * returns 0 to go on, 1 when it keeps the recipe (it then owns it and must
 * release it), or -1 to stop. Returns 0, or -1 (fn's, or a recipe that
 * does not parse, printed). */
int recipe_each(const struct recipe_dirs *d, int (*fn)(struct recipe *r, void *ctx), void *ctx);

#endif
