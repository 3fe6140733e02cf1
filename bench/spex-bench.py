#!/usr/bin/env python3
"""spex-bench.py GOSTATIC [--runs N] [--cold N] [--target T,...] - what
building spex costs

Measures `gostatic build --target T ./cmd/spex` of examples/spex
(confluent-kafka-go, so librdkafka, OpenSSL, zlib and zstd) for each target
(default linux/amd64,linux/arm64: native and cross-compiled, one after the
other), in private stores (GOSTATIC_HOME):
  cold store     nothing but the downloaded sources: the musl sysroot and
                 every recipe are built, then spex is linked (--cold runs,
                 default 1); with the time of every build, when it started
                 after gostatic did, and the critical path (the chain of
                 builds, each waiting for the one before, that ends last)
  cold recipes   the sysroot is there, the recipes are not
  warm           gostatic build vs go build in the environment printed by
                 `gostatic env librdkafka`, no-op and after an edit of
                 main.go; the two alternate --runs times (default 7) after
                 one warm-up each; the ratio is of the medians
  run check      `gostatic verify --run` of the output with -selftest:
                 natively, or under qemu-user for a foreign target
and at the end the cold times of the targets side by side.
With --cold 0 the cold builds are skipped and the warm ones use the store
of GOSTATIC_HOME (or the default one), built first when it lacks them.
Sources are fetched once, from whatever gostatic is configured to use
(GOSTATIC_MIRRORS, upstream, Debian), before anything is timed. The Go
module comes from Debian's golang-github-confluentinc-confluent-kafka-go-dev
(GOPATH mode). Prints figures; asserts nothing.
"""
import glob
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

from benchlib import compare, gostatic_env, parse_args, run

HERE = os.path.dirname(os.path.abspath(__file__))
GOPATH = "/usr/share/gocode"


def builds(home):
    """Every build recorded in the store: name -> (start, seconds, depends)."""
    out = {}
    # build times are kept beside the logs, not in the entries
    def timing(kind, name):
        t = json.load(open(os.path.join(home, "logs", "%s-%s.json" % (kind, name))))
        return t["started_at"], t["build_seconds"]
    for d in glob.glob(os.path.join(home, "sysroots", "*", "gostatic-sysroot.json")):
        out["sysroot"] = timing("sysroot", os.path.basename(os.path.dirname(d))) + ([],)
    for f in glob.glob(os.path.join(home, "pkgs", "*", "gostatic-pkg.json")):
        m = json.load(open(f))
        deps = [d.rsplit("-", 2)[0] for d in m.get("depends", [])] + ["sysroot"]
        out[m["name"]] = timing("pkg", m["entry"]) + (deps,)
    return out


def critical_path(b):
    """The chain that ends last: from the build that ends last, back through
    the dependency that ended last before it started."""
    end = lambda n: b[n][0] + b[n][1]
    name = max(b, key=end)
    chain = [name]
    while True:
        deps = [d for d in b[name][2] if d in b]
        if not deps:
            break
        name = max(deps, key=end)
        chain.append(name)
    return list(reversed(chain))


def cold(gostatic, env, sources, work, label, target, with_sysroot=None):
    home = os.path.join(work, "cold-" + label)
    shutil.copytree(sources, home)
    if with_sysroot:
        shutil.copytree(os.path.join(with_sysroot, "sysroots"), os.path.join(home, "sysroots"),
                        dirs_exist_ok=True)
    app = os.path.join(work, "spex-" + label)
    shutil.copytree(os.path.join(HERE, "..", "examples", "spex"), app)
    env = dict(env, GOSTATIC_HOME=home)
    t_start = time.time()
    total = run([gostatic, "build", "--target", target, "-o", "spex", "./cmd/spex"], env, app)
    b = builds(home)
    if with_sysroot:
        b.pop("sysroot", None)
    return home, total, t_start, b


def report_cold(label, total, t_start, b):
    print("%s: %.1f s wall" % (label, total))
    print("  %-12s %9s %9s %9s" % ("build", "starts", "takes", "ends"))
    for name in sorted(b, key=lambda n: b[n][0]):
        s, d, _ = b[name]
        print("  %-12s %8.1fs %8.1fs %8.1fs" % (name, s - t_start, d, s - t_start + d))
    chain = critical_path(b)
    busy = sum(b[n][1] for n in chain)
    last = max(b[n][0] + b[n][1] for n in b) - t_start
    print("  critical path: %s = %.1f s of builds; the last build ends at %.1f s; "
          "go build, fetch checks and waiting: %.1f s" % (" -> ".join(chain), busy, last, total - last))


def warm(gostatic, env, app, runs, target):
    genv = gostatic_env(gostatic, env, app, ["librdkafka"], target)
    main_go = os.path.join(app, "cmd", "spex", "main.go")
    print("%-22s %10s %12s %8s" % ("warm build, " + target.split("/")[-1], "gostatic ms", "go build ms",
                                    "ratio"))
    compare("no-op", gostatic, env, genv, app, "./cmd/spex", main_go, runs, edit=False, target=target)
    compare("after an edit", gostatic, env, genv, app, "./cmd/spex", main_go, runs, edit=True,
            target=target)


def run_check(gostatic, env, app):
    """Times `gostatic verify --run spex -- -selftest` (median of 3)."""
    argv = [gostatic, "verify", "--run", "spex", "--", "-selftest"]
    t = statistics.median(run(argv, env, app) for _ in range(3))
    print("run check (verify --run, -selftest): %.0f ms" % (t * 1e3))


def bench_target(gostatic, env, work, runs, ncold, target):
    """The cold, warm and run-check figures of one target; returns the
    cold store's median time."""
    tag = target.split("/")[-1]
    print("== %s" % target)
    sources = os.path.join(work, "sources-store")
    homes, totals = [], []
    for i in range(ncold):
        home, total, t_start, b = cold(gostatic, env, sources, work, "%s-store%d" % (tag, i), target)
        report_cold("cold store, run %d" % (i + 1), total, t_start, b)
        homes.append(home)
        totals.append(total)
    if ncold > 1:
        print("cold store: median %.1f s of %d" % (statistics.median(totals), ncold))
    print()
    _, total, t_start, b = cold(gostatic, env, sources, work, tag + "-recipes", target,
                                with_sysroot=homes[0])
    report_cold("cold recipes (sysroot in the store)", total, t_start, b)
    print()
    wenv = dict(env, GOSTATIC_HOME=homes[0])
    app = os.path.join(work, "spex-%s-store0" % tag)
    warm(gostatic, wenv, app, runs, target)
    run([gostatic, "build", "--target", target, "-o", "spex", "./cmd/spex"], wenv, app)
    run_check(gostatic, wenv, app)
    print()
    return statistics.median(totals), total


def main():
    parsed = parse_args(__doc__, 7, 1, ["linux/amd64", "linux/arm64"])
    if not parsed:
        return 2
    gostatic, runs, ncold, targets = parsed
    if not os.path.isdir(os.path.join(GOPATH, "src/github.com/confluentinc/confluent-kafka-go/kafka")):
        sys.exit("spex-bench: golang-github-confluentinc-confluent-kafka-go-dev is not installed")
    work = tempfile.mkdtemp(prefix="gostatic-bench-")
    try:
        env = dict(os.environ, GO111MODULE="off", GOPATH=GOPATH, GOFLAGS="", GOPROXY="off",
                   GOTOOLCHAIN="local")
        if ncold == 0:
            for target in targets:
                app = os.path.join(work, "spex-warm-" + target.split("/")[-1])
                shutil.copytree(os.path.join(HERE, "..", "examples", "spex"), app)
                run([gostatic, "build", "--target", target, "-o", "spex", "./cmd/spex"], env, app)
                warm(gostatic, env, app, runs, target)
                run_check(gostatic, env, app)
                print()
            return 0
        sources = os.path.join(work, "sources-store")
        env_src = dict(env, GOSTATIC_HOME=sources)
        t_fetch = run([gostatic, "sysroot", "fetch"], env_src)
        t_fetch += run([gostatic, "recipe", "fetch", "librdkafka"], env_src)
        shutil.rmtree(os.path.join(sources, "logs"), ignore_errors=True)
        print("fetch (first time): %.1f s" % t_fetch)
        print("cores: %d" % os.cpu_count())
        print()
        cold_times = [(t, bench_target(gostatic, env, work, runs, ncold, t)) for t in targets]
        print("%-14s %12s %14s" % ("cold spex", "empty store", "sysroot there"))
        base = cold_times[0][1]
        for t, (store, recipes) in cold_times:
            print("%-14s %11.1fs %13.1fs   (%.2f x %s)" % (t, store, recipes, store / base[0], targets[0]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
