-- Enums, arrays, JSON, composite types, numeric and domains.

-- name: PostsByStatus :many
SELECT id, title, status FROM posts WHERE status = $1 ORDER BY id;

-- name: PostStatuses :many
SELECT DISTINCT status FROM posts ORDER BY status;

-- name: EnumLabels :one
SELECT enum_range(NULL::post_status) AS labels;

-- name: PostMetadata :many
SELECT id, metadata, metadata -> 'tags' AS tags, metadata ? 'pinned' AS pinned FROM posts ORDER BY id;

-- name: PostsWithMetadataKey :many
SELECT id FROM posts WHERE metadata ? @key::text ORDER BY id;

-- name: UnnestTags :many
SELECT m.id, t.tag FROM members m CROSS JOIN LATERAL unnest(m.tags) AS t(tag) ORDER BY m.id, t.tag;

-- name: RatingMath :many
SELECT id, rating, round(rating, 1) AS rounded, score::numeric / 3 AS third FROM posts ORDER BY id;

-- name: CompositeFields :many
SELECT id, (home).street AS street, (home).zip AS zip FROM members ORDER BY id;

-- name: BuildJson :many
SELECT id, jsonb_build_object('id', id, 'title', title) AS doc, to_json(body) AS body_json
FROM posts ORDER BY id;

-- name: LiteralsAndParams :one
SELECT 1 AS one, 'x'::text AS letter, $1::int4 + 1 AS next, NULL::text AS nothing;
