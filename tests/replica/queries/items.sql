-- name: AddItem :one
INSERT INTO items (label, payload) VALUES (@label, @payload) RETURNING id;

-- name: CountItems :one
-- Where it ran comes back with the answer, so a test sees the routing from the server itself.
SELECT count(*) AS n, pg_is_in_recovery() AS on_standby, inet_server_port() AS port
  FROM items
 WHERE label = @label;

-- name: WhereAmI :one
SELECT pg_is_in_recovery() AS on_standby, inet_server_port() AS port;

-- name: LockItems :many
SELECT id FROM items WHERE label = @label FOR UPDATE;

-- name: SlowWhereAmI :one
-- Holds a lock on items while it sleeps, so a standby replaying an ACCESS EXCLUSIVE lock
-- taken on the primary cancels it (a conflict with recovery).
SELECT pg_is_in_recovery() AS on_standby, inet_server_port() AS port,
       (SELECT count(*) FROM items) AS n
  FROM (SELECT pg_sleep(@seconds::float8)) AS pause;

-- name: PrimaryWhereAmI :one
-- soong:route primary
SELECT pg_is_in_recovery() AS on_standby, inet_server_port() AS port;
