#!/usr/bin/env python3
"""bench/run lambda-runtime: the real examples/lambda `bootstrap` program against a local
stand-in for the Lambda Runtime API, to time what Lambda bills for a warm invocation: from the
moment the Runtime API hands an event out (the `next` response is written) to the moment the
function's `response` POST has fully arrived.

    runtime_api_bench.py --build-dir B [--bootstrap PATH]... [--invocations N]

The stand-in answers `next` with one Cognito post-confirmation event (header and body in one
write, TCP_NODELAY, so the stand-in adds no delay of its own) and accepts `response` posts.
Each answer is checked to be the event sent (the trigger returns its event).
"""
import argparse
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PREFIX = "/2018-06-01/runtime/invocation/"


class RuntimeApi(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.events = queue.Queue()
        self.answers = queue.Queue()
        self.sent_at = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def do_GET(self):
        request_id, event = self.server.events.get()
        body = json.dumps(event).encode()
        head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                "Lambda-Runtime-Aws-Request-Id: %s\r\nLambda-Runtime-Deadline-Ms: %d\r\n\r\n" % (
                    len(body), request_id, int(time.time() * 1000) + 60000)).encode()
        self.server.sent_at[request_id] = time.perf_counter()
        self.wfile.write(head + body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        arrived = time.perf_counter()
        request_id = self.path[len(PREFIX):].split("/")[0]
        self.wfile.write(b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n")
        self.server.answers.put((request_id, self.path.endswith("/response"), body, arrived))


def measure(bootstrap, env, invocations, idle, tag):
    api = RuntimeApi()
    threading.Thread(target=api.serve_forever, daemon=True).start()
    process = subprocess.Popen([bootstrap], env=dict(env, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d"
                                                     % api.server_address[1]),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times = []
    try:
        for i in range(invocations + 1):  # the first one connects: not counted
            request_id = "%s-%d" % (tag, i)
            event = {"version": "1", "triggerSource": "PostConfirmation_ConfirmSignUp",
                     "request": {"userAttributes": {
                         "sub": "sub-" + request_id, "name": "Runtime " + request_id,
                         "email": request_id + "@example.com",
                         "preferred_username": request_id.replace("-", "_")}}}
            api.events.put((request_id, event))
            answered, ok, body, arrived = api.answers.get(timeout=30)
            if answered != request_id or not ok or json.loads(body) != event:
                raise RuntimeError("bad answer for %s: %r" % (request_id, body[:200]))
            if i:
                times.append(arrived - api.sent_at[request_id])
            time.sleep(idle)
    finally:
        process.kill()
        process.wait()
        api.shutdown()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--bootstrap", action="append",
                        help="label=path of a bootstrap build (default: the build's)")
    parser.add_argument("--invocations", type=int, default=30)
    parser.add_argument("--idle", type=float, default=0.05)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    builds = [b.partition("=")[::2] for b in (args.bootstrap or [])] or [
        ("bootstrap", os.path.join(args.build_dir, "examples", "lambda", "bootstrap"))]
    results = {}
    with common.cruddur_database(args.build_dir) as db:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PG_HOST": db["host"],
               "PG_PORT": db["port"], "PG_DBNAME": db["dbname"], "PG_USER": db["user"],
               "PGSSLMODE": "disable"}
        for round_number in range(args.rounds):
            for label, path in builds:
                results.setdefault(label, []).extend(
                    measure(path, env, args.invocations, args.idle,
                            "%s-r%d" % (label, round_number)))
    print("| bootstrap | invocations | event out → response in, median | min | p90 |")
    print("|---|---:|---:|---:|---:|")
    for label, times in results.items():
        times.sort()
        print("| %s | %d | %.2f ms | %.2f ms | %.2f ms |" % (
            label, len(times), common.median(times) * 1e3, times[0] * 1e3,
            times[int(len(times) * 0.9)] * 1e3))


if __name__ == "__main__":
    main()
