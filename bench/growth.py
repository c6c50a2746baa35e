#!/usr/bin/env python3
"""bench/run growth: how the generator and the generated code grow with the number of queries.

For 10, 100, 1,000 and 5,000 annotated queries over the bench schema (bench.py's query
templates, 10 per file): `soong generate` cold (--no-cache: throwaway server + typing every
query) and warm (a filled --cache-dir, nothing changed), medians of 3; then the time to compile
the generated .cpp files with the build's compiler at -O2 (two files at a time, as on these 2
cores) and the object size. Above --compile-all files only an evenly spaced sample of
--compile-sample files is compiled and the total is scaled up (every file is one template
cycle of the same ten queries, so each costs the same); the report says which rows are scaled.
Then a least-squares line through each column: seconds per additional query.

Then a :many result of 10^3..10^7 generated rows (bench/sql/queries/growth_series.sql) read by
rows_growth into a vector, through the row callback (single-row mode) and through a cursor
fetched 1,000 rows at a time: client CPU and peak RSS, medians of 3 (one run at 10^7); every
form must see the same rows (checksum).

--save writes every measurement as JSON (bench/charts.py draws the growth charts from it).
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

FORMS = ("vector", "stream", "cursor")


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("growth: %s failed: %s" % (command[0], done.stderr[-2000:]))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--soong", required=True)
    parser.add_argument("--counts", default="10,100,1000,5000")
    parser.add_argument("--cxx", default="g++-12")
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--rows", default="1000,10000,100000,1000000,10000000")
    parser.add_argument("--compile-all", type=int, default=10,
                        help="compile every file up to this many files, else a sample")
    parser.add_argument("--compile-sample", type=int, default=10)
    parser.add_argument("--skip-generator", action="store_true")
    parser.add_argument("--skip-rows", action="store_true")
    parser.add_argument("--save", help="write the measurements as JSON here")
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
    results = {"started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "load_before": os.getloadavg()[0], "generator": [], "rows": []}
    if not args.skip_generator:
        results["generator"] = generator_growth(args)
        results["generator_fit"] = fit_generator(results["generator"])
    if not args.skip_rows:
        results["rows"] = rows_growth(args)
    results["load_after"] = os.getloadavg()[0]
    if args.save and os.path.exists(args.save):
        # A partial run (--skip-generator / --skip-rows) keeps the other part's last measurements.
        with open(args.save) as f:
            previous = json.load(f)
        for part in ("generator", "generator_fit", "rows"):
            if not results.get(part) and previous.get(part):
                results[part] = previous[part]
    if args.save:
        with open(args.save, "w") as f:
            json.dump(results, f, indent=1)
        print("growth: measurements written to " + args.save, file=sys.stderr)


def rows_growth(args):
    sys.path.insert(0, os.path.join(HERE, "serverless"))
    import common
    program = os.path.join(args.build_dir, "bench", "rows_growth")
    measured = []
    print()
    print("| rows | form | client CPU (median) | peak RSS (median) | runs |")
    print("|---:|---|---:|---:|---:|")
    with common.cruddur_database(args.build_dir) as db:
        conninfo = "host=%s port=%s dbname=%s user=%s sslmode=disable" % (
            db["host"], db["port"], db["dbname"], db["user"])
        for rows in [int(r) for r in args.rows.split(",")]:
            checksums = set()
            for form in FORMS:
                runs = []
                for _ in range(1 if rows >= 10_000_000 else 3):
                    done = subprocess.run([program, "--conninfo", conninfo, "--rows", str(rows),
                                           "--form", form], capture_output=True, text=True)
                    if done.returncode != 0:
                        sys.exit("growth: rows_growth failed: " + done.stderr)
                    result = json.loads(done.stdout)
                    if result["rows"] != rows:
                        sys.exit("growth: %s read %d rows, not %d" % (form, result["rows"], rows))
                    checksums.add(result["checksum"])
                    runs.append(result)
                entry = {"rows": rows, "form": form, "runs": len(runs),
                         "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                         "max_rss_mb": statistics.median(r["max_rss_kb"] for r in runs) / 1024}
                measured.append(entry)
                print("| %d | %s | %.3f s | %.1f MB | %d |" % (
                    rows, form, entry["cpu_s"], entry["max_rss_mb"], len(runs)), flush=True)
            if len(checksums) != 1:
                sys.exit("growth: the forms read different rows at %d" % rows)
    return measured


def compile_files(args, out, sources, objects):
    """Compiles `sources` two at a time; returns the wall time."""
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
    return time.perf_counter() - start


def generator_growth(args):
    measured = []
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
            compiled = sources
            if len(sources) > args.compile_all:
                step = len(sources) / args.compile_sample
                compiled = [sources[int(i * step)] for i in range(args.compile_sample)]
            objects = os.path.join(folder, "obj")
            os.makedirs(objects)
            seconds = compile_files(args, out, compiled, objects)
            size = sum(os.path.getsize(os.path.join(objects, f)) for f in os.listdir(objects))
            scale = len(sources) / len(compiled)
            entry = {"queries": count, "files": len(sources), "cold_s": statistics.median(cold),
                     "warm_s": statistics.median(warm), "cold_runs": cold, "warm_runs": warm,
                     "compile_s": seconds * scale, "compiled_files": len(compiled),
                     "objects_mb": size * scale / 1e6}
            measured.append(entry)
            note = "" if scale == 1 else " (%d of %d files, scaled)" % (len(compiled),
                                                                        len(sources))
            print("| %d | %d | %.2f s | %.3f s | %.1f s%s | %.1f MB |" % (
                count, len(sources), entry["cold_s"], entry["warm_s"], entry["compile_s"], note,
                entry["objects_mb"]), flush=True)
    return measured


def least_squares(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return slope, my - slope * mx


def fit_generator(measured):
    """Seconds = intercept + slope × queries, for each measured column."""
    if len(measured) < 2:
        return {}
    xs = [m["queries"] for m in measured]
    fit = {}
    print()
    for key, label in (("cold_s", "generate cold"), ("warm_s", "generate warm"),
                       ("compile_s", "compile")):
        slope, intercept = least_squares(xs, [m[key] for m in measured])
        fit[key] = {"per_query_s": slope, "intercept_s": intercept}
        print("fit, %s: %.3f s + %.2f ms per query" % (label, intercept, slope * 1e3))
    return fit


if __name__ == "__main__":
    main()
