-- wrk script: POST /api/activities with a valid create request (the handle comes from the
-- HANDLE environment variable so each server's rows can be counted afterwards).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"handle":"' .. (os.getenv("HANDLE") or "bench1") ..
           '","message":"Posted by the HTTP benchmark, a message of ordinary length.","ttl":"7-days"}'
