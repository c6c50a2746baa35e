-- name: Peek :one
SELECT peek(@name) AS value;

-- name: Bump :one
SELECT bump(@name) AS value;

-- name: NextTicket :one
SELECT nextval('tickets') AS ticket;

-- name: Latest :one
-- soong:route primary
SELECT value FROM counters WHERE name = @name;
