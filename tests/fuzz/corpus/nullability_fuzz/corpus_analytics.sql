-- Aggregates with and without GROUP BY, window functions.

-- name: CountMembers :one
SELECT count(*) AS n FROM members;

-- name: MaxScoreNoGroup :one
SELECT max(score) AS best, sum(score) AS total, avg(score) AS mean FROM posts;

-- name: ScoreByStatus :many
SELECT status, count(*) AS n, sum(score) AS total, max(title) AS last_title
FROM posts GROUP BY status ORDER BY status;

-- name: RatingByStatus :many
SELECT status, max(rating) AS best_rating FROM posts GROUP BY status ORDER BY status;

-- name: CommentsPerMember :many
SELECT m.id, count(c.id) AS comments, string_agg(c.body, ', ' ORDER BY c.id) AS bodies
FROM members m LEFT JOIN comments c ON c.member_id = m.id GROUP BY m.id ORDER BY m.id;

-- name: HavingFilter :many
SELECT post_id, count(*) AS n FROM comments GROUP BY post_id HAVING count(*) > $1 ORDER BY post_id;

-- name: RankPosts :many
SELECT id, score, rank() OVER (ORDER BY score DESC) AS rnk,
       row_number() OVER (PARTITION BY status ORDER BY id) AS rn
FROM posts ORDER BY id;

-- name: RunningTotals :many
SELECT id, sum(score) OVER (ORDER BY id) AS running,
       lag(title) OVER (ORDER BY id) AS previous_title
FROM posts ORDER BY id;

-- name: BoolAggregates :one
SELECT bool_and(score > 0) AS all_positive, count(rating) AS rated FROM posts;

-- name: ArrayAggregate :one
SELECT array_agg(id ORDER BY id) AS ids FROM members;

-- name: JsonAggregate :one
SELECT jsonb_agg(title ORDER BY id) AS titles FROM posts;
