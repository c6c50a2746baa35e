-- A parameter passed to a function is named after the function's argument.
-- name: SlugFor :one
SELECT make_slug($1) AS slug;

-- name: PostsWithSlug :many
SELECT id, title, state FROM posts WHERE slug = make_slug($1) ORDER BY id;

-- Named notation names the parameter too.
-- name: Clamp :one
SELECT clamp_score(high => $3, score => $1, low => $2) AS clamped;

-- A column the parameter is stored into names it before a function argument does.
-- name: CreatePost :one
INSERT INTO posts (title, slug) VALUES ($1, make_slug($1)) RETURNING id;

-- name: PostsInState :batchmany
SELECT id, title FROM posts WHERE state = $1 ORDER BY id;

-- The argument a call passes names the parameter, not an OUT argument listed before it.
-- name: RoundScore :one
SELECT round_score($1) AS rounded;

-- name: PostsTitled :many
SELECT post_id, post_title FROM posts_titled($1);
