"""Cruddur's home feed and create-activity endpoints in Flask over psycopg 3's connection pool,
the way the Python Cruddur service is written (`%(name)s` templates, row_to_json-wrapped SQL so
PostgreSQL builds the JSON): the comparison for examples/cruddur's cruddur_server.

Served by gunicorn (`gunicorn -k gthread`, see http_bench.py). Configuration from the
environment: PG_HOST, PG_PORT, PG_DBNAME, PG_USER, and POOL_SIZE (connections per worker).
"""
import os
from datetime import datetime, timedelta, timezone

from flask import Flask, request
from psycopg_pool import ConnectionPool

pool = ConnectionPool(
    "host=%s port=%s dbname=%s user=%s sslmode=disable" % (
        os.environ["PG_HOST"], os.environ["PG_PORT"], os.environ["PG_DBNAME"],
        os.environ["PG_USER"]),
    min_size=1, max_size=int(os.environ.get("POOL_SIZE", "8")), kwargs={"autocommit": True})

app = Flask(__name__)

TTLS = {"30-days": timedelta(days=30), "7-days": timedelta(days=7),
        "3-days": timedelta(days=3), "1-day": timedelta(days=1),
        "12-hours": timedelta(hours=12), "3-hours": timedelta(hours=3),
        "1-hour": timedelta(hours=1)}


def query_array_json(template):
    return ("(SELECT COALESCE(array_to_json(array_agg(row_to_json(array_row))),'[]'::json) "
            "FROM (%s) array_row);" % template)


def query_object_json(template):
    return ("(SELECT COALESCE(row_to_json(object_row),'{}'::json) FROM (%s) object_row);"
            % template)


HOME = query_array_json("""
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
""")

CREATE = """
INSERT INTO public.activities (user_uuid, message, expires_at)
VALUES ((SELECT uuid FROM public.users WHERE users.handle = %(handle)s LIMIT 1),
        %(message)s, %(expires_at)s)
RETURNING uuid;
"""

OBJECT = query_object_json("""
SELECT
  activities.uuid,
  users.display_name,
  users.handle,
  activities.message,
  activities.created_at,
  activities.expires_at
FROM public.activities
INNER JOIN public.users ON users.uuid = activities.user_uuid
WHERE activities.uuid = %(uuid)s
""")

# The JSON column comes back decoded; hand PostgreSQL's text through instead, as the C++ server
# does (this is the faster choice for Flask too: no json.loads/dumps per request).
JSON_AS_TEXT = "::text"


def json_response(text, status=200):
    return app.response_class(text, status=status, mimetype="application/json")


@app.get("/api/activities/home")
def home():
    with pool.connection() as conn:
        text = conn.execute("SELECT " + HOME.rstrip(";\n") + JSON_AS_TEXT).fetchone()[0]
    return json_response(text)


@app.post("/api/activities")
def create():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_response('{"errors":["body_not_json"]}', 400)
    handle, message, ttl = (body.get(k) or "" for k in ("handle", "message", "ttl"))
    errors = []
    if not str(handle).strip():
        errors.append("user_handle_blank")
    if not ttl:
        errors.append("ttl_blank")
    elif ttl not in TTLS:
        errors.append("ttl_unknown")
    if not str(message).strip():
        errors.append("message_blank")
    elif len(message) > 280:
        errors.append("message_exceed_max_chars")
    if errors:
        return json_response('{"errors":[%s]}' % ",".join('"%s"' % e for e in errors), 422)
    expires_at = datetime.now(timezone.utc).replace(tzinfo=None) + TTLS[ttl]
    with pool.connection() as conn:
        uuid = conn.execute(CREATE, {"handle": handle, "message": message,
                                     "expires_at": expires_at}).fetchone()[0]
        text = conn.execute("SELECT " + OBJECT.rstrip(";\n") + JSON_AS_TEXT, {"uuid": uuid}).fetchone()[0]
    return json_response(text)
