-- name: CreateActivity :one
INSERT INTO posts (user_id, title) VALUES (%(user_id)s, %(title)s) RETURNING id; -- 100%% sure
