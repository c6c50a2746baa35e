#!/usr/bin/env python3
"""Runs the soong benchmark suite and writes a Markdown report.

Starts bench_server (a throwaway PostgreSQL 15 with deterministic data), runs every client on
every workload variant for N rounds INTERLEAVED (round 1: A B C ..., round 2: A B C ...),
pinned with taskset to one CPU together with the server, then callgrind instruction counts
for soong and hand-written binary libpq, then the generator timing. Every sample's checksum
must equal the reference client's; a row whose checksum differs is withheld from the report.

Normally started by bench/run, which builds first.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The Python clients use Debian's python3-psycopg / python3-psycopg2, which live in the system
# interpreter's dist-packages (a pyenv or venv python3 on PATH does not see them).
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
REFERENCE = "libpq_binary"

# (client, kind): kind says how to start it.
CLIENTS = [("soong", "cxx"), ("libpq_binary", "cxx"), ("libpq_text", "cxx"), ("libpqxx", "cxx"),
           ("psycopg", "py"), ("psycopg2", "py")]

# (workload, report key, client variant, connection, unit, description)
VARIANTS = [
    ("W1", "w1_tcp", "w1", "tcp", "query", "point select, loopback TCP"),
    ("W1", "w1_unix", "w1", "unix", "query", "point select, Unix socket"),
    ("W2", "w2_vector", "w2_vector", "tcp", "row", "bulk read into a vector of typed rows"),
    ("W2", "w2_stream", "w2_stream", "tcp", "row", "bulk read, streaming (row callback)"),
    ("W3", "w3_exec", "w3_exec", "tcp", "row", "insert, one statement per row"),
    ("W3", "w3_batch", "w3_batch", "tcp", "row", "insert, batch (pipeline)"),
    ("W3", "w3_copy", "w3_copy", "tcp", "row", "insert, COPY"),
    ("W4", "w4_server_json", "w4_server_json", "tcp", "row", "JSON array built by PostgreSQL"),
    ("W4", "w4_client_json", "w4_client_json", "tcp", "row",
     "typed rows serialised by the client's usual JSON library (nlohmann / json module)"),
    ("W4", "w4_direct_json", "w4_direct_json", "tcp", "row",
     "typed rows written straight to JSON text (direct writer)"),
]


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build_dir)
        self.client_bin = os.path.join(self.build, "bench", "bench_client")
        self.server_bin = os.path.join(self.build, "bench", "bench_server")
        self.python_client = os.path.join(HERE, "python", "client_psycopg.py")
        self.samples = {}      # (key, client) -> list of dicts
        self.unsupported = set()
        self.failures = {}     # (key, client) -> message
        self.callgrind = {}    # (key, client) -> instructions per item
        self.generator = {}
        self.sizes = {}

    # --- processes -------------------------------------------------------------------------

    def pin(self, command):
        if self.args.cpu is None:
            return command
        return ["taskset", "-c", str(self.args.cpu)] + command

    def client_command(self, client, kind, variant, conninfo):
        sizes = ["--users", str(self.sizes["users"]), "--w1-calls", str(self.sizes["w1_calls"]),
                 "--w3-rows", str(self.sizes["w3_rows"])]
        if kind == "cxx":
            return [self.client_bin, "--client", client, "--variant", variant,
                    "--conninfo", conninfo] + sizes
        return [SYSTEM_PYTHON, self.python_client, "--driver", client, "--variant", variant,
                "--conninfo", conninfo] + sizes

    def start_server(self):
        command = self.pin([self.server_bin, os.path.join(HERE, "sql", "schema.sql"),
                            os.path.join(HERE, "sql", "load_data.sql")] +
                           (["--quick"] if self.args.quick else []))
        self.server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       text=True)
        self.conninfo = {}
        for line in self.server.stdout:
            line = line.strip()
            if line == "ready":
                break
            name, _, value = line.partition("=")
            self.conninfo[name] = value
        else:
            sys.exit("bench: bench_server did not start")
        self.sizes["users"] = int(self.conninfo["users"])

    def stop_server(self):
        self.server.stdin.close()
        self.server.wait(timeout=60)

    def run_sample(self, key, variant, conn, client, kind):
        if (key, client) in self.unsupported or (key, client) in self.failures:
            return
        command = self.pin(self.client_command(client, kind, variant, self.conninfo[conn]))
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 3:
            self.unsupported.add((key, client))
        elif done.returncode != 0:
            self.failures[(key, client)] = (done.stderr.strip() or "exit %d" % done.returncode)
            print("  FAILED %s %s: %s" % (key, client, self.failures[(key, client)]),
                  file=sys.stderr)
        else:
            self.samples.setdefault((key, client), []).append(json.loads(done.stdout))

    # --- phases ----------------------------------------------------------------------------

    def run_rounds(self):
        for round_number in range(1, self.args.rounds + 1):
            started = time.monotonic()
            for _, key, variant, conn, _, _ in VARIANTS:
                for client, kind in CLIENTS:
                    self.run_sample(key, variant, conn, client, kind)
            print("round %d/%d: %.1f s" % (round_number, self.args.rounds,
                                          time.monotonic() - started), file=sys.stderr)

    def run_callgrind(self):
        """Instruction counts of the measured loop only (callgrind.h toggles in measure())."""
        if shutil.which("valgrind") is None:
            print("bench: valgrind not found, no instruction counts", file=sys.stderr)
            return
        calls = min(self.sizes["w1_calls"], 2000)
        with tempfile.TemporaryDirectory() as folder:
            for key, variant in (("w1_tcp", "w1"), ("w2_vector", "w2_vector"),
                                 ("w2_stream", "w2_stream"), ("w4_client_json", "w4_client_json"),
                                 ("w4_direct_json", "w4_direct_json")):
                for client in ("soong", REFERENCE, "libpqxx"):
                    out_file = os.path.join(folder, "%s.%s.out" % (key, client))
                    command = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
                               "--instr-atstart=no", "--callgrind-out-file=" + out_file,
                               self.client_bin, "--client", client, "--variant", variant,
                               "--conninfo", self.conninfo["tcp"], "--users",
                               str(self.sizes["users"]), "--w1-calls", str(calls)]
                    done = subprocess.run(command, capture_output=True, text=True)
                    if done.returncode != 0:
                        print("bench: callgrind %s %s failed: %s" % (key, client, done.stderr[-500:]),
                              file=sys.stderr)
                        continue
                    items = json.loads(done.stdout)["items"]
                    self.callgrind[(key, client)] = callgrind_total(out_file) / items

    def run_generator(self):
        soong = self.args.soong
        count = 50 if self.args.quick else 500
        with tempfile.TemporaryDirectory() as folder:
            queries = os.path.join(folder, "queries")
            write_generator_queries(queries, count)
            base = [soong, "generate", "--schema", os.path.join(HERE, "sql", "schema.sql"),
                    "--queries", queries, "--namespace", "gen::db"]

            def timed(extra, out):
                start = time.perf_counter()
                done = subprocess.run(base + ["--out", os.path.join(folder, out)] + extra,
                                      capture_output=True, text=True)
                if done.returncode != 0:
                    raise RuntimeError("soong generate failed: " + done.stderr[-2000:])
                return time.perf_counter() - start

            cache = ["--cache-dir", os.path.join(folder, "cache")]
            cold = [timed(["--no-cache"], "cold%d" % i) for i in range(3)]
            timed(cache, "cached")  # fills the cache
            rerun = [timed(cache, "cached") for _ in range(5)]
            self.generator = {"queries": count, "cold": cold, "rerun": rerun}


def callgrind_total(path):
    """The `totals:` line (with --collect-atstart=no, `summary:` stays 0)."""
    with open(path) as f:
        for line in f:
            if line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("no totals in " + path)


def write_generator_queries(folder, count):
    """`count` distinct annotated queries over the bench schema, 10 per file, every command
    kind the typing oracle sees (selects with joins, inserts, updates, aggregates)."""
    os.makedirs(folder)
    templates = [
        "-- name: GetUser{n} :one\nSELECT id, name, email, created_at FROM users WHERE id = $1 + {n};",
        "-- name: ListWide{n} :many\nSELECT i4, t, nt, ts FROM wide WHERE i4 > {n} AND b = $1 "
        "ORDER BY i4 LIMIT $2;",
        "-- name: PostsOf{n} :many\nSELECT p.id, a.handle, p.message FROM posts p "
        "JOIN authors a ON a.id = p.author_id WHERE a.id = $1 AND p.likes > {n};",
        "-- name: Insert{n} :exec\nINSERT INTO sink (id, qty, label, at, price) "
        "VALUES ($1, {n}, $2, now(), $3);",
        "-- name: Touch{n} :execrows\nUPDATE posts SET likes = likes + {n} WHERE author_id = $1;",
        "-- name: Count{n} :one\nSELECT count(*) AS n, max(created_at) AS latest FROM users "
        "WHERE id < $1 + {n};",
        "-- name: Authors{n} :many\nSELECT a.id, a.handle, count(p.id) AS posts FROM authors a "
        "LEFT JOIN posts p ON p.author_id = a.id WHERE a.id > {n} GROUP BY a.id ORDER BY a.id;",
        "-- name: Wide{n} :one\nSELECT u, f8, coalesce(nt, '') AS nt FROM wide WHERE i8 = $1 * {n};",
        "-- name: Rename{n} :exec\nUPDATE authors SET handle = $2 WHERE id = $1 + {n};",
        "-- name: Recent{n} :many\nSELECT id, email FROM users WHERE created_at > $1 "
        "ORDER BY created_at DESC LIMIT {n};",
    ]
    for n in range(count):
        path = os.path.join(folder, "q%03d.sql" % (n // len(templates)))
        with open(path, "a") as f:
            f.write(templates[n % len(templates)].format(n=n + 1) + "\n\n")


# --- report ----------------------------------------------------------------------------------

def versions(args):
    def run(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    packages = run(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "libpq5",
                    "libpqxx-6.4", "python3-psycopg", "python3-psycopg2", "valgrind",
                    "postgresql-15", "g++-12", "libfmt9", "nlohmann-json3-dev"])
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "soong": run([args.soong, "--version"]),
        "postgres": run(["/usr/lib/postgresql/15/bin/postgres", "--version"]),
        "packages": packages,
        "python": run([SYSTEM_PYTHON, "-c", "import platform; print(platform.python_version())"]),
        "kernel": platform.release(),
        "cpu": "%s, %d logical CPUs" % (cpu, os.cpu_count()),
    }


def fmt_time(seconds):
    if seconds >= 1:
        return "%.3f s" % seconds
    if seconds >= 1e-3:
        return "%.1f ms" % (seconds * 1e3)
    return "%.1f µs" % (seconds * 1e6)


def fmt_rate(per_second):
    if per_second >= 1e6:
        return "%.2f M/s" % (per_second / 1e6)
    if per_second >= 1e3:
        return "%.1f k/s" % (per_second / 1e3)
    return "%.0f /s" % per_second


class Report:
    def __init__(self, bench, load_before, load_after, started, elapsed):
        self.b = bench
        self.load = (load_before, load_after)
        self.started = started
        self.elapsed = elapsed
        self.mismatches = {}  # (key, client) -> (checksums seen, reference)

    def reference_checksum(self, key):
        for client in (REFERENCE, "soong"):
            rows = self.b.samples.get((key, client))
            if rows:
                return rows[0]["checksum"]
        return None

    def stats(self, key, client):
        rows = self.b.samples.get((key, client))
        if not rows:
            return None
        expected = self.reference_checksum(key)
        if any(r["checksum"] != expected for r in rows):
            self.mismatches[(key, client)] = (sorted({r["checksum"] for r in rows}), expected)
            return None
        walls = [r["wall_s"] for r in rows]
        cpus = [r["cpu_s"] for r in rows]
        items = rows[0]["items"]
        return {"n": len(rows), "items": items,
                "wall_med": statistics.median(walls), "wall_min": min(walls),
                "cpu_med": statistics.median(cpus), "cpu_min": min(cpus)}

    def ratio(self, key, client, field="cpu_med", against=REFERENCE):
        mine, ref = self.stats(key, client), self.stats(key, against)
        if not mine or not ref or ref[field] == 0:
            return None
        return mine[field] / ref[field]

    def workload_table(self, workload):
        lines = []
        for w, key, _, conn, unit, description in VARIANTS:
            if w != workload:
                continue
            lines.append("\n**%s** — %s (`%s`)\n" % (key, description, conn))
            lines.append("| client | wall median | wall min | CPU median | CPU min | CPU per %s "
                         "| %ss/s (median wall) | CPU ÷ raw libpq | wall ÷ raw libpq |" % (unit, unit))
            lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            for client, _ in CLIENTS:
                if (key, client) in self.b.unsupported:
                    lines.append("| %s | n/a | | | | | | | |" % client)
                    continue
                if (key, client) in self.b.failures:
                    lines.append("| %s | failed: %s | | | | | | | |" % (
                        client, self.b.failures[(key, client)].splitlines()[-1][:120]))
                    continue
                s = self.stats(key, client)
                if s is None:
                    if self.b.samples.get((key, client)):
                        lines.append("| %s | **checksum differs: row withheld** | | | | | | | |" % client)
                    continue
                cpu_ratio = self.ratio(key, client)
                wall_ratio = self.ratio(key, client, "wall_med")
                lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    client, fmt_time(s["wall_med"]), fmt_time(s["wall_min"]),
                    fmt_time(s["cpu_med"]), fmt_time(s["cpu_min"]),
                    fmt_time(s["cpu_med"] / s["items"]), fmt_rate(s["items"] / s["wall_med"]),
                    "%.2f×" % cpu_ratio if cpu_ratio else "–",
                    "%.2f×" % wall_ratio if wall_ratio else "–"))
        return lines

    def targets(self):
        b = self.b
        rows = []

        def add(what, target, value, ok):
            if value is None:
                rows.append("| %s | %s | not measured | – |" % (what, target))
            else:
                rows.append("| %s | %s | %s | %s |" % (what, target, value,
                                                       "met" if ok else "**missed**"))

        def cg(key, client):
            return b.callgrind.get((key, client))

        r = self.ratio("w1_tcp", "soong")
        add("W1 client CPU per query, soong ÷ raw binary (TCP, median)", "≤ 1.10×",
            r and "%.3f×" % r, r is not None and r <= 1.10)
        r = self.ratio("w1_unix", "soong")
        add("W1 client CPU per query, soong ÷ raw binary (Unix socket, median)", "≤ 1.10×",
            r and "%.3f×" % r, r is not None and r <= 1.10)
        for key, limit, label in (("w1_tcp", 1.10, "W1 callgrind instructions per query"),
                                  ("w2_vector", 1.15, "W2 callgrind instructions per row, vector"),
                                  ("w2_stream", 1.05, "W2 callgrind instructions per row, streaming")):
            s, ref = cg(key, "soong"), cg(key, REFERENCE)
            value = ("%.3f× (%.0f vs %.0f)" % (s / ref, s, ref)) if s and ref else None
            add(label + ", soong ÷ raw binary", "≤ %.2f×" % limit, value,
                bool(s and ref and s / ref <= limit))
        r = self.ratio("w2_vector", "soong", against="libpqxx")
        add("W2 client CPU per row (vector), soong ÷ libpqxx", "≤ 0.5×", r and "%.3f×" % r,
            r is not None and r <= 0.5)

        def rate(key, client):
            s = self.stats(key, client)
            return s and s["items"] / s["wall_med"]
        s, ref = rate("w3_copy", "soong"), rate("w3_copy", REFERENCE)
        add(":copyfrom rows/s, soong ÷ raw binary COPY", "≥ 0.9×",
            s and ref and "%.3f×" % (s / ref), bool(s and ref and s / ref >= 0.9))
        s, ref = rate("w3_batch", "soong"), rate("w3_batch", REFERENCE)
        add(":batchexec rows/s, soong ÷ raw pipeline", "≥ 0.9×",
            s and ref and "%.3f×" % (s / ref), bool(s and ref and s / ref >= 0.9))
        e = rate("w3_exec", "soong")
        add(":batchexec rows/s ÷ per-row :exec (soong)", "≥ 4×",
            s and e and "%.1f×" % (s / e), bool(s and e and s / e >= 4))
        d, srv = self.stats("w4_direct_json", "soong"), self.stats("w4_server_json", "soong")
        add("W4 client-side direct JSON wall ÷ server-side `_json` wall (soong)", "< 1×",
            d and srv and "%.3f× (%s vs %s)" % (d["wall_med"] / srv["wall_med"],
                                                fmt_time(d["wall_med"]), fmt_time(srv["wall_med"])),
            bool(d and srv and d["wall_med"] < srv["wall_med"]))
        n = self.stats("w4_client_json", "soong")
        add("W4 client CPU, nlohmann::json ÷ direct JSON writer (soong rows)", "≥ 4×",
            d and n and "%.2f×" % (n["cpu_med"] / d["cpu_med"]),
            bool(d and n and n["cpu_med"] / d["cpu_med"] >= 4))
        # The same comparison in instructions (fetch + decode + serialise, like the CPU row):
        # repeatable, and without the kernel's share of receiving the rows.
        ni, di = cg("w4_client_json", "soong"), cg("w4_direct_json", "soong")
        add("W4 callgrind instructions, nlohmann::json ÷ direct JSON writer (soong rows)", "≥ 4×",
            ni and di and "%.2f× (%.0f vs %.0f per row)" % (ni / di, ni, di),
            bool(ni and di and ni / di >= 4))
        g = b.generator
        if g:
            cold, rerun = statistics.median(g["cold"]), statistics.median(g["rerun"])
            add("generator, %d queries, cold (throwaway server, `--no-cache`), median of %d" % (
                g["queries"], len(g["cold"])), "< 3 s", "%.2f s (min %.2f s)" % (cold, min(g["cold"])),
                cold < 3)
            add("generator, %d queries, unchanged rerun (cache), median of %d" % (
                g["queries"], len(g["rerun"])), "< 0.3 s",
                "%.3f s (min %.3f s)" % (rerun, min(g["rerun"])), rerun < 0.3)
        return rows

    def callgrind_table(self):
        lines = ["| variant | soong | raw libpq binary | libpqxx | soong ÷ raw |",
                 "|---|---:|---:|---:|---:|"]
        for key, unit in (("w1_tcp", "query"), ("w2_vector", "row"), ("w2_stream", "row"),
                          ("w4_client_json", "row"), ("w4_direct_json", "row")):
            s, r, x = (self.b.callgrind.get((key, c)) for c in ("soong", REFERENCE, "libpqxx"))
            lines.append("| %s (per %s) | %s | %s | %s | %s |" % (
                key, unit, "%.0f" % s if s else "–", "%.0f" % r if r else "–",
                "%.0f" % x if x else "–", "%.3f×" % (s / r) if s and r else "–"))
        return lines

    def markdown(self, notes, charts=()):
        b = self.b
        v = versions(b.args)
        out = ["# soong benchmark results", ""]
        out.append("Written by `bench/bench.py` (what `bench/run` starts) on %s UTC (%.0f s for the whole run)." % (
            self.started.strftime("%Y-%m-%d %H:%M"), self.elapsed))
        out += ["", "## Setup", "",
                "- %s; kernel %s" % (v["cpu"], v["kernel"]),
                "- %s; %s; Python %s" % (v["soong"], v["postgres"], v["python"]),
                "- packages: " + ", ".join(v["packages"].splitlines()),
                "- server: throwaway PostgreSQL 15 started by the benchmark (fsync off, "
                "autovacuum off, jit off, TimeZone UTC), loopback TCP with `sslmode=disable`, "
                "and the Unix socket for `w1_unix`",
                "- sizes: W1 %d point selects over %d users; W2 %s; W3 %d rows in one transaction; "
                "W4 %s rows" % (b.sizes["w1_calls"], b.sizes["users"],
                                "%d rows × 8 columns" % (b.stats_items("w2_vector") or 0),
                                b.sizes["w3_rows"], b.stats_items("w4_client_json") or 0),
                "- %d rounds, interleaved across clients (round 1: every variant × every client, "
                "then round 2, ...); client and server pinned with `taskset -c %s`" % (
                    b.args.rounds, b.args.cpu) if b.args.cpu is not None else
                "- %d rounds, interleaved across clients; not pinned" % b.args.rounds,
                "- load average (1 min) before / after: %.2f / %.2f%s" % (
                    self.load[0], self.load[1],
                    " — **the machine was loaded** (other processes running beside the benchmark): "
                    "wall and CPU times are noisy; trust the callgrind ratios and the medians' order "
                    "of magnitude"
                    # The pinned client and server alone keep one of the two CPUs busy (load ~1).
                    if max(self.load) > 1.5 else ""),
                "- CPU = user + system time of the client process (getrusage), measured loop "
                "only; ratios are against hand-written binary libpq in the same run (medians)",
                ""]
        out += ["## Targets", "", "| target | wanted | measured | |", "|---|---|---|---|"]
        out += self.targets()
        out += ["", "## Callgrind: instructions in the client per query / row", "",
                "Measured loop only (`CALLGRIND_TOGGLE_COLLECT` around it, "
                "`--collect-atstart=no --instr-atstart=no`); includes libpq's own work.", ""]
        out += self.callgrind_table()
        if charts:
            out += ["", "## Charts", "",
                    "Drawn by `bench/charts.py` from `results.json` and the other benchmarks' "
                    "saved measurements (`bench/run growth`, `lambda`, `http`), each from its "
                    "own run.", ""]
            for path, caption in charts:
                out += ["![%s](%s)" % (caption, path), "", "*%s*" % caption, ""]
        out += ["", "## Every client × workload", ""]
        for workload in ("W1", "W2", "W3", "W4"):
            out.append("### " + workload)
            out += self.workload_table(workload)
            out.append("")
        if self.mismatches:
            out += ["## Checksum mismatches (rows withheld)", ""]
            for (key, client), (got, expected) in sorted(self.mismatches.items()):
                out.append("- %s %s: got %s, reference %s" % (key, client, got, expected))
            out.append("")
        if notes:
            out += ["## Notes", "", notes.strip(), ""]
        return "\n".join(out)


def stats_items(self, key):
    rows = self.samples.get((key, REFERENCE)) or self.samples.get((key, "soong"))
    return rows[0]["items"] if rows else None


Bench.stats_items = stats_items


def measure_all(bench, args):
    bench.sizes.update({"w1_calls": 200 if args.quick else 20000,
                        "w3_rows": 500 if args.quick else 50000})
    started = datetime.datetime.utcnow()
    t0 = time.monotonic()
    load_before = os.getloadavg()[0]
    bench.start_server()
    try:
        bench.run_rounds()
        if not args.smoke and not args.no_callgrind:
            bench.run_callgrind()
    finally:
        bench.stop_server()
    if not args.smoke and not args.no_generator:
        bench.run_generator()
    load_after = os.getloadavg()[0]
    elapsed = time.monotonic() - t0
    if args.save:
        join = lambda k: "|".join(k)
        with open(args.save, "w") as f:
            json.dump({"rounds": args.rounds, "cpu": args.cpu, "sizes": bench.sizes,
                       "generator": bench.generator, "load": [load_before, load_after],
                       "started": started.isoformat(), "elapsed": elapsed,
                       "samples": {join(k): v for k, v in bench.samples.items()},
                       "callgrind": {join(k): v for k, v in bench.callgrind.items()},
                       "failures": {join(k): v for k, v in bench.failures.items()},
                       "unsupported": [join(k) for k in bench.unsupported]}, f, indent=1)
    return Report(bench, load_before, load_after, started, elapsed)


def draw_charts(args):
    """Runs bench/charts.py beside the report (charts/ next to --out) from the saved
    measurements; returns [(file relative to the report, caption)] of the charts there."""
    if not args.out or args.smoke:
        return []
    folder = os.path.join(os.path.dirname(os.path.abspath(args.out)), "charts")
    results = args.load or args.save
    command = [SYSTEM_PYTHON, os.path.join(HERE, "charts.py"), "--out-dir", folder]
    if results:
        command += ["--results", results]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print("bench: charts failed (python3-matplotlib missing? scripts/setup --bench): " +
              done.stderr[-500:], file=sys.stderr)
        return []
    sys.path.insert(0, HERE)
    from charts import CHARTS
    return [("charts/" + name, caption) for name, caption in CHARTS
            if os.path.exists(os.path.join(folder, name))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--soong", required=True, help="the soong generator binary")
    parser.add_argument("--quick", action="store_true", help="tiny sizes")
    parser.add_argument("--smoke", action="store_true",
                        help="one round, checksums only: exit 1 on a mismatch or failure")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--cpu", default="0", help="CPU for taskset; 'none' to not pin")
    parser.add_argument("--out", help="Markdown report path")
    parser.add_argument("--notes", help="Markdown file appended as the report's Notes")
    parser.add_argument("--save", help="also write the raw measurements as JSON here")
    parser.add_argument("--load", help="render the report from a --save file instead of running")
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--no-generator", action="store_true")
    args = parser.parse_args()
    if args.cpu == "none" or shutil.which("taskset") is None:
        args.cpu = None
    if args.rounds is None:
        args.rounds = 1 if (args.quick or args.smoke) else 5

    bench = Bench(args)
    if args.load:
        saved = json.load(open(args.load))
        bench.args.rounds, bench.args.cpu = saved["rounds"], saved["cpu"]
        bench.sizes, bench.generator = saved["sizes"], saved["generator"]
        split = lambda k: tuple(k.split("|"))
        bench.samples = {split(k): v for k, v in saved["samples"].items()}
        bench.callgrind = {split(k): v for k, v in saved["callgrind"].items()}
        bench.failures = {split(k): v for k, v in saved["failures"].items()}
        bench.unsupported = {split(k) for k in saved["unsupported"]}
        report = Report(bench, saved["load"][0], saved["load"][1],
                        datetime.datetime.fromisoformat(saved["started"]), saved["elapsed"])
    else:
        report = measure_all(bench, args)
    notes = open(args.notes).read() if args.notes and os.path.exists(args.notes) else ""
    charts = draw_charts(args)
    text = report.markdown(notes, charts)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
        print("bench: report written to " + args.out, file=sys.stderr)
    else:
        print(text)
    if args.smoke and (report.mismatches or bench.failures or not bench.samples):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
