-- name: PostsWithHandles :many
SELECT p.title, u.handle FROM posts p LEFT JOIN users u ON u.id = p.user_id;

-- name: UserPostCounts :many
SELECT u.handle, count(p.id) AS posts FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.handle;
