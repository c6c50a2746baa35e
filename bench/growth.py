#!/usr/bin/env python3
"""bench/run growth: how the generator and the generated code grow with the number of queries.

For 10, 100 and 1,000 annotated queries over the bench schema (bench.py's query templates):
`soong generate` cold (--no-cache: throwaway server + typing every query) and warm (a filled
--cache-dir, nothing changed), medians of 3; then the time to compile every generated .cpp with
the build's compiler at -O2 (two files at a time, as on these 2 cores), and the object size.

Then a :many result of 10^3..10^6 generated rows (bench/sql/queries/growth_series.sql) read by
rows_growth into a vector and through the row callback: client CPU and peak RSS, medians of 3;
both forms must see the same rows (checksum).
"""
import argparse
import glob
import json
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
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--rows", default="1000,10000,100000,1000000")
    parser.add_argument("--skip-generator", action="store_true")
    parser.add_argument("--build-files", help="instead: a CMake build of one add_sql_queries() "
                        "target of this many query files (build_growth.py)")
    parser.add_argument("--build-generate-only", action="store_true",
                        help="with --build-files: build only the generated files")
    parser.add_argument("--cmake-module", help="with --build-files: the SoongAddSqlQueries.cmake "
                        "to measure (default: this checkout's)")
    args = parser.parse_args()
    if args.build_files:
        from build_growth import build_growth
        build_growth(args)
        return
    if not args.skip_generator:
        generator_growth(args)
    rows_growth(args)


def rows_growth(args):
    sys.path.insert(0, os.path.join(HERE, "serverless"))
    import common
    program = os.path.join(args.build_dir, "bench", "rows_growth")
    print()
    print("| rows | form | client CPU (median of 3) | peak RSS (median of 3) |")
    print("|---:|---|---:|---:|")
    with common.cruddur_database(args.build_dir) as db:
        conninfo = "host=%s port=%s dbname=%s user=%s sslmode=disable" % (
            db["host"], db["port"], db["dbname"], db["user"])
        for rows in [int(r) for r in args.rows.split(",")]:
            checksums = set()
            for form in ("vector", "stream"):
                runs = []
                for _ in range(3):
                    done = subprocess.run([program, "--conninfo", conninfo, "--rows", str(rows),
                                           "--form", form], capture_output=True, text=True)
                    if done.returncode != 0:
                        sys.exit("growth: rows_growth failed: " + done.stderr)
                    result = json.loads(done.stdout)
                    if result["rows"] != rows:
                        sys.exit("growth: %s read %d rows, not %d" % (form, result["rows"], rows))
                    checksums.add(result["checksum"])
                    runs.append(result)
                print("| %d | %s | %.3f s | %.1f MB |" % (
                    rows, form, statistics.median(r["cpu_s"] for r in runs),
                    statistics.median(r["max_rss_kb"] for r in runs) / 1024), flush=True)
            if len(checksums) != 1:
                sys.exit("growth: vector and stream read different rows at %d" % rows)


def generator_growth(args):
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
