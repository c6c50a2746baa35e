-- Deterministic benchmark data: generate_series and arithmetic only, never random(), so every
-- run and every client sees the same rows and the checksums can be compared. The sizes come
-- from bench.* settings that bench_server sets first (smaller with --quick).
INSERT INTO users (id, name, email, created_at)
SELECT g, 'user ' || g, 'user' || g || '@example.com',
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, current_setting('bench.users')::int) AS g;

-- t: 32 hex digits + '-abc' = 36 characters; nt NULL when g % 10 < 3 (30%).
INSERT INTO wide (i4, i8, t, b, ts, u, f8, nt)
SELECT g, g::int8 * 1000003, md5(g::text) || '-abc', g % 3 = 0,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second',
       md5('u' || g)::uuid, g * 0.25,
       CASE WHEN g % 10 < 3 THEN NULL ELSE 'note ' || g END
FROM generate_series(1, current_setting('bench.wide_rows')::int) AS g;

INSERT INTO authors (id, handle)
SELECT g, 'author' || g FROM generate_series(1, 500) AS g;

INSERT INTO posts (id, author_id, message, likes, is_public)
SELECT g, 1 + g % 500, 'post number ' || g || ' says hello to everyone', g % 97, g % 4 <> 0
FROM generate_series(1, current_setting('bench.posts')::int) AS g;
