#!/usr/bin/env python3
"""recipes-bench.py GOSTATIC [--target T,...] [RECIPE...] - what each recipe costs

Builds each recipe (default: every built-in recipe, dependencies first) one
at a time into a private store (GOSTATIC_HOME) that starts with only the
sysroots, for each target (default linux/amd64,linux/arm64), so that each
build time is that recipe's alone on an otherwise idle gostatic. Prints, per
recipe and target: the build time gostatic reports, the size of its static
archives, and the first line of its check's output (the check runs under
qemu for a foreign target). Sources come from whatever gostatic is
configured to use (GOSTATIC_MIRRORS, upstream, Debian). Prints figures;
asserts nothing.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# dependencies before their users
ORDER = ["zlib", "zstd", "lz4", "openssl", "krb5", "cyrus-sasl", "librdkafka", "sqlite3", "libpcap",
         "c-ares", "libssh2", "nghttp2", "curl", "mimalloc", "jemalloc", "libseccomp", "libusb",
         "libgpg-error", "libassuan", "gpgme", "libxml2", "libsodium", "libffi", "libelf", "libbpf"]


def recipe_names(gostatic, env):
    out = subprocess.run([gostatic, "recipe", "list"], env=env, capture_output=True, text=True,
                         check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[1:] if line.strip()]
    known = [n for n in ORDER if n in names]
    return known + sorted(n for n in names if n not in ORDER)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__.strip())
        return 2
    gostatic = os.path.abspath(args.pop(0))
    targets = ["linux/amd64", "linux/arm64"]
    wanted = []
    while args:
        a = args.pop(0)
        if a == "--target":
            targets = args.pop(0).split(",")
        else:
            wanted.append(a)
    work = tempfile.mkdtemp(prefix="gostatic-recipes-bench-")
    env = dict(os.environ, GOSTATIC_HOME=os.path.join(work, "store"))
    try:
        names = wanted or recipe_names(gostatic, env)
        rows = []
        for target in targets:
            subprocess.run([gostatic, "sysroot", "create", "--target", target], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            for name in names:
                r = subprocess.run([gostatic, "recipe", "build", "--target", target, name], env=env,
                                   capture_output=True, text=True)
                if r.returncode:
                    rows.append((name, target, "failed", "", r.stderr.strip().splitlines()[-1:]))
                    continue
                for line in r.stdout.splitlines():
                    m = re.match(r"^(\S+)\s+(\S+)\s+built in ([0-9.]+) s\s+(\S+)$", line)
                    if not m or m.group(1) != name:
                        continue
                    entry = m.group(4)
                    size = sum(os.path.getsize(a) for a in glob.glob(os.path.join(entry, "lib", "*.a")))
                    with open(os.path.join(entry, "gostatic-pkg.json")) as fh:
                        check = (json.load(fh).get("check") or "").splitlines()
                    rows.append((name, target, m.group(3) + " s", "%.0f KiB" % (size / 1024),
                                 check[:1]))
        print("%-14s %-12s %10s %10s  %s" % ("recipe", "target", "build", "archives", "check"))
        for name, target, t, size, check in rows:
            print("%-14s %-12s %10s %10s  %s" % (name, target, t, size, check[0] if check else ""))
        return 0
    finally:
        subprocess.run(["chmod", "-R", "u+w", work])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
