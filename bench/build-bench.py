#!/usr/bin/env python3
"""build-bench.py GOSTATIC [--runs N] [--cold N] - what gostatic build costs

Measures, in a private store (GOSTATIC_HOME) and a copy of examples/hello:
  cold sysroot   `gostatic sysroot create` on a store that has only the
                 musl source (median of --cold runs, default 3)
  warm, no-op    `gostatic build` vs `go build` in the environment printed by
                 `gostatic env`, nothing changed between runs
  warm, edited   the same, after a change to main.go before every run
The two commands alternate, --runs times each (default 7), after one warm-up
each; the ratio is of the medians. Sources come from whatever gostatic is
configured to use (GOSTATIC_MIRRORS, upstream, Debian); fetched once.
Prints figures; asserts nothing.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, env, cwd=None):
    t0 = time.perf_counter()
    r = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode:
        sys.exit("failed: %s\n%s" % (" ".join(argv), r.stderr.decode(errors="replace")))
    return dt


def gostatic_env(gostatic, env):
    out = subprocess.run([gostatic, "env"], env=env, capture_output=True, text=True, check=True).stdout
    result = dict(env)
    for line in out.splitlines():
        name, _, value = line[len("export "):].partition("=")
        result[name] = value.strip("'")
    return result


def compare(label, gostatic, env, genv, app, runs, edit):
    go_env = dict(genv)
    a = [gostatic, "build", "-o", os.path.join(app, "a.out")]
    b = ["go", "build", "-tags", genv["GOSTATIC_TAGS"], "-ldflags", genv["GOSTATIC_LDFLAGS"],
         "-o", os.path.join(app, "b.out")]
    main = os.path.join(app, "main.go")
    n = [0]

    def change():
        if edit:
            n[0] += 1
            with open(main, "a") as fh:
                fh.write("// change %d\n" % n[0])

    change()
    run(a, env, app)
    change()
    run(b, go_env, app)
    ta, tb = [], []
    for _ in range(runs):
        change()
        ta.append(run(a, env, app))
        change()
        tb.append(run(b, go_env, app))
    ma, mb = statistics.median(ta), statistics.median(tb)
    print("%-22s %10.1f %12.1f %8.3f" % (label, ma * 1e3, mb * 1e3, ma / mb))


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__.strip())
        return 2
    gostatic = os.path.abspath(args.pop(0))
    runs, cold = 7, 3
    while args:
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--cold":
            cold = int(args.pop(0))
        else:
            sys.exit("unknown option " + opt)
    work = tempfile.mkdtemp(prefix="gostatic-bench-")
    try:
        env = dict(os.environ, GOFLAGS="-buildvcs=false", GOPROXY="off", GOTOOLCHAIN="local")
        sources = os.path.join(work, "sources-store")
        env_src = dict(env, GOSTATIC_HOME=sources)
        t_fetch = run([gostatic, "sysroot", "fetch"], env_src)
        colds = []
        for i in range(cold):
            home = os.path.join(work, "store%d" % i)
            shutil.copytree(sources, home)
            colds.append(run([gostatic, "sysroot", "create"], dict(env, GOSTATIC_HOME=home)))
        env["GOSTATIC_HOME"] = os.path.join(work, "store0")
        print("fetch (first time)     %10.1f ms" % (t_fetch * 1e3))
        print("cold sysroot create    %10.1f s   (median of %d: %s)" % (
            statistics.median(colds), cold, ", ".join("%.1f" % c for c in colds)))
        app = os.path.join(work, "app")
        shutil.copytree(os.path.join(HERE, "..", "examples", "hello"), app)
        genv = gostatic_env(gostatic, env)
        print()
        print("%-22s %10s %12s %8s" % ("warm build", "gostatic ms", "go build ms", "ratio"))
        compare("no-op", gostatic, env, genv, app, runs, edit=False)
        compare("after an edit", gostatic, env, genv, app, runs, edit=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
