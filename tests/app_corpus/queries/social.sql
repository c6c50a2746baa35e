-- The social graph: follows, likes, mutuals, suggestions, EXISTS / NOT EXISTS and lateral
-- joins.

-- name: Followers :many
SELECT u.id, u.handle, u.display_name, f.created_at AS followed_at, f.muted
FROM follows f
JOIN users u ON u.id = f.follower_id
WHERE f.followee_id = $1
ORDER BY f.created_at DESC;

-- name: Following :many
SELECT u.id, u.handle, coalesce(f.muted, false) AS muted
FROM follows f
JOIN users u ON u.id = f.followee_id
WHERE f.follower_id = $1
ORDER BY u.handle;

-- name: FollowCounts :many
-- Every user with both counts; users without follows count zero.
SELECT u.id, u.handle,
       count(DISTINCT fr.follower_id) AS followers,
       count(DISTINCT fg.followee_id) AS following
FROM users u
LEFT JOIN follows fr ON fr.followee_id = u.id
LEFT JOIN follows fg ON fg.follower_id = u.id
GROUP BY u.id, u.handle
ORDER BY u.id;

-- name: MutualFollows :many
SELECT a.follower_id AS user_id, a.followee_id AS friend_id
FROM follows a
JOIN follows b ON b.follower_id = a.followee_id AND b.followee_id = a.follower_id
WHERE a.follower_id < a.followee_id
ORDER BY 1, 2;

-- name: FollowSuggestions :many
-- People followed by people the user follows, not yet followed by the user.
SELECT DISTINCT u.id, u.handle
FROM follows mine
JOIN follows theirs ON theirs.follower_id = mine.followee_id
JOIN users u ON u.id = theirs.followee_id
WHERE mine.follower_id = $1
  AND u.id <> $1
  AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = u.id)
ORDER BY u.id;

-- name: UsersNotFollowing :many
SELECT u.id, u.handle
FROM users u
WHERE u.id <> $1
  AND u.id NOT IN (SELECT followee_id FROM follows WHERE follower_id = $1)
ORDER BY u.id;

-- name: IsFollowing :one
SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2);

-- name: FollowRelation :one
-- Both directions between two users; each side is NULL when that follow does not exist.
SELECT a.created_at AS i_follow_since, b.created_at AS follows_me_since,
       a.muted AS i_muted
FROM (SELECT 1) one
LEFT JOIN follows a ON a.follower_id = @me AND a.followee_id = @other
LEFT JOIN follows b ON b.follower_id = @other AND b.followee_id = @me;

-- name: FollowGraphFull :many
-- Who follows whom against who likes whose activities: the FULL JOIN keeps both sides.
SELECT f.follower_id, f.followee_id, l.user_id AS liker_id, l.activity_id
FROM follows f
FULL JOIN (likes l JOIN activities a ON a.id = l.activity_id)
  ON l.user_id = f.follower_id AND a.user_id = f.followee_id
ORDER BY f.follower_id NULLS LAST, l.user_id NULLS LAST, l.activity_id;

-- name: LikedByViewer :many
SELECT a.id, a.message,
       (l.user_id IS NOT NULL) AS liked,
       l.created_at AS liked_at
FROM activities a
LEFT JOIN likes l ON l.activity_id = a.id AND l.user_id = $1
ORDER BY a.id;

-- name: LikersOf :many
SELECT u.handle, l.created_at
FROM likes l
JOIN users u ON u.id = l.user_id
WHERE l.activity_id = $1
ORDER BY l.created_at;

-- name: LikeCountsFromTable :many
-- The stored counter against the real number of likes.
SELECT a.id, a.likes_count, count(l.user_id) AS actual,
       a.likes_count - count(l.user_id) AS drift
FROM activities a
LEFT JOIN likes l ON l.activity_id = a.id
GROUP BY a.id
ORDER BY a.id;

-- name: RecentLikesPerUser :many
SELECT u.handle, recent.activity_id, recent.created_at
FROM users u
LEFT JOIN LATERAL (
  SELECT l.activity_id, l.created_at FROM likes l WHERE l.user_id = u.id
  ORDER BY l.created_at DESC LIMIT 2
) recent ON true
ORDER BY u.id, recent.created_at DESC;

-- name: FollowersOfFollowers :many
SELECT f1.followee_id AS user_id, f2.follower_id AS second_degree
FROM follows f1
JOIN follows f2 ON f2.followee_id = f1.follower_id
ORDER BY 1, 2;

-- name: MostFollowed :many
SELECT u.handle, count(f.follower_id) AS followers,
       rank() OVER (ORDER BY count(f.follower_id) DESC) AS place
FROM users u
LEFT JOIN follows f ON f.followee_id = u.id
GROUP BY u.id
ORDER BY place, u.handle;

-- name: MutedFollows :many
SELECT follower_id, followee_id
FROM follows
WHERE muted IS TRUE
ORDER BY 1;

-- name: FollowMutedState :many
SELECT follower_id, followee_id,
       CASE muted WHEN true THEN 'muted' WHEN false THEN 'unmuted' ELSE 'default' END AS state,
       muted IS NOT DISTINCT FROM true AS is_muted
FROM follows
ORDER BY 1, 2;

-- name: LikesOnMyActivities :many
SELECT a.id, a.message, liker.handle AS liker_handle
FROM activities a
JOIN likes l ON l.activity_id = a.id
JOIN users liker ON liker.id = l.user_id
WHERE a.user_id = $1
ORDER BY a.id, liker.handle;

-- name: UsersWhoLikedAny :many
SELECT u.id, u.handle
FROM users u
WHERE u.id IN (SELECT l.user_id FROM likes l WHERE l.activity_id = ANY(@activity_ids::bigint[]))
ORDER BY u.id;
