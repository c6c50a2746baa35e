-- W2 bulk read: every row of the 8-column table.
-- name: ReadWide :many
SELECT i4, i8, t, b, ts, u, f8, nt FROM wide ORDER BY i4;
