-- Data for the serverless and HTTP benchmarks, loaded after sql/schema.sql and sql/seed.sql:
-- 20 more users and 47 more activities (50 in the home feed with the seed's 3), fixed times so
-- every client sees the same feed.
INSERT INTO public.users (display_name, handle, email, cognito_user_id)
SELECT 'Bench User ' || i, 'bench' || i, 'bench' || i || '@example.com', 'cognito-bench-' || i
FROM generate_series(1, 20) AS i;

INSERT INTO public.activities (user_uuid, message, expires_at, created_at)
SELECT (SELECT uuid FROM public.users WHERE handle = 'bench' || (1 + i % 20)),
       'Benchmark activity number ' || i || ': a message of ordinary length for a feed.',
       timestamp '2030-01-01' + i * interval '1 minute',
       timestamp '2026-01-01' + i * interval '1 minute'
FROM generate_series(1, 47) AS i;
