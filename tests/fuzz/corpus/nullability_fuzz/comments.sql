/* a ; comment /* nested */ */
-- name: A :one
SELECT 1 -- trailing ; comment
;
-- name: Orphan :one
