-- name: CreateTagIfMissing :one
INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id, name;
