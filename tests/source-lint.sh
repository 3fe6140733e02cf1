#!/bin/bash
# source-lint.sh ROOT - the project's conventions, checked so reviewers don't have to
#
# Each rule is one grep or awk over all the files it concerns, so the whole
# lint is a handful of processes and takes about a second.
set -u

root=${1:-.}
cd "$root" || exit 2
errors=0
err() {
	echo "$1"
	errors=$((errors + 1))
}

# Tracked files when this is a git checkout, else everything (a tarball).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	mapfile -t all < <(git ls-files --cached --others --exclude-standard | grep -v '^tests/fuzz/corpus/')
else
	mapfile -t all < <(find . -type f -not -path './build*' -not -path './.git/*' -not -path './tests/fuzz/corpus/*' |
		sed 's|^\./||')
fi
present=()
for f in "${all[@]}"; do [ -f "$f" ] && present+=("$f"); done
# text files: what grep does not call binary, and empty files
mapfile -t text < <({ grep -IlZ '' "${present[@]}" 2>/dev/null | tr '\0' '\n'; find "${present[@]}" -maxdepth 0 -empty 2>/dev/null; } | sort -u)
csrc=()
for f in "${text[@]}"; do
	case $f in driver/*.c | driver/*.h) csrc+=("$f") ;; esac
done

check_grep() { # check_grep MESSAGE REGEX FILES...: one error per matching line
	local msg=$1 re=$2 l rest
	shift 2
	[ $# -gt 0 ] || return 0
	while IFS= read -r l; do
		rest=${l#*:}
		err "${l%%:*}:${rest%%:*}: $msg"
	done < <(grep -HnE -- "$re" "$@" 2>/dev/null)
}

# 1. allocation goes through util.c's x* wrappers (they die on OOM)
alloc_files=()
for f in "${csrc[@]}"; do [ "$f" = driver/util.c ] || alloc_files+=("$f"); done
check_grep "raw allocation; use xmalloc() and friends" \
	'(^|[^_a-z])(malloc|calloc|realloc|strdup|strndup)[[:space:]]*\(' "${alloc_files[@]}"

# 2. calls that overflow, shell out, or parse numbers without error checks
check_grep "banned call (unbounded, shell or unchecked)" \
	'(^|[^_a-z])(sprintf|vsprintf|strcpy|strcat|gets|system|popen|atoi|atol|strtok)[[:space:]]*\(' \
	"${csrc[@]}"

# 3. the pure files (the ELF/verify engine, the data-file parsers, the .pc
# rewriting, the build-system table) only compute over buffers: they never
# print, exit, read the environment, touch the file system or spawn, and
# include nothing of the I/O side
pure=(driver/elffile.c driver/symver.c driver/goinfo.c driver/upx.c driver/libcscan.c
	driver/verify.c driver/finding.c driver/recipe.c driver/sysrootdef.c driver/inifile.c
	driver/pcfile.c driver/arfile.c driver/sbom.c driver/buildsys.c driver/arch.c driver/ociref.c driver/recipenew.c)
check_grep "a pure file must not print, exit, do I/O or spawn" \
	'(^|[^_a-z])(printf|fprintf|vfprintf|puts|fputs|perror|exit|_exit|die|abort|getenv|secure_getenv|open|openat|fopen|read|write|close|stat|lstat|fstat|opendir|readdir|unlink|rename|mkdir|uname|fork|vfork|execv|execve|execvp|execveat|posix_spawn|posix_spawnp|popen|gs_error|gs_warn|out_[a-z_]+|proc_[a-z_]+|runcheck[a-z_]*|fetch_[a-z_]+|store_[a-z_]+)[[:space:]]*\(' \
	"${pure[@]}"
check_grep "a pure file must not include the I/O side" \
	'^#include ([<"](log|proc|fsutil|runcheck|fetch|store|jobs|mapfile|datadir|recipes|sysroot)\.h[">]|<(dirent|fcntl|unistd|spawn|sys/stat|sys/wait|sys/mman)\.h>)' \
	"${pure[@]}" $(for f in "${pure[@]}"; do [ -f "${f%.c}.h" ] && echo "${f%.c}.h"; done)

# 3b. one output channel: only log.c (and main.c, which sets it up) use the
# stderr stream; everything else goes through log.h
out_files=()
for f in "${csrc[@]}"; do
	case $f in driver/log.c | driver/main.c) ;; *) out_files+=("$f") ;; esac
done
check_grep "stderr outside log.c; use gs_error/gs_warn/out_info/out_step (log.h)" \
	'[(,=][[:space:]]*stderr[[:space:]]*[,);]' "${out_files[@]}"

# 4. each source file names itself on its first line; each module has a header
while IFS= read -r l; do [ -n "$l" ] && err "$l"; done < <(awk '
	FNR == 1 {
		base = FILENAME; sub(/^driver\//, "", base)
		if (index($0, "/* " base " - ") != 1)
			printf "%s:1: first line must be %c/* %s - what it is */%c\n", FILENAME, 39, base, 39
	}' "${csrc[@]}")
for f in "${csrc[@]}"; do
	base=${f#driver/}
	case $base in
	main.c | cmd_*.c | *.h) ;;
	*.c) [ -f "driver/${base%.c}.h" ] || err "$f: a module needs its header driver/${base%.c}.h" ;;
	esac
done

# 5. every exported function in a header is documented by a comment above it
while IFS= read -r l; do [ -n "$l" ] && err "$l"; done < <(awk '
	FNR == 1 { incomment = 0; documented = 0; proto = 0 }
	/^\/\*/ { incomment = 1 }
	incomment { if (/\*\//) { incomment = 0; documented = 1 }; next }
	/^[ \t]*$/ { documented = 0; next }
	/^#/ { next }
	/^[A-Za-z_].*[a-z_0-9]\(.*/ && !/^typedef/ && !/^(struct|enum|union) [a-z_]+ \{/ && !/^static inline/ {
		if (!documented) printf "%s:%d: exported function without a comment above it\n", FILENAME, FNR
		proto = 1
	}
	{ if (!proto) documented = 0; if (/;[ \t]*$/) proto = 0 }' driver/*.h)

# 6. no trailing whitespace, no tabs-after-spaces indentation in C
ws=()
for f in "${text[@]}"; do
	case $f in *.md | *.c | *.h | *.sh | *.build | *.txt | *.case | *.go | .ci/* | scripts/* | bench/*) ws+=("$f") ;; esac
done
check_grep "trailing whitespace" '[[:space:]]$' "${ws[@]}"
check_grep "indent C with tabs" '^ +	' "${csrc[@]}"

# 7. the project speaks of itself only: no machine paths, no registry hosts
check_grep "machine-specific path" '(/wor[k]/|/tmp/ex[p]|/home/[a-z]+/|/roo[t]/\.)' "${text[@]}"
check_grep "names a package registry host" \
	'(deb\.debian\.org|security\.debian\.org|snapshot\.debian\.org|registry\.npmjs\.org|proxy\.golang\.org)' \
	"${text[@]}"

# 8. README: exactly two set-up commands, and .ci/run runs the second
if [ -f README.md ]; then
	block=$(awk '/^## Set up/ { s = 1; next } s && /^```/ { if (inb) exit; inb = 1; next } s && inb' README.md)
	n=$(printf '%s\n' "$block" | grep -cvE '^[[:space:]]*(#|$)')
	[ "$n" -eq 2 ] || err "README.md: the '## Set up' block must hold exactly two commands (found $n)"
	test_cmd=$(printf '%s\n' "$block" | grep -vE '^[[:space:]]*(#|$)' | sed -n 2p)
	grep -qF -- "$test_cmd" .ci/run || err ".ci/run: does not run README's test command '$test_cmd'"
else
	err "README.md is missing"
fi

# 9. every finding code is documented
if [ -f docs/verify.md ]; then
	for code in $(sed -n 's/^[[:space:]]*X(\([A-Z0-9_]*\),.*/\1/p' driver/finding.h); do
		grep -q "\`$code\`" docs/verify.md || err "docs/verify.md: finding code $code is not documented"
	done
else
	err "docs/verify.md is missing"
fi

# 10. no tracked file is one that .gitignore ignores (build output, caches)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	while IFS= read -r f; do
		[ -n "$f" ] && err "$f: tracked, but .gitignore ignores it; git rm --cached it"
	done < <(git ls-files -ci --exclude-standard)
fi

if [ "$errors" -gt 0 ]; then
	echo "$errors problem(s)"
	exit 1
fi
echo "source lint: ${#csrc[@]} C files, ${#text[@]} text files, no problems"
