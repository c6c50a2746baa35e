-- Rows that put a NULL in every nullable column and make every outer join of the corpus
-- NULL-extended somewhere: a user without activities, follows or likes (dee); users without
-- settings; an activity whose author is gone (3, a reply); activities without likes, tags or
-- replies; a tag on no activity; a conversation without messages whose only member never wrote;
-- an untitled conversation without members; a message whose sender is gone; notifications
-- without actor or activity; an unresolved report; a day without minutes; a follow without a
-- like and a like without a follow (the stored like and reply counters have drifted, as
-- counters do).
INSERT INTO users (id, uuid, handle, email, display_name, bio, avatar_url, status,
                   cognito_user_id, birth_date, created_at, last_login_at)
VALUES (1, '00000000-0000-0000-0000-000000000001', 'ada', 'ada@example.com', 'Ada Lovelace',
        'Counts things', 'https://img.example.com/ada.png', 'active', 'cog-ada', '1815-12-10',
        '2024-01-01 09:00:00+00', '2024-03-05 08:00:00+00'),
       (2, '00000000-0000-0000-0000-000000000002', 'bob', 'bob@example.com', NULL, NULL, NULL,
        'active', NULL, NULL, '2024-01-02 09:00:00+00', NULL),
       (3, '00000000-0000-0000-0000-000000000003', 'cy', 'cy@example.com', 'Cy', 'Suspended',
        NULL, 'suspended', 'cog-cy', '1990-05-01', '2024-02-01 09:00:00+00',
        '2024-02-10 10:00:00+00'),
       (4, '00000000-0000-0000-0000-000000000004', 'dee', 'dee@example.com', 'Dee', NULL, NULL,
        'active', 'cog-dee', NULL, '2024-03-01 09:00:00+00', NULL);
SELECT setval('users_id_seq', 4);

INSERT INTO user_settings (user_id, theme, email_digest, timezone, preferences)
VALUES (1, 'dark', true, 'Europe/London', '{"lang": "en", "compact": true}'),
       (2, 'light', false, NULL, NULL),
       (3, 'dark', true, 'UTC', NULL);

INSERT INTO activities (id, uuid, user_id, message, visibility, replies_count, reposts_count,
                        likes_count, reply_to_id, expires_at, created_at)
VALUES (1, '00000000-0000-0000-0000-0000000000a1', 1, 'Hello, world', 'public', 2, 1, 2, NULL,
        NULL, '2024-03-01 10:00:00+00'),
       (2, '00000000-0000-0000-0000-0000000000a2', 2, 'Replying to Ada', 'public', 0, 0, 1, 1,
        '2030-01-01 00:00:00+00', '2024-03-01 11:00:00+00'),
       (3, '00000000-0000-0000-0000-0000000000a3', NULL, 'Left by a deleted user', 'public', 0,
        0, 0, 1, NULL, '2024-03-02 09:00:00+00'),
       (4, '00000000-0000-0000-0000-0000000000a4', 1, 'Private note', 'private', 0, 0, 0, NULL,
        '2024-01-01 00:00:00+00', '2024-03-03 09:00:00+00'),
       (5, '00000000-0000-0000-0000-0000000000a5', 3, 'For followers', 'followers', 0, 0, 0, 1,
        NULL, '2024-03-04 09:00:00+00');
SELECT setval('activities_id_seq', 5);

INSERT INTO follows (follower_id, followee_id, muted, created_at)
VALUES (1, 2, true, '2024-03-01 00:00:00+00'),
       (2, 1, NULL, '2024-03-02 00:00:00+00'),
       (3, 1, false, '2024-03-03 00:00:00+00');

INSERT INTO likes (user_id, activity_id, created_at)
VALUES (2, 1, '2024-03-01 12:00:00+00'),
       (3, 2, '2024-03-01 13:00:00+00'),
       (1, 2, '2024-03-01 14:00:00+00');

INSERT INTO tags (id, name, description)
VALUES (1, 'sql', 'Queries and schemas'), (2, 'cpp', NULL), (3, 'unused', 'Never tagged');
SELECT setval('tags_id_seq', 3);

INSERT INTO activity_tags (activity_id, tag_id) VALUES (1, 1), (1, 2), (2, 1);

INSERT INTO conversations (id, title, created_at)
VALUES (1, 'Team', '2024-03-01 00:00:00+00'),
       (2, NULL, '2024-03-02 00:00:00+00'),
       (3, 'Empty', '2024-03-03 00:00:00+00'),
       (4, NULL, '2024-03-04 00:00:00+00');
SELECT setval('conversations_id_seq', 4);

INSERT INTO conversation_members (conversation_id, user_id, last_read_at)
VALUES (1, 1, '2024-03-01 12:30:00+00'), (1, 2, NULL), (2, 1, NULL),
       (2, 3, '2024-03-02 12:00:00+00'), (3, 4, NULL);

INSERT INTO messages (id, conversation_id, sender_id, body, attachment_url, sent_at, edited_at)
VALUES (1, 1, 1, 'hi team', NULL, '2024-03-01 12:00:00+00', NULL),
       (2, 1, 2, 'hello', 'https://files.example.com/x.png', '2024-03-01 13:00:00+00',
        '2024-03-01 13:05:00+00'),
       (3, 2, NULL, 'from a deleted user', NULL, '2024-03-02 10:00:00+00', NULL);
SELECT setval('messages_id_seq', 3);

INSERT INTO notifications (id, user_id, kind, actor_id, activity_id, read_at, created_at)
VALUES (1, 1, 'like', 2, 1, NULL, '2024-03-01 12:00:00+00'),
       (2, 1, 'follow', 3, NULL, '2024-03-03 01:00:00+00', '2024-03-03 00:00:00+00'),
       (3, 2, 'mention', NULL, 2, NULL, '2024-03-01 11:00:00+00');
SELECT setval('notifications_id_seq', 3);

INSERT INTO moderation_reports (id, reporter_id, activity_id, reason, resolved_by, resolved_at,
                                resolution)
VALUES (1, 2, 3, 'spam', NULL, NULL, NULL),
       (2, 1, 5, 'rude', 1, '2024-03-05 00:00:00+00', 'warned');
SELECT setval('moderation_reports_id_seq', 2);

INSERT INTO daily_stats (day, user_id, posts, likes_received, minutes_active)
VALUES ('2024-03-01', 1, 1, 2, 12.50), ('2024-03-01', 2, 1, 1, NULL),
       ('2024-03-02', 1, 0, 0, 3.00), ('2024-03-03', 3, 1, 0, 7.25);
