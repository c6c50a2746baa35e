-- Each result is a function of the parameter, so the caller can check every value. The four
-- statements differ in result types or parameter counts: one executed in place of another
-- shows up as an error or a wrong value, never as a plausible answer.

-- name: TripledPlusOne :one
SELECT @n::int8 * 3 + 1 AS value;

-- name: LabelFor :one
SELECT 'label-' || @n::int8 AS label;

-- name: CountUpTo :many
SELECT g::int8 AS n FROM generate_series(1, @count::int4) AS g;

-- name: RecordCall :exec
INSERT INTO recorded_calls (thread_id, n) VALUES (@thread_id, @n);
