#!/usr/bin/env python3
"""The Lambda-shaped Cruddur post-confirmation trigger and home feed in Python, the way the
Cruddur service (and most Python Lambdas) talk to PostgreSQL: a module-level connection made on
the first invocation from the environment, `cursor.execute` with `%(name)s` templates, and the
feed's SQL wrapped in row_to_json/array_to_json so PostgreSQL builds the JSON.

    lambda_python.py --driver psycopg2|psycopg

stdin stands in for the Runtime API: each line is one invocation's Cognito event; the answer is
one JSON line {"confirmed": <event>, "feed": <API Gateway proxy response>} on stdout, then
"cpu <user µs> <system µs>" (this process, cumulative) on stderr. Only the chosen driver is
imported, as in a deployed function.
"""
import json
import os
import resource
import sys

DRIVER = sys.argv[sys.argv.index("--driver") + 1]
if DRIVER == "psycopg2":
    import psycopg2 as driver
elif DRIVER == "psycopg":
    import psycopg as driver
else:
    sys.exit("lambda_python.py: --driver psycopg2|psycopg")

INSERT_USER = """
INSERT INTO public.users (display_name, email, handle, cognito_user_id)
VALUES (%(display_name)s, %(email)s, %(handle)s, %(cognito_user_id)s)
"""

HOME_FEED = """
SELECT
  activities.uuid,
  users.display_name,
  users.handle,
  activities.message,
  activities.replies_count,
  activities.reposts_count,
  activities.likes_count,
  activities.reply_to_activity_uuid,
  activities.expires_at,
  activities.created_at
FROM public.activities
LEFT JOIN public.users ON users.uuid = activities.user_uuid
ORDER BY activities.created_at DESC
"""


def query_array_json(template):
    return ("(SELECT COALESCE(array_to_json(array_agg(row_to_json(array_row))),'[]'::json) "
            "FROM (%s) array_row);" % template)


connection = None


def connect():
    env = os.environ
    settings = dict(host=env["PG_HOST"], port=env["PG_PORT"], dbname=env["PG_DBNAME"],
                    user=env["PG_USER"], sslmode=env.get("PGSSLMODE", "prefer"))
    if DRIVER == "psycopg2":
        conn = driver.connect(**settings)
        conn.autocommit = True
        return conn
    return driver.connect(autocommit=True, **settings)


def handler(event):
    global connection
    if connection is None or connection.closed:
        connection = connect()
    attributes = event["request"]["userAttributes"]
    with connection.cursor() as cur:
        cur.execute(INSERT_USER, {"display_name": attributes["name"],
                                  "email": attributes["email"],
                                  "handle": attributes["preferred_username"],
                                  "cognito_user_id": attributes["sub"]})
        cur.execute(query_array_json(HOME_FEED))
        feed = cur.fetchone()[0]
    # Both drivers decode json columns into Python objects; the body is JSON text again.
    return {"confirmed": event,
            "feed": {"statusCode": 200, "headers": {"Content-Type": "application/json"},
                     "body": json.dumps(feed)}}


for line in sys.stdin:
    print(json.dumps(handler(json.loads(line))), flush=True)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print("cpu %d %d" % (usage.ru_utime * 1e6, usage.ru_stime * 1e6), file=sys.stderr,
          flush=True)
