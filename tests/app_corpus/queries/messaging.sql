-- Direct messages: conversations with their latest message (lateral), unread counts, senders
-- that may be gone, and conversation objects built as JSON.

-- name: ConversationsOfUser :many
SELECT c.id, c.title, last.body AS last_body, last.sent_at AS last_sent_at, sender.handle AS last_sender
FROM conversation_members cm
JOIN conversations c ON c.id = cm.conversation_id
LEFT JOIN LATERAL (
  SELECT m.body, m.sent_at, m.sender_id FROM messages m WHERE m.conversation_id = c.id
  ORDER BY m.sent_at DESC LIMIT 1
) last ON true
LEFT JOIN users sender ON sender.id = last.sender_id
WHERE cm.user_id = $1
ORDER BY last.sent_at DESC NULLS LAST, c.id;

-- name: UnreadCounts :many
SELECT cm.conversation_id, cm.user_id,
       (SELECT count(*) FROM messages m
        WHERE m.conversation_id = cm.conversation_id
          AND m.sent_at > coalesce(cm.last_read_at, '-infinity')) AS unread
FROM conversation_members cm
ORDER BY 1, 2;

-- name: ConversationMessages :many
SELECT m.id, m.body, m.attachment_url, m.sent_at, m.edited_at, u.handle AS sender_handle,
       m.edited_at IS NOT NULL AS edited
FROM messages m
LEFT JOIN users u ON u.id = m.sender_id
WHERE m.conversation_id = $1
ORDER BY m.sent_at;

-- name: ConversationMessagesPage :many
SELECT m.id, m.body, m.sent_at
FROM messages m
WHERE m.conversation_id = @conversation_id
  AND (sqlc.narg(before_id)::bigint IS NULL OR m.id < sqlc.narg(before_id))
ORDER BY m.id DESC
LIMIT @page_size;

-- name: ConversationObject :one
-- A conversation with its members and messages nested, as the chat screen loads it.
SELECT row_to_json(conv) AS conversation
FROM (
  SELECT c.id, c.title,
         (SELECT coalesce(json_agg(json_build_object('handle', u.handle, 'last_read_at', cm.last_read_at)
                                   ORDER BY u.handle), '[]'::json)
          FROM conversation_members cm JOIN users u ON u.id = cm.user_id
          WHERE cm.conversation_id = c.id) AS members,
         (SELECT coalesce(array_to_json(array_agg(row_to_json(msg) ORDER BY msg.sent_at)), '[]'::json)
          FROM (SELECT m.id, m.body, m.sent_at, s.handle AS sender
                FROM messages m LEFT JOIN users s ON s.id = m.sender_id
                WHERE m.conversation_id = c.id) msg) AS messages
  FROM conversations c
  WHERE c.id = $1
) conv;

-- name: ConversationTitles :many
-- A conversation without a title is named after its members.
SELECT c.id,
       coalesce(c.title,
                (SELECT string_agg(u.handle, ', ' ORDER BY u.handle)
                 FROM conversation_members cm JOIN users u ON u.id = cm.user_id
                 WHERE cm.conversation_id = c.id)) AS display_title
FROM conversations c
ORDER BY c.id;

-- name: EmptyConversations :many
SELECT c.id, c.title, c.created_at
FROM conversations c
WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)
ORDER BY c.id;

-- name: ConversationStats :many
SELECT c.id,
       count(m.id) AS messages,
       count(m.attachment_url) AS attachments,
       min(m.sent_at) AS first_sent_at,
       max(m.sent_at) AS last_sent_at,
       count(DISTINCT m.sender_id) AS senders
FROM conversations c
LEFT JOIN messages m ON m.conversation_id = c.id
GROUP BY c.id
ORDER BY c.id;

-- name: MessagesFromGoneSenders :many
SELECT m.id, m.conversation_id, m.body
FROM messages m
WHERE m.sender_id IS NULL
ORDER BY m.id;

-- name: SearchMessages :many
SELECT m.id, m.body, ts_headline_safe.snippet
FROM messages m
CROSS JOIN LATERAL (SELECT substr(m.body, greatest(position(lower($1) IN lower(m.body)) - 3, 1), 20) AS snippet) ts_headline_safe
WHERE m.body ILIKE '%' || $1 || '%'
ORDER BY m.id;

-- name: MembersWithoutMessages :many
SELECT cm.conversation_id, u.handle
FROM conversation_members cm
JOIN users u ON u.id = cm.user_id
LEFT JOIN messages m ON m.conversation_id = cm.conversation_id AND m.sender_id = cm.user_id
WHERE m.id IS NULL
ORDER BY 1, 2;

-- name: LastReadLag :many
SELECT cm.conversation_id, cm.user_id,
       max(m.sent_at) - cm.last_read_at AS behind_by
FROM conversation_members cm
LEFT JOIN messages m ON m.conversation_id = cm.conversation_id
GROUP BY cm.conversation_id, cm.user_id, cm.last_read_at
ORDER BY 1, 2;

-- name: MessageDayBuckets :many
SELECT date_trunc('day', sent_at) AS day, count(*) AS messages
FROM messages
GROUP BY 1
ORDER BY 1;

-- name: MarkConversationRead :execrows
UPDATE conversation_members SET last_read_at = $3
WHERE conversation_id = $1 AND user_id = $2;

-- name: EditMessage :one
UPDATE messages SET body = $2, edited_at = now()
WHERE id = $1 AND sender_id = $3
RETURNING id, body, edited_at, attachment_url;

-- name: SendMessage :one
-- soong:json on
INSERT INTO messages (conversation_id, sender_id, body, attachment_url)
VALUES ($1, $2, $3, $4)
RETURNING id, sent_at, edited_at;

-- name: DeleteMessage :one
-- soong:json on
DELETE FROM messages WHERE id = $1 RETURNING id, sender_id, body;

-- name: AddConversationMembers :batchexec
INSERT INTO conversation_members (conversation_id, user_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING;

-- name: StartConversation :one
-- soong:json on
-- A conversation and its first two members in one statement.
WITH conv AS (
  INSERT INTO conversations (title) VALUES (sqlc.narg(title)) RETURNING id, title, created_at
), joined AS (
  INSERT INTO conversation_members (conversation_id, user_id)
  SELECT conv.id, member_id FROM conv, unnest(ARRAY[@first_user::bigint, @second_user::bigint]) AS member_id
  RETURNING conversation_id
)
SELECT conv.id, conv.title, conv.created_at, (SELECT count(*) FROM joined) AS members
FROM conv;
