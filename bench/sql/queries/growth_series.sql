-- Growth curves (bench/run growth): n generated rows of 4 columns, no table needed.
-- name: SeriesRows :many
SELECT i AS id, md5(i::text) AS label, i % 7 = 0 AS flag, i / 3.0::float8 AS ratio
FROM generate_series(1::int8, $1::int8) AS i;
