-- name: CreatePost :one
INSERT INTO posts (tags, scores, labels, moods) VALUES ($1, $2, $3, $4) RETURNING id;

-- name: SetTags :exec
UPDATE posts SET tags = $2 WHERE id = $1;

-- name: SetScores :exec
UPDATE posts SET scores = sqlc.narg(scores) WHERE id = sqlc.arg(id);

-- name: PostsWithAnyTag :many
SELECT id FROM posts WHERE tags && @wanted::text[] ORDER BY id;

-- name: GetPost :one
SELECT id, tags, scores, labels, loose, legacy, moods FROM posts WHERE id = $1;

-- name: TagsSure :one
SELECT tags AS "tags[!]", scores AS "scores![!]" FROM posts WHERE id = $1;

-- name: AddPosts :batchexec
INSERT INTO posts (tags, scores) VALUES ($1, $2);

-- name: CopyPosts :copyfrom
INSERT INTO posts (tags, labels, scores) VALUES ($1, $2, $3);

-- name: PostsByIds :many
SELECT id, tags FROM posts WHERE id = ANY (@ids::int8[]) ORDER BY id;
