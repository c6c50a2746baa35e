-- Shapes whose values are proven non-null beyond plain columns: single-row subqueries,
-- generate_series and ordinality, named arguments, SQL function bodies, extension functions,
-- sequences and the system catalogs; and parameters that exist to accept NULL.

-- name: PostDocuments :many
SELECT p.id,
       (SELECT coalesce(row_to_json(o), '{}') FROM (SELECT p.title, p.body) o) AS doc,
       (SELECT o.body FROM (SELECT p.title, p.body) o) AS body,
       (SELECT c.n FROM (SELECT count(*) AS n FROM comments WHERE post_id = p.id) c) AS comments
FROM posts p ORDER BY p.id;

-- name: SeriesWithOrdinality :many
SELECT g.n, g.i, t.tag, t.pos
FROM generate_series(1, 2) WITH ORDINALITY AS g(n, i)
CROSS JOIN LATERAL unnest(ARRAY['a', NULL]::text[]) WITH ORDINALITY AS t(tag, pos)
ORDER BY g.n, t.pos;

-- name: MemberTagPositions :many
SELECT m.id, t.tag, t.ordinality
FROM members m, unnest(m.tags::text[]) WITH ORDINALITY AS t(tag)
ORDER BY m.id, t.ordinality;

-- name: IntervalOf :one
SELECT make_interval(days => $1::int4, secs => $2::float8) AS span, now() AS at;

-- name: MemberLabels :many
-- soong:json on
SELECT id, member_label(email::text, id) AS label, member_label(display_name, id) AS named,
       or_zero(karma) AS karma_or_zero, strict_or_zero(karma) AS strict_karma
FROM members ORDER BY id;

-- name: ExtensionValues :many
-- soong:json on
SELECT m.id,
       uuid_generate_v5(uuid_ns_url(), m.email::text) AS v5, uuid_generate_v4() AS v4,
       uuid_generate_v1() AS v1, uuid_nil() AS nil,
       digest(m.email::text, 'sha256') AS sha, hmac(m.email::text, 'key', 'sha1') AS mac,
       crypt('pw', gen_salt('bf', 4)) AS hash, gen_random_uuid() AS id_v4,
       gen_random_bytes(8) AS noise,
       similarity(m.email::text, 'a@x') AS sim, word_similarity('ann', m.email::text) AS word_sim,
       similarity(m.display_name, 'Ann') AS name_sim
FROM members m ORDER BY m.id;

-- name: TicketSequence :one
SELECT last_value, is_called FROM ticket_numbers;

-- name: PublicTables :many
SELECT c.relname::text AS relname, t.tableowner::text AS owner, i.table_name::text AS table_name
FROM pg_catalog.pg_class c
JOIN pg_tables t ON t.tablename = c.relname AND t.schemaname = 'public'
JOIN information_schema.tables i ON i.table_name = c.relname AND i.table_schema = 'public'
WHERE c.relkind = 'r'
ORDER BY 1;

-- name: PostsByOptionalStatus :many
SELECT id FROM posts
WHERE status = coalesce($1, status) AND score >= coalesce($2::int4, 0)
ORDER BY id;

-- name: SetMemberName :one
UPDATE members SET display_name = CASE WHEN $1::bool THEN $2 ELSE display_name END
WHERE id = $3 RETURNING id, display_name;

-- name: SetPostBody :execrows
UPDATE posts SET body = nullif($1, ''), rating = coalesce($2, rating) WHERE id = $3;
