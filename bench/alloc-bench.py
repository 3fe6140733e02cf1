#!/usr/bin/env python3
"""alloc-bench.py GOSTATIC [--runs N] - the static executable against the
glibc build it replaces, on real work, by allocator

Builds two programs, each several ways:
  kafkaroundtrip  confluent-kafka-go (Debian's, GOPATH mode): 100,000
                  messages produced to librdkafka's in-process mock cluster
                  over loopback TCP and consumed back, with zstd, then lz4
  sqlitework      go-sqlite3 with -tags libsqlite3: 100,000 inserts in
                  transactions of 1,000, an index, 50,000 indexed queries
                  and 200 range scans
and the ways are:
  glibc           plain `go build` against Debian's dynamic librdkafka
                  (librdkafka-dev) or libsqlite3 (libsqlite3-dev)
  gostatic        `gostatic build`: static, musl, mimalloc (the default)
  musl            `gostatic build --malloc musl`: musl's own mallocng
  ALLOC           `gostatic build --malloc ALLOC` for every other allocator
                  recipe given with --malloc A,B (e.g. jemalloc)
Each workload runs --runs times (default 7) per way, the ways alternating
round by round; the table gives the medians of wall time, CPU time (user +
system) and peak RSS, and each one's ratio to glibc. The store is
GOSTATIC_HOME's (recipes are built first when missing). Prints figures;
asserts nothing.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GOCODE = "/usr/share/gocode"
HERE = os.path.dirname(os.path.abspath(__file__))


def measure(argv, env):
    """Runs argv; returns (wall s, cpu s, peak RSS KiB)."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.execvpe(argv[0], argv, env)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if status:
        sys.exit("failed (status %d): %s" % (status, " ".join(argv)))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def build(gostatic, work, name, way, env):
    gopath = os.path.join(work, "gopath")
    src = os.path.join(gopath, "src", name)
    out = os.path.join(work, "%s-%s" % (name, way))
    benv = dict(env, GO111MODULE="off", GOPATH=gopath + ":" + GOCODE, GOFLAGS="-buildvcs=false", GOPROXY="off")
    tags = ["-tags", "libsqlite3"] if name == "sqlitework" else []
    if way == "glibc":
        argv = ["go", "build"] + tags + ["-o", out, "."]
        benv["CGO_ENABLED"] = "1"
    else:
        argv = [gostatic, "build"] + tags + ([] if way == "gostatic" else ["--malloc", way]) + ["-o", out, "."]
    r = subprocess.run(argv, cwd=src, env=benv, capture_output=True, text=True)
    if r.returncode:
        sys.exit("build of %s (%s) failed:\n%s%s" % (name, way, r.stdout, r.stderr[-3000:]))
    return out


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__.strip())
        return 2
    gostatic = os.path.abspath(args.pop(0))
    runs, extra = 7, []
    while args:
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--malloc":
            extra = [a for a in args.pop(0).split(",") if a]
        else:
            sys.exit("unknown option " + opt)
    for need in ("/usr/include/librdkafka/rdkafka_mock.h", "/usr/include/sqlite3.h",
                 GOCODE + "/src/github.com/confluentinc/confluent-kafka-go/kafka",
                 GOCODE + "/src/github.com/mattn/go-sqlite3"):
        if not os.path.exists(need):
            sys.exit("missing %s (Debian: librdkafka-dev libsqlite3-dev golang-github-confluentinc-confluent-"
                     "kafka-go-dev golang-github-mattn-go-sqlite3-dev)" % need)
    env = dict(os.environ)
    work = tempfile.mkdtemp(prefix="alloc-bench-")
    try:
        os.makedirs(os.path.join(work, "gopath", "src"))
        for name in ("kafkaroundtrip", "sqlitework"):
            shutil.copytree(os.path.join(HERE, "src", name), os.path.join(work, "gopath", "src", name))
        ways = ["glibc", "gostatic", "musl"] + extra
        workloads = [
            ("kafka zstd", "kafkaroundtrip", ["-codec", "zstd", "-n", "100000"]),
            ("kafka lz4", "kafkaroundtrip", ["-codec", "lz4", "-n", "100000"]),
            ("sqlite", "sqlitework", ["-n", "100000", os.path.join(work, "db.sqlite")]),
        ]
        exes = {}
        for name in ("kafkaroundtrip", "sqlitework"):
            for way in ways:
                exes[(name, way)] = build(gostatic, work, name, way, env)
        print("allocators: %s; %d runs each, alternating; medians" % (", ".join(ways), runs))
        print("%-11s %-9s %9s %7s %9s %7s %10s %7s" % ("workload", "build", "wall s", "ratio", "cpu s", "ratio",
                                                      "peak RSS", "ratio"))
        for label, name, argv in workloads:
            res = {w: [] for w in ways}
            for w in ways:   # one warm-up each
                measure([exes[(name, w)]] + argv, env)
            for _ in range(runs):
                for w in ways:
                    res[w].append(measure([exes[(name, w)]] + argv, env))
            med = {w: [statistics.median(x[i] for x in res[w]) for i in range(3)] for w in ways}
            base = med["glibc"]
            for w in ways:
                m = med[w]
                print("%-11s %-9s %9.2f %7.2f %9.2f %7.2f %7.1f MiB %7.2f" % (
                    label, w, m[0], m[0] / base[0], m[1], m[1] / base[1], m[2] / 1024.0, m[2] / base[2]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
