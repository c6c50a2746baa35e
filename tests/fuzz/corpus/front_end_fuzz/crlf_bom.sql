-- name: Crlf :one
SELECT
  nme
FROM users;
