-- name: AccountBalance :one
SELECT balance FROM accounts WHERE id = $1;

-- name: AccountOwners :many
SELECT id, owner FROM accounts ORDER BY id;
