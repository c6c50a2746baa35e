"""Shared pieces of the serverless and HTTP benchmarks: the test certificate, the throwaway
Cruddur database (bench/src/cruddur_pg.cpp) and the machine description."""
import contextlib
import os
import platform
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
MB = 1024 * 1024


def make_certificate(folder):
    """A self-signed RSA 2048 certificate for 127.0.0.1, valid one day (openssl)."""
    crt, key = os.path.join(folder, "server.crt"), os.path.join(folder, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", crt],
                   check=True, capture_output=True)
    os.chmod(key, 0o600)
    return crt, key


@contextlib.contextmanager
def cruddur_database(build, pin=None):
    """Starts cruddur_pg with TLS on and the Cruddur schema, seed and benchmark data; yields
    the connection settings {host, port, user, dbname}."""
    with tempfile.TemporaryDirectory(prefix="soong-bench-") as folder:
        crt, key = make_certificate(folder)
        command = [os.path.join(build, "bench", "cruddur_pg"), crt, key,
                   os.path.join(ROOT, "sql", "schema.sql"), os.path.join(ROOT, "sql", "seed.sql"),
                   os.path.join(BENCH, "sql", "cruddur_feed.sql")]
        server = subprocess.Popen((pin or []) + command, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        settings = {}
        for line in server.stdout:
            line = line.strip()
            if line == "ready":
                break
            name, _, value = line.partition("=")
            settings[name] = value
        else:
            sys.exit("bench: cruddur_pg did not start")
        settings.pop("sslmode", None)
        settings["pid"] = server.pid  # the launcher; PostgreSQL's processes are below it
        try:
            yield settings
        finally:
            server.stdin.close()
            server.wait(timeout=60)


def query_value(db, sql):
    """One value from the benchmark database, through psql (so the harness needs no driver)."""
    conninfo = "host=%s port=%s dbname=%s user=%s sslmode=disable" % (
        db["host"], db["port"], db["dbname"], db["user"])
    done = subprocess.run(["psql", conninfo, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                           "-c", sql], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0]
    return "%s, %d logical CPUs, kernel %s, load average (1 min) %.2f" % (
        cpu, os.cpu_count(), platform.release(), load)


def package_versions(names):
    found = []
    for name in names:
        done = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", name],
                              capture_output=True, text=True)
        found.append("%s %s" % (name, done.stdout.strip() if done.returncode == 0 else "(none)"))
    return ", ".join(found)


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return float("nan")
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
