"""benchlib.py - what the benchmarks share: timed runs, gostatic env, and the
warm comparison of `gostatic build` with a plain `go build`."""
import os
import statistics
import subprocess
import sys
import time


def parse_args(doc, runs, cold, targets=None):
    """GOSTATIC [--runs N] [--cold N] from the command line, with these
    defaults, and [--target T,...] (a list) when targets is given; prints
    doc and returns None without arguments."""
    args = sys.argv[1:]
    if not args:
        print(doc.strip())
        return None
    gostatic = os.path.abspath(args.pop(0))
    while args:
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--cold":
            cold = int(args.pop(0))
        elif opt == "--target" and targets is not None:
            targets = args.pop(0).split(",")
        else:
            sys.exit("unknown option " + opt)
    if targets is not None:
        return gostatic, runs, cold, targets
    return gostatic, runs, cold


def run(argv, env, cwd=None):
    """Runs argv; returns its wall time in seconds, or exits with its output."""
    t0 = time.perf_counter()
    r = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode:
        sys.exit("failed: %s\n%s%s" % (" ".join(argv), r.stdout.decode(errors="replace"),
                                       r.stderr.decode(errors="replace")[-4000:]))
    return dt


def gostatic_env(gostatic, env, cwd=None, recipes=(), target=None):
    """env plus what `gostatic env [--target T] RECIPES...` exports."""
    argv = [gostatic, "env"] + (["--target", target] if target else []) + list(recipes)
    out = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=True).stdout
    result = dict(env)
    for line in out.splitlines():
        name, _, value = line[len("export "):].partition("=")
        result[name] = value.strip("'")
    return result


def compare(label, gostatic, env, genv, app, pkg, main, runs, edit, target=None):
    """Alternates `gostatic build [--target T] PKG` (in env) and `go build
    PKG` (in genv) in app, runs times each after one warm-up each, appending
    a line to main before every run when edit is true; prints the medians
    and their ratio."""
    a = [gostatic, "build"] + (["--target", target] if target else []) + ["-o", os.path.join(app, "a.out"), pkg]
    b = ["go", "build", "-tags", genv["GOSTATIC_TAGS"], "-ldflags", genv["GOSTATIC_LDFLAGS"],
         "-o", os.path.join(app, "b.out"), pkg]
    n = [0]

    def change():
        if edit:
            n[0] += 1
            with open(main, "a") as fh:
                fh.write("// change %d\n" % n[0])

    change()
    run(a, env, app)
    change()
    run(b, genv, app)
    ta, tb = [], []
    for _ in range(runs):
        change()
        ta.append(run(a, env, app))
        change()
        tb.append(run(b, genv, app))
    ma, mb = statistics.median(ta), statistics.median(tb)
    print("%-22s %10.1f %12.1f %8.3f" % (label, ma * 1e3, mb * 1e3, ma / mb))
