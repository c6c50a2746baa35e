#!/usr/bin/env python3
"""bench/run lambda: Lambda-shaped invocations of the Cruddur post-confirmation trigger plus one
home-feed query, cold (a new process per invocation) and warm (the next invocation in the same
process after an idle gap), over loopback TCP and over TLS (sslmode=require, a test certificate
made with openssl), for soong (bench/src/lambda_soong.cpp over the examples' handlers), Python
psycopg2 and Python psycopg 3 (lambda_python.py).

Per invocation: wall time from process start (cold) or from handing over the event (warm) to the
first byte of the answer; CPU (user + system); peak RSS of the process; GB-seconds under the
billing model in the report. Rounds are interleaved: every client × transport × kind once, then
again. Every answer is checked: the confirmed event is the one sent and every client's feed is
the same; at the end the users table must hold one row per invocation.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CLIENTS = ["soong", "psycopg2", "psycopg"]
TRANSPORTS = {"tcp": "disable", "tls": "require"}
BILLING_STEP_MB = 128


def client_command(build, client):
    if client == "soong":
        return [os.path.join(build, "bench", "lambda_soong")]
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

    def finish(self):
        """Closes stdin, reaps the process; returns (total CPU, peak RSS bytes) from wait4."""
        self.process.stdin.close()
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        if self.process.returncode != 0:
            raise RuntimeError("exit %d: %s" % (self.process.returncode,
                                                self.process.stderr.read().decode()))
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


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
    args = parser.parse_args()
    if args.smoke:
        args.rounds, args.warm, args.idle = 1, 1, 0.1

    pin = ["taskset", "-c", "0"]
    samples = {}  # (kind, transport, client) -> list of dicts
    feeds, invocations, rows = set(), 0, set()
    started = time.time()
    with common.cruddur_database(args.build_dir, pin) as db:
        base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PG_HOST": db["host"],
                    "PG_PORT": db["port"], "PG_DBNAME": db["dbname"], "PG_USER": db["user"]}
        for round_number in range(args.rounds):
            order = CLIENTS[round_number % 3:] + CLIENTS[:round_number % 3]
            for transport, sslmode in TRANSPORTS.items():
                env = dict(base_env, PGSSLMODE=sslmode)
                for client in order:
                    command = pin + client_command(args.build_dir, client)
                    tag = "%s_%s_r%d" % (client, transport, round_number)
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
    report = render(samples, args, time.time() - started, invocations)
    if args.save:
        with open(args.save, "w") as out:
            json.dump({"/".join(k): v for k, v in samples.items()}, out, indent=1)
    if args.out:
        with open(args.out, "w") as out:
            out.write(report)
    print(report)


def count_users(db, invocations):
    users = int(common.query_value(
        db, "SELECT count(*) FROM public.users WHERE handle LIKE '%\\_r%\\_%'"))
    if users != invocations:
        sys.exit("bench lambda: %d invocations but %d users inserted" % (invocations, users))
    return users


def fmt_ms(seconds):
    return "%.1f ms" % (seconds * 1000) if seconds >= 0.01 else "%.2f ms" % (seconds * 1000)


def render(samples, args, elapsed, invocations):
    lines = ["# soong serverless benchmark: Lambda-shaped invocations", "",
             "Written by `bench/run lambda` on %s (%.0f s, %d invocations)." % (
                 time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), elapsed, invocations), "",
             "- machine: " + common.machine(),
             "- packages: " + common.package_versions(
                 ["g++-12", "libpq5", "postgresql-15", "python3", "python3-psycopg2",
                  "python3-psycopg", "openssl"]),
             "- %d rounds interleaved (client order rotated each round); cold: one process per "
             "invocation; warm: %d invocations per round, each after %.1f s idle, in a process "
             "that already served one" % (args.rounds, args.warm, args.idle),
             "- client and server pinned to CPU 0 (`taskset -c 0`); TLS: RSA 2048 self-signed, "
             "`sslmode=require`",
             "- how to read these numbers, and what they do not prove: docs/performance.md "
             "(Serving)",
             "- GB-s per invocation: billed duration = first-byte wall time rounded up to 1 ms; "
             "billed memory = peak RSS rounded up to %d MB steps" % BILLING_STEP_MB, ""]
    for kind in ("cold", "warm"):
        for transport in TRANSPORTS:
            lines += ["### %s, %s" % (kind, transport), "",
                      "| client | first byte median | min | CPU median | peak RSS | billed MB "
                      "| GB-s per invocation | first byte ÷ soong | CPU ÷ soong |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
            ref = samples.get((kind, transport, "soong"))
            ref_fb = common.median([s["first_byte"] for s in ref])
            ref_cpu = common.median([s["cpu"] for s in ref])
            for client in CLIENTS:
                s = samples[(kind, transport, client)]
                fb = common.median([x["first_byte"] for x in s])
                cpu = common.median([x["cpu"] for x in s])
                rss = max(x["rss"] for x in s)
                billed = max(1, math.ceil(rss / common.MB / BILLING_STEP_MB)) * BILLING_STEP_MB
                lines.append("| %s | %s | %s | %s | %.1f MB | %d | %.6f | %.2f× | %.2f× |" % (
                    client, fmt_ms(fb), fmt_ms(min(x["first_byte"] for x in s)), fmt_ms(cpu),
                    rss / common.MB, billed, gb_seconds(fb, rss), fb / ref_fb, cpu / ref_cpu))
            lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
