-- name: AddAccounts :batchexec
INSERT INTO accounts (id, owner, balance) VALUES ($1, $2, $3);

-- name: AddAccountsReturning :batchone
INSERT INTO accounts (id, owner, balance) VALUES ($1, $2, $3) RETURNING id * 10 AS scaled;

-- name: AccountsAbove :batchmany
SELECT id, owner FROM accounts WHERE balance > $1 ORDER BY id;

-- name: CountAccounts :one
SELECT count(*) AS n FROM accounts;
