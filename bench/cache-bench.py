#!/usr/bin/env python3
"""cache-bench.py GOSTATIC [--runs N] - what the binary cache saves

Measures, side by side in one run, `gostatic build ./cmd/spex` of
examples/spex (confluent-kafka-go: the musl sysroot, librdkafka, OpenSSL,
zlib, zstd and mimalloc) in private stores (GOSTATIC_HOME):
  cold, source   an empty store with only the downloaded sources: every
                 entry is compiled (once)
  cold, cache    an empty store and no sources, with GOSTATIC_CACHE
                 pointing at a docker-registry on loopback that holds the
                 entries (pushed from the first store): everything is
                 pulled (median of --runs, default 3, each on a new store)
  cold, cache, empty go cache
                 once more with an empty go build cache too (what a fresh
                 runner without any cache of Go's sees), for the record
  warm           a store with every entry and GOSTATIC_CACHE set: the
                 registry's access log counts the requests gostatic made
and prints the ratio cold-cache / cold-source (goal: <= 0.10) and the
number of requests of the warm build (goal: 0). The go build cache is
shared by all runs, warmed first, so that the ratio is about the C.
Needs Debian's docker-registry and golang-github-confluentinc-confluent-kafka-go-dev.
Prints figures; asserts nothing.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import parse_args, run

HERE = os.path.dirname(os.path.abspath(__file__))
GOPATH = "/usr/share/gocode"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_registry(work):
    port = free_port()
    data = os.path.join(work, "registry")
    os.makedirs(data)
    cfg = os.path.join(work, "registry.yml")
    with open(cfg, "w") as f:
        f.write("version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\n"
                "storage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%d\n" % (data, port))
    log = open(os.path.join(work, "registry.log"), "w")
    proc = subprocess.Popen(["docker-registry", "serve", cfg], stdout=log, stderr=log)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, "127.0.0.1:%d" % port, log.name
        except OSError:
            time.sleep(0.05)
    sys.exit("docker-registry did not start")


def requests(log):
    with open(log) as f:
        return sum(1 for line in f if '"GET ' in line or '"HEAD ' in line or '"PUT ' in line or '"POST ' in line)


def main():
    parsed = parse_args(__doc__, 3, 1)
    if not parsed:
        return 2
    gostatic, runs, _ = parsed
    work = tempfile.mkdtemp(prefix="gostatic-cache-bench-")
    reg = None
    try:
        gopath = os.path.join(work, "gopath")
        app = os.path.join(gopath, "src", "spex")
        shutil.copytree(os.path.join(HERE, "..", "examples", "spex"), app)
        env = dict(os.environ, GOFLAGS="-buildvcs=false", GOPROXY="off", GOTOOLCHAIN="local",
                   GO111MODULE="off", GOPATH=gopath + ":" + GOPATH, GOCACHE=os.path.join(work, "gocache"))
        for k in ("GOSTATIC_CACHE", "GOSTATIC_CACHE_PUSH"):
            env.pop(k, None)
        build = [gostatic, "build", "-o", os.path.join(work, "spex"), "./cmd/spex"]

        sources = os.path.join(work, "source-store")
        src_env = dict(env, GOSTATIC_HOME=sources)
        run([gostatic, "sysroot", "fetch"], src_env)
        run([gostatic, "recipe", "fetch", "librdkafka", "mimalloc"], src_env)
        t_source = run(build, src_env, app)
        print("cold, source   %7.1f s  (sysroot and 5 C libraries compiled)" % t_source)

        reg, host, log = start_registry(work)
        keys = os.path.join(work, "key")
        run([gostatic, "cache", "keygen", keys], env)
        cenv = dict(env, GOSTATIC_CACHE="oci+http://%s/gostatic" % host, GOSTATIC_CACHE_KEY=keys,
                    GOSTATIC_CACHE_TRUST=keys + ".pub")
        t_push = run([gostatic, "cache", "push", "librdkafka", "mimalloc"], dict(cenv, GOSTATIC_HOME=sources))
        print("push           %7.1f s  (6 entries, packed and signed)" % t_push)

        pulls = []
        for i in range(runs):
            home = os.path.join(work, "pull-store%d" % i)
            penv = dict(cenv, GOSTATIC_HOME=home, GOSTATIC_FETCH="mirrors",
                        GOSTATIC_MIRRORS="file://" + os.path.join(work, "nothing"))
            pulls.append(run(build, penv, app))
            if os.path.isdir(os.path.join(home, "logs")) and any(
                    n.endswith(".log") for n in os.listdir(os.path.join(home, "logs"))):
                sys.exit("a pull run compiled something: %s" % os.listdir(os.path.join(home, "logs")))
        t_pull = statistics.median(pulls)
        print("cold, cache    %7.1f s  (median of %d: %s)" % (t_pull, runs, ", ".join("%.1f" % t for t in pulls)))
        print("ratio          %7.3f    cold from the cache / cold from source (goal <= 0.10)" % (t_pull / t_source))

        home = os.path.join(work, "pull-store-nogo")
        t_nogo = run(build, dict(cenv, GOSTATIC_HOME=home, GOSTATIC_FETCH="mirrors",
                                 GOSTATIC_MIRRORS="file://" + os.path.join(work, "nothing"),
                                 GOCACHE=os.path.join(work, "gocache-empty")), app)
        print("cold, cache    %7.1f s  with an empty go build cache as well" % t_nogo)

        before = requests(log)
        t_warm = run(build, dict(cenv, GOSTATIC_HOME=sources), app)
        print("warm           %7.1f s  %d requests to the registry (goal 0)" % (t_warm, requests(log) - before))
    finally:
        if reg:
            reg.terminate()
            reg.wait()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
