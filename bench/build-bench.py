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
import sys
import tempfile

from benchlib import compare, gostatic_env, parse_args, run

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parsed = parse_args(__doc__, 7, 3)
    if not parsed:
        return 2
    gostatic, runs, cold = parsed
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
        main_go = os.path.join(app, "main.go")
        print()
        print("%-22s %10s %12s %8s" % ("warm build", "gostatic ms", "go build ms", "ratio"))
        compare("no-op", gostatic, env, genv, app, ".", main_go, runs, edit=False)
        compare("after an edit", gostatic, env, genv, app, ".", main_go, runs, edit=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
