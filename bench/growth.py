#!/usr/bin/env python3
"""bench/run growth: how the generator and the generated code grow with the number of queries.

For 10, 100 and 1,000 annotated queries over the bench schema (bench.py's query templates):
`soong generate` cold (--no-cache: throwaway server + typing every query) and warm (a filled
--cache-dir, nothing changed), medians of 3; then the time to compile every generated .cpp with
the build's compiler at -O2 (two files at a time, as on these 2 cores), and the object size.
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import write_generator_queries  # noqa: E402


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("growth: %s failed: %s" % (command[0], done.stderr[-2000:]))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--soong", required=True)
    parser.add_argument("--counts", default="10,100,1000")
    parser.add_argument("--cxx", default="g++-12")
    args = parser.parse_args()
    print("| queries | files | generate cold (median of 3) | generate warm (median of 3) "
          "| compile generated .cpp, -O2, 2 at a time | objects |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in [int(c) for c in args.counts.split(",")]:
        with tempfile.TemporaryDirectory() as folder:
            queries = os.path.join(folder, "queries")
            write_generator_queries(queries, count)
            base = [args.soong, "generate", "--schema", os.path.join(HERE, "sql", "schema.sql"),
                    "--queries", queries, "--namespace", "gen::db"]
            out = os.path.join(folder, "out")
            cold = [timed(base + ["--out", out, "--no-cache"]) for _ in range(3)]
            cache = ["--out", out, "--cache-dir", os.path.join(folder, "cache")]
            timed(base + cache)
            warm = [timed(base + cache) for _ in range(3)]
            sources = sorted(glob.glob(os.path.join(out, "**", "*.cpp"), recursive=True))
            objects = os.path.join(folder, "obj")
            os.makedirs(objects)
            start = time.perf_counter()
            running = []
            for number, source in enumerate(sources):
                running.append(subprocess.Popen(
                    [args.cxx, "-std=c++20", "-O2", "-c", source, "-I", out,
                     "-I", os.path.join(ROOT, "runtime", "include"), "-isystem",
                     "/usr/include/postgresql", "-o", os.path.join(objects, "%d.o" % number)]))
                if len(running) == 2:
                    if running.pop(0).wait() != 0:
                        sys.exit("growth: compiling generated code failed")
            for process in running:
                if process.wait() != 0:
                    sys.exit("growth: compiling generated code failed")
            compile_seconds = time.perf_counter() - start
            size = sum(os.path.getsize(os.path.join(objects, f)) for f in os.listdir(objects))
            print("| %d | %d | %.2f s | %.3f s | %.1f s | %.1f MB |" % (
                count, len(sources), statistics.median(cold), statistics.median(warm),
                compile_seconds, size / 1e6), flush=True)


if __name__ == "__main__":
    main()
