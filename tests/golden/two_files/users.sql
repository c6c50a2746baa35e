-- name: CreateUser :one
INSERT INTO users (handle) VALUES ($1) RETURNING id;
