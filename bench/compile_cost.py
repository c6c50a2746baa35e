#!/usr/bin/env python3
"""bench/compile_cost.py: the compile cost of one generated query file, in CPU seconds.

One query file of N queries (bench.py's ten query templates, cycled) is generated over the
bench schema and its .cpp compiled alone at -O2 (g++-12 by default, the flags bench/growth.py
uses), for each N of --queries; the file's CPU time (user + system of the compiler, the
minimum of --runs runs, so load from other work counts as little as it can) is reported with a
translation unit that holds only the generated file's #includes. The least-squares line through
the N points is the cost of each additional query; its intercept is the file's fixed cost.

    bench/compile_cost.py --soong build/generator/src/driver/soong
    bench/compile_cost.py --soong ... --time-report 10   # g++'s -ftime-report for 10 queries

CPU time rather than wall: on a shared machine wall time mostly measures the other work.
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import write_generator_queries  # noqa: E402
from growth import least_squares  # noqa: E402


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compile_cpu(args, out, source, extra=(), output=os.devnull):
    """The compiler's CPU seconds for `source` (min of args.runs) and its last stderr."""
    best = None
    stderr = ""
    for _ in range(args.runs):
        before = children_cpu()
        done = subprocess.run(
            [args.cxx, "-std=c++20", "-O2", "-I", out, "-I", args.runtime_include, "-isystem",
             "/usr/include/postgresql", *extra, "-c", source, "-o", output],
            capture_output=True, text=True)
        seconds = children_cpu() - before
        if done.returncode != 0:
            sys.exit("compile_cost: compiling %s failed:\n%s" % (source, done.stderr[-3000:]))
        stderr = done.stderr
        best = seconds if best is None else min(best, seconds)
    return best, stderr


def generate(args, folder, count):
    """One query file of `count` queries; returns (output folder, its .cpp)."""
    scratch = os.path.join(folder, "scratch%d" % count)
    write_generator_queries(scratch, count)
    queries = os.path.join(folder, "queries%d" % count)
    os.makedirs(queries)
    with open(os.path.join(queries, "q.sql"), "w") as whole:
        for name in sorted(os.listdir(scratch)):
            with open(os.path.join(scratch, name)) as part:
                whole.write(part.read())
    out = os.path.join(folder, "out%d" % count)
    done = subprocess.run(
        [args.soong, "generate", "--schema", os.path.join(HERE, "sql", "schema.sql"),
         "--queries", queries, "--out", out, "--namespace", "gen::db", "--cache-dir",
         os.path.join(folder, "cache"), *args.generate_option], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("compile_cost: soong generate failed:\n" + done.stderr[-3000:])
    return out, os.path.join(out, "q.sql.cpp")


def includes_only(out):
    """A translation unit with the #include lines of the generated header and source only."""
    lines = []
    for name in ("q.sql.hpp", "q.sql.cpp"):
        with open(os.path.join(out, name)) as f:
            lines += [l for l in f if l.startswith("#include") and "q.sql.hpp" not in l]
    path = os.path.join(out, "includes_only.cpp")
    with open(path, "w") as f:
        f.writelines(lines)
    return path


def time_report_summary(stderr, top):
    """The -ftime-report lines with the most CPU (GCC prints usr, sys, wall and memory)."""
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"\s*(.+?)\s*:\s*([\d.]+)\s*\(\s*\d+%\)\s*([\d.]+)\s*\(\s*\d+%\)", line)
        if match and not match.group(1).startswith("TOTAL"):
            rows.append((float(match.group(2)) + float(match.group(3)), match.group(1)))
    rows.sort(reverse=True)
    return ["  %-45s %.2f s" % (name, seconds) for seconds, name in rows[:top]]


def precompiled_header(args, folder, counts):
    """The same files compiled with their #includes precompiled (g++'s .gch, as CMake's
    target_precompile_headers makes it): the cost of building the header once, and of each file
    after it."""
    out = os.path.join(folder, "out%d" % counts[0])
    pch = os.path.join(folder, "pch")
    os.makedirs(pch, exist_ok=True)
    header = os.path.join(pch, "soong_pch.hpp")
    with open(includes_only(out)) as f, open(header, "w") as h:
        h.write(f.read())
    build, _ = compile_cpu(args, out, header, ["-x", "c++-header"], header + ".gch")
    print("\nwith the #includes precompiled (building the header: %.2f s CPU):" % build)
    print("| queries in the file | compile CPU |")
    print("|---:|---:|")
    for count in counts:
        out = os.path.join(folder, "out%d" % count)
        seconds, _ = compile_cpu(args, out, os.path.join(out, "q.sql.cpp"),
                                 ["-include", header, "-Winvalid-pch"])
        print("| %d | %.2f s |" % (count, seconds), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--soong", required=True)
    parser.add_argument("--cxx", default="g++-12")
    parser.add_argument("--queries", default="1,10,30", help="queries per file, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runtime-include", default=os.path.join(ROOT, "runtime", "include"),
                        help="the runtime headers to compile against (default: this checkout's)")
    parser.add_argument("--time-report", type=int, metavar="N",
                        help="also print g++'s -ftime-report phases for a file of N queries")
    parser.add_argument("--generate-option", action="append", default=[],
                        help="passed to soong generate (e.g. --generate-option=--json=none)")
    parser.add_argument("--pch", action="store_true",
                        help="also compile each file with its #includes precompiled")
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args()
    counts = [int(c) for c in args.queries.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or scratch
        os.makedirs(folder, exist_ok=True)
        print("| queries in the file | compile CPU, %s -O2 (min of %d) | includes only |"
              % (args.cxx, args.runs))
        print("|---:|---:|---:|")
        measured = []
        generated = {}
        for count in counts:
            out, source = generated[count] = generate(args, folder, count)
            seconds, _ = compile_cpu(args, out, source)
            headers, _ = compile_cpu(args, out, includes_only(out))
            measured.append((count, seconds))
            print("| %d | %.2f s | %.2f s |" % (count, seconds, headers), flush=True)
        if len(measured) > 1:
            slope, intercept = least_squares([c for c, _ in measured], [s for _, s in measured])
            print("\nfit: %.2f s per file + %.1f ms per query" % (intercept, slope * 1e3))
        if args.pch:
            precompiled_header(args, folder, counts)
        if args.time_report:
            if args.time_report not in generated:
                generated[args.time_report] = generate(args, folder, args.time_report)
            out, source = generated[args.time_report]
            _, stderr = compile_cpu(args, out, source, ["-ftime-report"])
            print("\n-ftime-report, %d queries, largest phases:" % args.time_report)
            print("\n".join(time_report_summary(stderr, 25)))


if __name__ == "__main__":
    main()
