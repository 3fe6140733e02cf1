#!/usr/bin/env python3
"""verify-bench.py GOSTATIC [FILE...] - how fast and how lean verify is

For each file: the median wall time of `gostatic verify --json` over 7 runs,
its peak resident memory, the throughput, and the ratio to what a person
runs by hand to learn less (`readelf -lW -dW -VW`, plus `go version -m` for
a Go binary). Without FILE arguments it measures the largest Go and C
executables this machine has. Prints a table; asserts nothing.
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

RUNS = 7


def timed(argv):
    """Median seconds of RUNS runs and the peak RSS (KiB) of the slowest."""
    times, peak = [], 0
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak


def default_files():
    candidates = [
        "/usr/lib/go-1.23/pkg/tool/linux_amd64/compile",
        "/usr/lib/go-1.23/bin/go",
        "/usr/lib/go-1.19/pkg/tool/linux_amd64/compile",
        shutil.which("gcc") or "",
        shutil.which("bash") or "",
    ]
    return [f for f in candidates if f and os.path.isfile(f)]


def is_go(gostatic, path):
    out = subprocess.run([gostatic, "verify", "--json", path], capture_output=True, text=True).stdout
    return '"go":{' in out


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip())
        return 2
    gostatic = sys.argv[1]
    files = sys.argv[2:] or default_files()
    go = shutil.which("go")
    print(f"{'file':<48} {'size MB':>8} {'verify ms':>10} {'MB/s':>8} {'peak RSS MB':>12} "
          f"{'by hand ms':>11} {'ratio':>6}")
    for f in files:
        size = os.path.getsize(f) / 1e6
        # the child RSS maximum only grows, so measure each file in a fresh process
        probe = subprocess.run([sys.executable, "-c", f"""
import resource, subprocess, statistics, time
ts = []
for _ in range({RUNS}):
    t0 = time.perf_counter()
    subprocess.run([{gostatic!r}, "verify", "--json", {f!r}], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t0)
print(statistics.median(ts), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""], capture_output=True, text=True).stdout.split()
        t_verify, rss = float(probe[0]), int(probe[1])
        manual = [["readelf", "-lW", "-dW", "-VW", f]]
        if go and is_go(gostatic, f):
            manual.append([go, "version", "-m", f])
        t_manual = sum(timed(argv)[0] for argv in manual)
        print(f"{os.path.basename(f) + ' (' + os.path.dirname(f)[-24:] + ')':<48} {size:8.1f} "
              f"{t_verify * 1e3:10.1f} {size / t_verify:8.0f} {rss / 1024:12.1f} "
              f"{t_manual * 1e3:11.1f} {t_verify / t_manual:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
