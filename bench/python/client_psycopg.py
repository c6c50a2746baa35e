#!/usr/bin/env python3
"""Python benchmark client: psycopg 3 (Debian's pure-Python build) or psycopg2.

Same workloads, same checksum rules as the C++ clients (bench/src/bench_common.hpp), same
output: one JSON line {"wall_s", "cpu_s", "items", "checksum"}. Exit 3 for a variant this
driver does not have. Only the workload itself is timed; CPU time is this process's
getrusage(RUSAGE_SELF) user + system time.
"""

import argparse
import datetime
import io
import json
import resource
import sys
import time

MASK = (1 << 64) - 1
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
BASE_2024 = datetime.datetime(2024, 1, 1, tzinfo=UTC)
ONE_US = datetime.timedelta(microseconds=1)

GET_USER = "SELECT id, name, email, created_at FROM users WHERE id = %s"
READ_WIDE = "SELECT i4, i8, t, b, ts, u, f8, nt FROM wide ORDER BY i4"
INSERT_SINK = "INSERT INTO sink (id, qty, label, at, price) VALUES (%s, %s, %s, %s, %s)"
LIST_POSTS = ("SELECT p.id, a.handle, p.message, p.likes, p.is_public\n"
              "FROM posts p JOIN authors a ON a.id = p.author_id\nORDER BY p.id")
LIST_POSTS_JSON = ("WITH q AS (\n" + LIST_POSTS + "\n)\n"
                   "SELECT coalesce(array_to_json(array_agg(row_to_json(q))), '[]') FROM q")
SINK_CHECKSUM = (
    "SELECT ((count(*) + coalesce(sum(id), 0) + coalesce(sum(qty), 0) + "
    "coalesce(sum(length(label)), 0) + coalesce(sum((extract(epoch FROM at) * 1000000)::int8), 0) "
    "+ coalesce(sum((price * 2)::int8), 0)) % 18446744073709551616)::text FROM sink")


class Unsupported(Exception):
    pass


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(body):
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    body()
    return time.perf_counter() - wall0, cpu_seconds() - cpu0


def id_sequence(users, count):
    """The fixed W1 id sequence (Park-Miller LCG, seed 42), as in bench_common.hpp."""
    state = 42
    for _ in range(count):
        state = state * 48271 % 2147483647
        yield state % users + 1


def micros(ts):
    return (ts - EPOCH) // ONE_US


def wide_sum(row):
    i4, i8, t, b, ts, u, f8, nt = row
    return (i4 + i8 + len(t) + (ord(t[0]) if t else 0) + (1 if b else 0) + micros(ts) +
            sum(u.bytes) + int(f8 * 4) + (7 if nt is None else len(nt)))


def json_text_sum(text):
    data = text.encode()
    return (len(data) + sum(data)) & MASK


def sink_items(n):
    return [(i + 1, i % 1000, "item-%d" % i, BASE_2024 + datetime.timedelta(seconds=i), i * 0.5)
            for i in range(n)]


class Driver:
    """The differences between psycopg 3 and psycopg2, nothing else."""

    def __init__(self, name, conninfo):
        self.name = name
        if name == "psycopg":
            import psycopg
            from psycopg.types.string import TextLoader
            self.module = psycopg
            self.conn = psycopg.connect(conninfo)
            # Keep JSON as the text the server sent, as the C++ clients do.
            self.conn.adapters.register_loader("json", TextLoader)
        else:
            import psycopg2
            import psycopg2.extras
            self.module = psycopg2
            self.conn = psycopg2.connect(conninfo)
            psycopg2.extras.register_default_json(self.conn, loads=lambda text: text)
            psycopg2.extras.register_uuid(conn_or_curs=self.conn)  # uuid.UUID, as psycopg 3

    def batch(self, cur, sql, rows):
        if self.name == "psycopg":
            cur.executemany(sql, rows)  # pipeline mode in psycopg 3.1
        else:
            import psycopg2.extras
            psycopg2.extras.execute_batch(cur, sql, rows, page_size=1000)

    def copy(self, cur, rows):
        if self.name == "psycopg":
            with cur.copy("COPY sink (id, qty, label, at, price) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            text = io.StringIO()
            for i, qty, label, at, price in rows:
                text.write("%d\t%d\t%s\t%s\t%r\n" % (i, qty, label, at.isoformat(), price))
            text.seek(0)
            cur.copy_expert("COPY sink (id, qty, label, at, price) FROM STDIN", text)


def run(args):
    driver = Driver(args.driver, args.conninfo)
    conn = driver.conn
    cur = conn.cursor()
    v = args.variant
    out = {"items": 0, "checksum": 0}

    if v == "w1":
        cur.execute(GET_USER, (1,))
        cur.fetchone()
        conn.commit()

        def body():
            total = 0
            for user_id in id_sequence(args.users, args.w1_calls):
                cur.execute(GET_USER, (user_id,))
                row = cur.fetchone()
                total += row[0] + len(row[1]) + len(row[2]) + micros(row[3])
            out["checksum"] = total
        out["items"] = args.w1_calls
    elif v in ("w2_vector", "w2_stream"):
        cur.execute(READ_WIDE)
        cur.fetchall()

        if v == "w2_vector":
            rows = []

            def body():
                cur.execute(READ_WIDE)
                rows.extend(cur.fetchall())
            wall, cpu = measure(body)
            out.update(wall_s=wall, cpu_s=cpu, items=len(rows),
                       checksum=sum(wide_sum(r) for r in rows))
            return out

        def body():
            cur.execute(READ_WIDE)
            total = n = 0
            for row in cur:
                total += wide_sum(row)
                n += 1
            out["checksum"], out["items"] = total, n
    elif v in ("w3_exec", "w3_batch", "w3_copy"):
        cur.execute("TRUNCATE sink")
        conn.commit()
        rows = sink_items(args.w3_rows)

        def body():
            if v == "w3_exec":
                for row in rows:
                    cur.execute(INSERT_SINK, row)
            elif v == "w3_batch":
                driver.batch(cur, INSERT_SINK, rows)
            else:
                driver.copy(cur, rows)
            conn.commit()
        wall, cpu = measure(body)
        cur.execute(SINK_CHECKSUM)
        out.update(wall_s=wall, cpu_s=cpu, items=args.w3_rows, checksum=int(cur.fetchone()[0]))
        return out
    elif v in ("w4_server_json", "w4_client_json"):
        cur.execute(LIST_POSTS)
        cur.fetchall()
        cur.execute(LIST_POSTS_JSON)
        cur.fetchone()
        result = {}

        def body():
            if v == "w4_server_json":
                cur.execute(LIST_POSTS_JSON)
                result["json"] = cur.fetchone()[0]
            else:
                cur.execute(LIST_POSTS)
                names = [c.name for c in cur.description]
                result["json"] = json.dumps([dict(zip(names, row)) for row in cur.fetchall()],
                                            separators=(",", ":"))
        wall, cpu = measure(body)
        out.update(wall_s=wall, cpu_s=cpu, items=len(json.loads(result["json"])),
                   checksum=json_text_sum(result["json"]))
        return out
    else:
        raise Unsupported(v)

    wall, cpu = measure(body)
    out.update(wall_s=wall, cpu_s=cpu)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--driver", choices=["psycopg", "psycopg2"], required=True)
    parser.add_argument("--variant", required=True)
    parser.add_argument("--conninfo", required=True)
    parser.add_argument("--users", type=int, default=100000)
    parser.add_argument("--w1-calls", type=int, default=20000)
    parser.add_argument("--w3-rows", type=int, default=50000)
    args = parser.parse_args()
    try:
        out = run(args)
    except Unsupported as e:
        print("%s has no variant %s" % (args.driver, e), file=sys.stderr)
        return 3
    out["checksum"] = str(out["checksum"] & MASK)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
