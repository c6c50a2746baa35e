-- name: ListValues :many
SELECT * FROM typed_values ORDER BY id;

-- name: GetValue :one
SELECT * FROM typed_values WHERE id = @id;

-- name: ListJsonColumns :many
SELECT * FROM json_columns ORDER BY id;

-- name: GetJsonColumns :one
SELECT * FROM json_columns WHERE id = @id;

-- name: SessionTimeZone :one
SELECT current_setting('TimeZone') AS zone;

-- name: FirstInstant :one
SELECT tz FROM typed_values WHERE id = 1;

-- name: SessionZoneAndBackend :one
SELECT current_setting('TimeZone') AS zone, pg_backend_pid() AS pid;
