#!/usr/bin/env python3
"""bench/run lambda: Lambda-shaped invocations of the Cruddur post-confirmation trigger plus one
home-feed query, cold (a new process per invocation) and warm (the next invocation in the same
process after an idle gap), over loopback TCP and over TLS (sslmode=require, a test certificate
made with openssl), for soong (bench/src/lambda_soong.cpp over the examples' handlers), the same
invocation written by hand over plain libpq (bench/src/lambda_libpq.cpp, the reference), both
also linked with libpq and OpenSSL static (SOONG_LAMBDA_STATIC), Python psycopg2 and Python
psycopg 3 (lambda_python.py).

Per invocation: wall time from process start (cold) or from handing over the event (warm) to the
first byte of the answer; CPU (user + system); peak RSS of the process (VmHWM); GB-seconds under the
billing model in the report. Rounds are interleaved: every client × transport × kind once, then
again. Every answer is checked: the confirmed event is the one sent and every client's feed is
the same; at the end the users table must hold one row per invocation. Before the rounds, each
C++ program is started with no input (it exits at once) to count its dynamic loader's work
(LD_DEBUG=statistics) and its start-to-exit time.
"""
import argparse
import hashlib
import json
import math
import re
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

# client -> program in <build>/bench (the C++ ones); the static ones need SOONG_LAMBDA_STATIC.
PROGRAMS = {"soong": "lambda_soong", "libpq": "lambda_libpq",
            "soong static": "lambda_soong_static", "libpq static": "lambda_libpq_static"}
CLIENTS = ["soong", "libpq", "soong static", "libpq static", "psycopg2", "psycopg"]
SHARED_ONLY = ["soong", "libpq", "psycopg2", "psycopg"]
TRANSPORTS = {"tcp": "disable", "tls": "require"}
BILLING_STEP_MB = 128


def client_command(build, client):
    if client in PROGRAMS:
        program = os.path.join(build, "bench", PROGRAMS[client])
        if not os.access(program, os.X_OK):
            sys.exit("bench lambda: %s is missing (build it, or pass --shared-only)" % program)
        return [program]
    return ["/usr/bin/python3", os.path.join(common.HERE, "lambda_python.py"), "--driver", client]


def event_for(tag):
    return {"version": "1", "triggerSource": "PostConfirmation_ConfirmSignUp",
            "userName": tag,
            "request": {"userAttributes": {"sub": "sub-" + tag, "name": "Lambda " + tag,
                                           "email": tag + "@example.com",
                                           "preferred_username": tag}}}


class Invoker:
    """One process; invoke() hands it an event and times the answer."""

    def __init__(self, command, env):
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.cpu_seen = 0.0

    def invoke(self, event, since=None):
        begin = since if since is not None else time.perf_counter()
        self.process.stdin.write((json.dumps(event) + "\n").encode())
        self.process.stdin.flush()
        first = self.process.stdout.read(1)
        first_byte = time.perf_counter() - begin
        line = first + self.process.stdout.readline()
        if not first:
            raise RuntimeError(self.process.stderr.read().decode(errors="replace"))
        cpu_line = self.process.stderr.readline().decode().split()
        if len(cpu_line) != 3 or cpu_line[0] != "cpu":
            raise RuntimeError("no cpu line: %r" % cpu_line)
        cpu = (int(cpu_line[1]) + int(cpu_line[2])) / 1e6
        delta, self.cpu_seen = cpu - self.cpu_seen, cpu
        return first_byte, delta, json.loads(line)

    def peak_rss(self):
        """The program's own peak RSS (VmHWM, bytes). Not wait4's ru_maxrss: that survives
        execve, so a program forked from this harness would report at least the harness's RSS
        at the fork."""
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM for pid %d" % self.process.pid)

    def finish(self):
        """Closes stdin, reaps the process; returns (total CPU from wait4, peak RSS bytes read
        while it still waited for input)."""
        rss = self.peak_rss()
        self.process.stdin.close()
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        if self.process.returncode != 0:
            raise RuntimeError("exit %d: %s" % (self.process.returncode,
                                                self.process.stderr.read().decode()))
        return usage.ru_utime + usage.ru_stime, rss


def check(answer, event, feeds):
    if answer["confirmed"] != event:
        raise RuntimeError("the confirmed event is not the one sent")
    if answer["feed"]["statusCode"] != 200:
        raise RuntimeError("feed status %r" % answer["feed"]["statusCode"])
    feed = json.loads(answer["feed"]["body"])
    feeds.add(hashlib.sha256(json.dumps(feed, sort_keys=True).encode()).hexdigest()[:16])
    return len(feed)


def gb_seconds(seconds, rss):
    billed_mb = max(1, math.ceil(rss / common.MB / BILLING_STEP_MB)) * BILLING_STEP_MB
    billed_ms = math.ceil(seconds * 1000)
    return billed_ms / 1000 * billed_mb / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm", type=int, default=5, help="warm invocations per round")
    parser.add_argument("--idle", type=float, default=1.5, help="idle gap before a warm one (s)")
    parser.add_argument("--out")
    parser.add_argument("--save")
    parser.add_argument("--smoke", action="store_true", help="one round, no report")
    parser.add_argument("--shared-only", action="store_true",
                        help="leave out the static programs (a build without SOONG_LAMBDA_STATIC)")
    parser.add_argument("--loader-runs", type=int, default=20,
                        help="no-input starts per program for the loader statistics")
    args = parser.parse_args()
    if args.smoke:
        args.rounds, args.warm, args.idle, args.loader_runs = 1, 1, 0.1, 1
    clients = SHARED_ONLY if args.shared_only else CLIENTS

    pin = ["taskset", "-c", "0"]
    samples = {}  # (kind, transport, client) -> list of dicts
    feeds, invocations, rows = set(), 0, set()
    started, load_at_start = time.time(), os.getloadavg()[0]
    loader = {c: loader_statistics(client_command(args.build_dir, c), pin, args.loader_runs)
              for c in clients if c in PROGRAMS}
    with common.cruddur_database(args.build_dir, pin) as db:
        base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PG_HOST": db["host"],
                    "PG_PORT": db["port"], "PG_DBNAME": db["dbname"], "PG_USER": db["user"]}
        for round_number in range(args.rounds):
            turn = round_number % len(clients)
            order = clients[turn:] + clients[:turn]
            for transport, sslmode in TRANSPORTS.items():
                env = dict(base_env, PGSSLMODE=sslmode)
                for client in order:
                    command = pin + client_command(args.build_dir, client)
                    tag = "%s_%s_r%d" % (client.replace(" ", "_"), transport, round_number)
                    # Cold: a new process, one invocation, exit.
                    invoker = Invoker(command, env)
                    event = event_for(tag + "_cold")
                    first_byte, _, answer = invoker.invoke(event, since=invoker.started)
                    rows.add(check(answer, event, feeds))
                    cpu, rss = invoker.finish()
                    invocations += 1
                    samples.setdefault(("cold", transport, client), []).append(
                        {"first_byte": first_byte, "cpu": cpu, "rss": rss})
                    # Warm: the first invocation connects, then idle gap + invocation, repeated.
                    invoker = Invoker(command, env)
                    event = event_for(tag + "_w0")
                    invoker.invoke(event)
                    invocations += 1
                    warm = []
                    for i in range(1, args.warm + 1):
                        time.sleep(args.idle)
                        event = event_for("%s_w%d" % (tag, i))
                        first_byte, cpu, answer = invoker.invoke(event)
                        rows.add(check(answer, event, feeds))
                        invocations += 1
                        warm.append((first_byte, cpu))
                    _, rss = invoker.finish()
                    for first_byte, cpu in warm:
                        samples.setdefault(("warm", transport, client), []).append(
                            {"first_byte": first_byte, "cpu": cpu, "rss": rss})
            print("bench lambda: round %d of %d done" % (round_number + 1, args.rounds),
                  file=sys.stderr)
        users = count_users(db, invocations)
    if len(feeds) != 1:
        sys.exit("bench lambda: the clients saw different feeds: %s" % sorted(feeds))
    print("bench lambda: %d invocations, %d users inserted, one feed (%d activities, %s)" %
          (invocations, users, rows.pop(), feeds.pop()), file=sys.stderr)
    if args.smoke:
        return
    report = render(samples, loader, clients, args, time.time() - started, invocations,
                    load_at_start)
    if args.save:
        with open(args.save, "w") as out:
            saved = {"/".join(k): v for k, v in samples.items()}
            saved["loader"] = loader
            json.dump(saved, out, indent=1)
    if args.out:
        with open(args.out, "w") as out:
            out.write(report)
    print(report)


LOADER_LINE = re.compile(r"total startup time in dynamic loader: (\d+) cycles")


def loader_statistics(command, pin, runs):
    """Starts the program `runs` times with no input (it exits at once): the dynamic loader's
    cycles from LD_DEBUG=statistics, the start-to-exit wall time and CPU, and how many shared
    objects it maps (ldd)."""
    cycles, walls, cpus = [], [], []
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LD_DEBUG": "statistics"}
    for _ in range(runs):
        begin = time.perf_counter()
        process = subprocess.Popen(pin + command, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stderr = process.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - begin)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("bench lambda: %s with no input failed: %s" % (command[0], stderr))
        found = LOADER_LINE.findall(stderr)
        if not found:
            sys.exit("bench lambda: no loader statistics from %s" % command[0])
        cycles.append(int(found[-1]))  # the last one: taskset's own comes first
        cpus.append(usage.ru_utime + usage.ru_stime)
    ldd = subprocess.run(["ldd", command[0]], capture_output=True, text=True, check=True)
    shared = [line.split()[0] for line in ldd.stdout.splitlines()
              if "=>" in line or line.strip().startswith("/")]
    return {"loader_cycles": common.median(cycles), "loader_cycles_min": min(cycles),
            "start_exit": common.median(walls), "start_exit_min": min(walls),
            "start_exit_cpu": common.median(cpus), "shared_objects": len(shared)}


def tsc_mhz():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("cpu MHz"):
                return float(line.split(":", 1)[1])
    return None


def count_users(db, invocations):
    users = int(common.query_value(
        db, "SELECT count(*) FROM public.users WHERE handle LIKE '%\\_r%\\_%'"))
    if users != invocations:
        sys.exit("bench lambda: %d invocations but %d users inserted" % (invocations, users))
    return users


def fmt_ms(seconds):
    return "%.1f ms" % (seconds * 1000) if seconds >= 0.01 else "%.2f ms" % (seconds * 1000)


def summarize(samples, kind, transport, client):
    s = samples[(kind, transport, client)]
    fb = common.median([x["first_byte"] for x in s])
    rss = max(x["rss"] for x in s)
    return {"first_byte": fb, "min": min(x["first_byte"] for x in s),
            "cpu": common.median([x["cpu"] for x in s]), "rss": rss,
            "billed_mb": max(1, math.ceil(rss / common.MB / BILLING_STEP_MB)) * BILLING_STEP_MB,
            "gb_s": gb_seconds(fb, rss)}


def render(samples, loader, clients, args, elapsed, invocations, load_at_start):
    lines = ["# soong serverless benchmark: Lambda-shaped invocations", "",
             "Written by `bench/run lambda` on %s (%.0f s, %d invocations)." % (
                 time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), elapsed, invocations), "",
             "- machine: " + common.machine() + " at the end of the run; %.2f at its start" %
             load_at_start,
             "- packages: " + common.package_versions(
                 ["g++-12", "libpq5", "postgresql-15", "python3", "python3-psycopg2",
                  "python3-psycopg", "openssl"]),
             "- %d rounds interleaved (client order rotated each round); cold: one process per "
             "invocation; warm: %d invocations per round, each after %.1f s idle, in a process "
             "that already served one" % (args.rounds, args.warm, args.idle),
             "- client and server pinned to CPU 0 (`taskset -c 0`); TLS: RSA 2048 self-signed, "
             "`sslmode=require`",
             "- soong, libpq: shared libpq and OpenSSL; soong static, libpq static: libpq, "
             "OpenSSL, libstdc++ static (`SOONG_LAMBDA_STATIC`); all four carry libstdc++ "
             "and libgcc inside",
             "- how to read these numbers, and what they do not prove: docs/performance.md "
             "(Lambda-shaped invocations)",
             "- GB-s per invocation: billed duration = first-byte wall time rounded up to 1 ms; "
             "billed memory = peak RSS rounded up to %d MB steps" % BILLING_STEP_MB, ""]
    lines += render_targets(samples, clients)
    lines += render_loader(loader)
    for kind in ("cold", "warm"):
        for transport in TRANSPORTS:
            lines += ["### %s, %s" % (kind, transport), "",
                      "| client | first byte median | min | CPU median | peak RSS | billed MB "
                      "| GB-s per invocation | first byte ÷ soong | CPU ÷ soong |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            ref = summarize(samples, kind, transport, "soong")
            for client in clients:
                x = summarize(samples, kind, transport, client)
                lines.append("| %s | %s | %s | %s | %.1f MB | %d | %.6f | %.2f× | %.2f× |" % (
                    client, fmt_ms(x["first_byte"]), fmt_ms(x["min"]), fmt_ms(x["cpu"]),
                    x["rss"] / common.MB, x["billed_mb"], x["gb_s"],
                    x["first_byte"] / ref["first_byte"], x["cpu"] / ref["cpu"]))
            lines.append("")
    return "\n".join(lines) + "\n"


def render_targets(samples, clients):
    """soong against its references: hand-written libpq (warm target: first byte within 1.1×)
    and psycopg2 (cold targets: GB-s at most 0.25×, first byte at most 0.5×)."""
    lines = ["### soong ÷ reference (medians of this run)", "",
             "| kind, transport | soong ÷ libpq: first byte / CPU | soong static ÷ libpq static "
             "| soong ÷ psycopg2: first byte / GB-s | soong static ÷ psycopg2 |",
             "|---|---:|---:|---:|---:|"]
    for kind in ("cold", "warm"):
        for transport in TRANSPORTS:
            def ratio(a, b, field):
                if a not in clients or b not in clients:
                    return "n/a"
                return "%.2f×" % (summarize(samples, kind, transport, a)[field] /
                                  summarize(samples, kind, transport, b)[field])
            lines.append("| %s, %s | %s / %s | %s / %s | %s / %s | %s / %s |" % (
                kind, transport, ratio("soong", "libpq", "first_byte"),
                ratio("soong", "libpq", "cpu"),
                ratio("soong static", "libpq static", "first_byte"),
                ratio("soong static", "libpq static", "cpu"),
                ratio("soong", "psycopg2", "first_byte"), ratio("soong", "psycopg2", "gb_s"),
                ratio("soong static", "psycopg2", "first_byte"),
                ratio("soong static", "psycopg2", "gb_s")))
    lines += ["", "Targets: cold GB-s ≤ 0.25× psycopg2's, cold first byte ≤ 0.5× psycopg2's, "
              "warm first byte ≤ 1.1× hand-written libpq's.", ""]
    return lines


def render_loader(loader):
    mhz = tsc_mhz()
    lines = ["### Program start without work (no input: load, relocate, exit)", "",
             "The loader's cycles are time-stamp-counter cycles, so time the CPU spent on other "
             "processes meanwhile counts too; the minimum is the least disturbed start.", "",
             "| program | shared objects (ldd) | dynamic loader (LD_DEBUG=statistics), median "
             "| min | start to exit: wall (min) | CPU |", "|---|---:|---:|---:|---:|---:|"]
    for client, x in loader.items():
        def cycles(n):
            ms = " (≈ %.2f ms at %.0f MHz)" % (n / mhz / 1000, mhz) if mhz else ""
            return "%.2f M cycles%s" % (n / 1e6, ms)
        lines.append("| %s | %d | %s | %s | %s (%s) | %s |" % (
            client, x["shared_objects"], cycles(x["loader_cycles"]),
            cycles(x["loader_cycles_min"]), fmt_ms(x["start_exit"]),
            fmt_ms(x["start_exit_min"]), fmt_ms(x["start_exit_cpu"])))
    return lines + [""]


if __name__ == "__main__":
    main()
