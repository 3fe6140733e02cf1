# Archives that try to write outside their folder are refused when a
# sysroot is built from them, and nothing of them stays in the store.
. "$(dirname "$0")/../lib.sh"
mkdir "$T/mirror" "$T/defs"
python3 - "$T/mirror" <<'PY'
import io, sys, tarfile
out = sys.argv[1]
def tar(name, members):
    with tarfile.open(f"{out}/{name}.tar.gz", "w:gz") as t:
        top = tarfile.TarInfo("evil-1/")
        top.type = tarfile.DIRTYPE
        t.addfile(top)
        for info, data in members:
            t.addfile(info, io.BytesIO(data) if data is not None else None)
def reg(name, data=b"x\n"):
    i = tarfile.TarInfo(name); i.size = len(data); return (i, data)
def special(name, kind, target=""):
    i = tarfile.TarInfo(name); i.type = kind; i.linkname = target; return (i, None)
tar("absolute", [reg("/tmp/gostatic-archive-evil-abs")])
tar("dotdot", [reg("evil-1/../../gostatic-archive-evil-dotdot")])
tar("symlink", [special("evil-1/out", tarfile.SYMTYPE, "../../../../etc")])
tar("symlink-abs", [special("evil-1/out", tarfile.SYMTYPE, "/etc/passwd")])
tar("hardlink", [special("evil-1/hl", tarfile.LNKTYPE, "/etc/passwd")])
tar("device", [special("evil-1/null", tarfile.CHRTYPE)])
tar("fifo", [special("evil-1/fifo", tarfile.FIFOTYPE)])
PY
export GOSTATIC_HOME=$T/store GOSTATIC_SYSROOTS=$T/defs GOSTATIC_FETCH=mirrors GOSTATIC_MIRRORS=file://$T/mirror
for kind in absolute:"an absolute path" dotdot:"a '..' component" \
	symlink:"a symbolic link to '../../../../etc', outside the source tree" \
	symlink-abs:"a symbolic link to '/etc/passwd'" hardlink:"a hard link to '/etc/passwd'" \
	device:"a character device" fifo:"a FIFO"; do
	name=${kind%%:*}
	reason=${kind#*:}
	sha=$(sha256sum <"$T/mirror/$name.tar.gz" | cut -d' ' -f1)
	cat >"$T/defs/$name.sysroot" <<DEF
[sysroot]
target = evil-$name
goos = linux
goarch = amd64
compiler = gcc
dynamic-linker = /lib/ld-musl-x86_64.so.1
[source]
name = evil
version = 1
file = $name.tar.gz
sha256 = $sha
DEF
	"$GOSTATIC" sysroot create --target "evil-$name" >"$T/out" 2>"$T/err"
	[ $? -eq 1 ] || fail "$name: the archive was accepted: $(cat "$T/err")"
	grep -qF -- "refused entry" "$T/err" || fail "$name: $(cat "$T/err")"
	grep -qF -- "$reason" "$T/err" || fail "$name: the reason is not '$reason': $(cat "$T/err")"
	grep -qF -- "$name.tar.gz" "$T/err" || fail "$name: the archive is not named: $(cat "$T/err")"
	[ -z "$(ls -A "$GOSTATIC_HOME/sysroots")" ] || fail "$name: left in the store: $(ls -A "$GOSTATIC_HOME/sysroots")"
done
[ ! -e /tmp/gostatic-archive-evil-abs ] || fail "an absolute path was written"
[ ! -e "$GOSTATIC_HOME/gostatic-archive-evil-dotdot" ] && [ ! -e "$T/gostatic-archive-evil-dotdot" ] ||
	fail "a '..' path was written"
exit 0
