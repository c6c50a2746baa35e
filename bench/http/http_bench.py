#!/usr/bin/env python3
"""bench/run http: the Cruddur HTTP service under load. examples/cruddur's cruddur_server
(cpp-httplib + soong::pool) against the same two endpoints in Flask over psycopg 3's pool
(flask_app.py, served by gunicorn's threaded worker), both on one throwaway database, driven by
wrk at several connection counts for the home feed (GET /api/activities/home) and the create
endpoint (POST /api/activities).

Per run: requests/s, p50/p99 latency (wrk --latency), server CPU per request (user + system of
the server's processes from /proc, PostgreSQL's backends not included), server RSS after the
run (sum over its processes). Rounds are interleaved across servers. Checks: every response 2xx
(wrk's non-2xx and socket errors are reported), both servers return the same feed, and each
server inserted at least as many activities as wrk counted create responses.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serverless"))
import common  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")
ENDPOINTS = {"feed": ("GET", "/api/activities/home"), "create": ("POST", "/api/activities")}


def process_tree(root):
    """root and every descendant pid (from /proc/*/stat's ppid)."""
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name) as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(name))
            except (OSError, IndexError, ValueError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_cpu(root):
    total = 0
    for pid in process_tree(root):
        try:
            with open("/proc/%d/stat" % pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / TICK


def tree_rss(root):
    total = 0
    for pid in process_tree(root):
        try:
            with open("/proc/%d/status" % pid) as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class Server:
    def __init__(self, name, command, env, port, handle, cwd=None):
        self.name, self.port, self.handle = name, port, handle
        self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.url = "http://127.0.0.1:%d" % port
        deadline = time.time() + 30
        while True:
            try:
                self.feed_text = urllib.request.urlopen(self.url + ENDPOINTS["feed"][1]).read()
                break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    self.process.kill()
                    sys.exit("bench http: %s did not start: %s" % (
                        name, self.process.stderr.read().decode(errors="replace")))
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seconds(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def run_wrk(server, database_pid, endpoint, connections, duration):
    method, path = ENDPOINTS[endpoint]
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections),
               "-d", "%ds" % duration, "--latency", server.url + path]
    if method == "POST":
        command[1:1] = ["-s", os.path.join(HERE, "post_activity.lua")]
    cpu_before = tree_cpu(server.process.pid)
    database_before = tree_cpu(database_pid)
    done = subprocess.run(command, capture_output=True, text=True,
                          env=dict(os.environ, HANDLE=server.handle))
    cpu = tree_cpu(server.process.pid) - cpu_before
    database_cpu = tree_cpu(database_pid) - database_before
    out = done.stdout
    if done.returncode != 0:
        sys.exit("bench http: wrk failed: " + done.stderr)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": seconds(re.search(r"\s50%\s+(\S+)", out).group(1)),
            "p99": seconds(re.search(r"\s99%\s+(\S+)", out).group(1)),
            "requests": requests, "cpu": cpu, "cpu_per_request": cpu / max(requests, 1),
            "database_cpu_per_request": database_cpu / max(requests, 1),
            "rss": tree_rss(server.process.pid),
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": socket_errors.group(1).strip() if socket_errors else ""}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", default="1,8,64")
    parser.add_argument("--servers", default="soong,flask",
                        help="soong, flask, or label=path-to-a-cruddur_server-build")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--gunicorn-threads", type=int, default=8)
    parser.add_argument("--out")
    parser.add_argument("--save")
    parser.add_argument("--smoke", action="store_true", help="1 s runs, no report")
    args = parser.parse_args()
    if args.smoke:
        args.rounds, args.duration, args.connections = 1, 1, "1,8"
    connection_counts = [int(c) for c in args.connections.split(",")]

    started = time.time()
    samples = {}
    with common.cruddur_database(args.build_dir) as db:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PG_HOST": db["host"],
               "PG_PORT": db["port"], "PG_DBNAME": db["dbname"], "PG_USER": db["user"],
               "PGSSLMODE": "disable"}
        servers = []
        try:
            start_servers(args, env, servers)
            run_all(args, db, servers, connection_counts, samples)
        finally:
            for server in servers:
                server.stop()
    if args.save:
        with open(args.save, "w") as out:
            json.dump(samples, out, indent=1)
    if not args.smoke:
        report = render(samples, servers, connection_counts, args, time.time() - started)
        if args.out:
            with open(args.out, "w") as out:
                out.write(report)
        print(report)


def start_servers(args, env, servers):
    for number, spec in enumerate(args.servers.split(",")):
        port, handle = free_port(), "bench%d" % (number + 1)
        if spec == "flask":
            command = ["/usr/bin/gunicorn", "-k", "gthread", "-w", str(args.gunicorn_workers),
                       "--threads", str(args.gunicorn_threads), "--backlog", "2048",
                       "-b", "127.0.0.1:%d" % port, "flask_app:app"]
            server_env = dict(env, POOL_SIZE=str(args.gunicorn_threads))
            servers.append(Server("flask", command, server_env, port, handle, cwd=HERE))
        else:
            label, _, path = spec.partition("=")
            path = path or os.path.join(args.build_dir, "examples", "cruddur", "cruddur_server")
            servers.append(Server(label, [path, "--host", "127.0.0.1", "--port", str(port)],
                                  env, port, handle))


def run_all(args, db, servers, connection_counts, samples):
    feeds = {json.dumps(json.loads(s.feed_text), sort_keys=True) for s in servers}
    if len(feeds) != 1:
        sys.exit("bench http: the servers return different feeds")
    for endpoint in ENDPOINTS:  # every feed run before the creates grow the feed
        for round_number in range(args.rounds):
            for connections in connection_counts:
                shift = round_number % len(servers)
                for server in servers[shift:] + servers[:shift]:
                    sample = run_wrk(server, db["pid"], endpoint, connections, args.duration)
                    samples.setdefault("%s/%s/%d" % (server.name, endpoint, connections),
                                       []).append(sample)
                    print("bench http: %s %s c=%d: %.0f req/s, p99 %.1f ms%s" % (
                        server.name, endpoint, connections, sample["rps"], sample["p99"] * 1e3,
                        (" ERRORS " + sample["socket_errors"]) if sample["socket_errors"]
                        else ""), file=sys.stderr)
    check_inserts(db, servers, samples)


def check_inserts(db, servers, samples):
    for server in servers:
        rows = int(common.query_value(
            db, "SELECT count(*) FROM public.activities a JOIN public.users u "
                "ON u.uuid = a.user_uuid WHERE u.handle = '%s' AND a.message LIKE "
                "'Posted by the HTTP benchmark%%'" % server.handle))
        counted = sum(s["requests"] for key, runs in samples.items()
                      if key.startswith(server.name + "/create/") for s in runs)
        if rows < counted:
            sys.exit("bench http: %s: wrk counted %d creates, %d rows inserted" % (
                server.name, counted, rows))
        print("bench http: %s: %d create responses counted, %d rows inserted" % (
            server.name, counted, rows), file=sys.stderr)


def render(samples, servers, connection_counts, args, elapsed):
    reference = servers[0].name
    lines = ["# soong HTTP benchmark: the Cruddur service under load", "",
             "Written by `bench/run http` on %s (%.0f s)." % (
                 time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), elapsed), "",
             "- machine: " + common.machine(),
             "- packages: " + common.package_versions(
                 ["g++-12", "libcpp-httplib0.11", "libpq5", "postgresql-15", "python3-flask",
                  "python3-psycopg", "python3-psycopg-pool", "gunicorn", "wrk"]),
             "- servers: %s; flask = gunicorn `-k gthread -w %d --threads %d`, psycopg_pool "
             "max_size %d per worker" % (", ".join(s.name for s in servers),
                                         args.gunicorn_workers, args.gunicorn_threads,
                                         args.gunicorn_threads),
             "- wrk `-d %ds --latency`, threads = min(connections, 2); %d rounds interleaved, "
             "medians; nothing pinned: wrk, the server and PostgreSQL share the 2 CPUs" % (
                 args.duration, args.rounds),
             "- how to read these numbers, and what they do not prove: docs/performance.md "
             "(Serving)",
             "- server CPU = user + system of the server's processes; PostgreSQL CPU = the same for "
             "the database's processes (postmaster, backends) during the run", ""]
    for endpoint in ENDPOINTS:
        lines += ["### %s %s" % ENDPOINTS[endpoint], "",
                  "| server | connections | requests/s | p50 | p99 | server CPU per request "
                  "| PostgreSQL CPU per request | server RSS | req/s ÷ %s | errors |" % reference,
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for connections in connection_counts:
            ref = common.median([s["rps"] for s in samples["%s/%s/%d" % (reference, endpoint,
                                                                          connections)]])
            for server in servers:
                runs = samples["%s/%s/%d" % (server.name, endpoint, connections)]
                rps = common.median([s["rps"] for s in runs])
                errors = sum(s["non2xx"] for s in runs)
                sockets = "; ".join(s["socket_errors"] for s in runs if s["socket_errors"])
                lines.append("| %s | %d | %.0f | %.2f ms | %.2f ms | %.0f µs | %.0f µs | %.1f MB | %.2f× "
                             "| %s |" % (
                                 server.name, connections, rps,
                                 common.median([s["p50"] for s in runs]) * 1e3,
                                 common.median([s["p99"] for s in runs]) * 1e3,
                                 common.median([s["cpu_per_request"] for s in runs]) * 1e6,
                                 common.median([s["database_cpu_per_request"] for s in runs])
                                 * 1e6,
                                 max(s["rss"] for s in runs) / common.MB, rps / ref,
                                 ("%d non-2xx " % errors if errors else "") + sockets or "none"))
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
