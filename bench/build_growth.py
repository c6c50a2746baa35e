"""bench/run growth --build-files N: an add_sql_queries() target of N query files built by CMake
and Ninja at -j2, the way a user's build runs the generator.

A throwaway project over the bench schema (bench.py's query templates, 10 queries per file)
that uses this checkout's cmake/SoongAddSqlQueries.cmake with the built generator, compiler
launcher off (so no compiler cache hides the compile time). Reports: the generation steps of a
cold build (empty build folder and typing cache), the compile that follows, a no-op rebuild,
a rebuild after editing one query file (what ran, what was recompiled), and how many
PostgreSQL servers each build started (counted by an `initdb` wrapper on $SOONG_PG_BINDIR).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import write_generator_queries  # noqa: E402

PROJECT = """cmake_minimum_required(VERSION 3.25)
project(soong_build_growth LANGUAGES CXX)
find_package(PostgreSQL REQUIRED)
find_package(nlohmann_json REQUIRED)
add_executable(soong::soong IMPORTED)
set_target_properties(soong::soong PROPERTIES IMPORTED_LOCATION "{soong}")
add_library(soong::runtime INTERFACE IMPORTED)
target_include_directories(soong::runtime INTERFACE "{root}/runtime/include")
target_link_libraries(soong::runtime INTERFACE PostgreSQL::PostgreSQL
                                               nlohmann_json::nlohmann_json)
include("{module}")
add_sql_queries(growth_db SCHEMA "{schema}" QUERIES queries NAMESPACE gen::db)
"""


def server_counting_bindir(folder):
    """A $SOONG_PG_BINDIR whose `initdb` logs each call (one per throwaway server) and runs
    the real one; `postgres` is the real binary."""
    versions = sorted((int(d) for d in os.listdir("/usr/lib/postgresql") if d.isdigit()),
                      reverse=True)
    if versions:
        real = os.path.join("/usr/lib/postgresql", str(versions[0]), "bin")
    else:
        real = subprocess.run(["pg_config", "--bindir"], capture_output=True,
                              text=True).stdout.strip()
    bindir = os.path.join(folder, "pgbin")
    os.makedirs(bindir)
    log = os.path.join(folder, "initdb-calls.log")
    open(log, "w").close()
    os.chmod(folder, 0o777)
    os.chmod(log, 0o666)  # the server runs as `nobody` when the build runs as root
    with open(os.path.join(bindir, "initdb"), "w") as f:
        f.write("#!/bin/sh\necho initdb >> '%s'\nexec '%s/initdb' \"$@\"\n" % (log, real))
    os.chmod(os.path.join(bindir, "initdb"), 0o755)
    os.symlink(os.path.join(real, "postgres"), os.path.join(bindir, "postgres"))
    os.chmod(bindir, 0o755)
    return bindir, log


def ninja(build, targets, env):
    start = time.perf_counter()
    done = subprocess.run(["ninja", "-C", build, "-j2"] + targets, capture_output=True,
                          text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("build growth: ninja failed:\n" + done.stdout[-4000:] + done.stderr[-2000:])
    return seconds, done.stdout


def counted(log):
    with open(log) as f:
        return sum(1 for _ in f)


def build_growth(args):
    files = int(args.build_files)
    module = os.path.abspath(args.cmake_module or os.path.join(ROOT, "cmake",
                                                                "SoongAddSqlQueries.cmake"))
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        project = os.path.join(folder, "project")
        write_generator_queries(os.path.join(project, "queries"), files * 10)
        with open(os.path.join(project, "CMakeLists.txt"), "w") as f:
            f.write(PROJECT.format(soong=os.path.abspath(args.soong), root=ROOT, module=module,
                                   schema=os.path.join(HERE, "sql", "schema.sql")))
        bindir, log = server_counting_bindir(folder)
        env = dict(os.environ, SOONG_PG_BINDIR=bindir)
        build = os.path.join(folder, "build")
        done = subprocess.run(["cmake", "-S", project, "-B", build, "-G", "Ninja",
                               "-DCMAKE_BUILD_TYPE=Release"], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit("build growth: configure failed:\n" + done.stdout + done.stderr)
        generated = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"],
                                   capture_output=True, text=True).stdout
        outputs = sorted({line.split(":")[0] for line in generated.splitlines()
                          if line.startswith("growth_db_generated/")})

        print("| %d query files (%d queries), Ninja -j2 | wall | steps run | objects compiled "
              "| servers started |" % (files, files * 10))
        print("|---|---:|---:|---:|---:|")

        def row(what, seconds, output, servers_before):
            # CMake's glob check runs on every build (CONFIGURE_DEPENDS) and is not counted.
            steps = len(re.findall(r"^\[\d+/\d+\] (?!Re-checking globbed)", output, re.M))
            objects = len(re.findall(r"Building CXX object", output))
            print("| %s | %.1f s | %d | %d | %d |" % (what, seconds, steps, objects,
                                                      counted(log) - servers_before), flush=True)

        before = counted(log)
        seconds, output = ninja(build, outputs, env)
        row("cold: generation steps only", seconds, output, before)
        if not args.build_generate_only:
            before = counted(log)
            seconds, output = ninja(build, [], env)
            row("cold: the compile that follows", seconds, output, before)
        before = counted(log)
        seconds, output = ninja(build, [] if not args.build_generate_only else outputs, env)
        row("no-op rebuild", seconds, output, before)

        # One more query in one file: its .hpp and .cpp change, nothing else.
        edited = os.path.join(project, "queries", "q%03d.sql" % (files // 2))
        with open(edited, "a") as f:
            f.write("-- name: AddedByTheEdit :one\nSELECT count(*) AS n FROM users;\n")
        before = counted(log)
        seconds, output = ninja(build, [] if not args.build_generate_only else outputs, env)
        row("after editing one query file", seconds, output, before)

        shutil.rmtree(os.path.join(build, "growth_db_generated"))
        before = counted(log)
        seconds, output = ninja(build, outputs, env)
        row("generated files deleted, typing cache kept", seconds, output, before)
