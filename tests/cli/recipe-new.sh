# gostatic recipe new writes a working recipe for libraries that have none,
# from Debian's source packages: libyaml (cmake; its pkg-config template is
# autotools-only, which the trial build shows) and cJSON (cmake). The
# recipes record the orig tarball's sha256, the licence and what a trial
# build installed; libyaml's then builds as it is written, and both parse.
# A second recipe new for the same name refuses to overwrite.
. "$(dirname "$0")/../lib.sh"
warm_store
command -v apt-get >/dev/null || skip "apt-get is not installed"
mkdir -p "$T/recipes"
cd "$T/recipes" || fail "no folder"
export GOSTATIC_RECIPES=$T/recipes
"$GOSTATIC" recipe new yaml --from-debian libyaml=0.2.5-1 >"$T/out" 2>"$T/err" || {
	grep -q "deb-src" "$T/err" && skip "no deb-src entries: $(cat "$T/err")"
	fail "recipe new yaml: $(cat "$T/out" "$T/err")"
}
grep -q "^wrote yaml.recipe: yaml 0.2.5, cmake, licence MIT (License), provides -lyaml include/yaml.h (from a trial build)$" \
	"$T/out" || fail "$(cat "$T/out" "$T/err")"
grep -qx "sha256 = fa240dbf262be053f3898006d502d514936c818e422afdcf33921c63bed9bf2e" yaml.recipe || fail "$(cat yaml.recipe)"
grep -qx "debian = libyaml=0.2.5-1 libyaml_0.2.5.orig.tar.gz" yaml.recipe || fail "$(cat yaml.recipe)"
grep -q "^pkgconfig" yaml.recipe && fail "promises a pkg-config module cmake does not install: $(cat yaml.recipe)"
"$GOSTATIC" recipe build yaml >"$T/out" 2>"$T/err" || fail "the written recipe does not build: $(cat "$T/err")"
entry=$(awk '$1 == "yaml" { print $NF }' "$T/out")
[ -f "$entry/lib/libyaml.a" ] && [ -f "$entry/share/licenses/yaml/License" ] || fail "$(ls -R "$entry")"

"$GOSTATIC" recipe new cjson --from-debian cjson >"$T/out" 2>"$T/err" || fail "recipe new cjson: $(cat "$T/out" "$T/err")"
grep -q "^wrote cjson.recipe: cjson 1.7.15, cmake, licence MIT (LICENSE), provides libcjson -lcjson (from a trial build)$" \
	"$T/out" || fail "$(cat "$T/out" "$T/err")"
"$GOSTATIC" recipe show cjson >"$T/out" 2>"$T/err" || fail "the written recipe does not parse: $(cat "$T/err")"
grep -q "^provides   libcjson -lcjson$" "$T/out" || fail "$(cat "$T/out")"

"$GOSTATIC" recipe new cjson --from-debian cjson >"$T/out" 2>"$T/err" && fail "overwrote cjson.recipe"
grep -q "'cjson.recipe' exists already" "$T/err" || fail "$(cat "$T/err")"
exit 0
