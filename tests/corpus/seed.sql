-- Data built to produce NULLs wherever the schema allows them, and rows that make every
-- outer join of the corpus NULL-extended (a member without posts, a team without members,
-- a post without author or team, a post without comments, a comment without member).
INSERT INTO members (id, email, display_name, last_seen, home, tags, nicknames, prefs, profile,
                     karma, balance)
VALUES (1, 'Ada@Example.com', 'Ada', '2024-03-01 12:00:00+00', ROW('1 Main St', 'London', 12345),
        '{a,b}', '{ada,NULL}', '{"theme": "dark"}', '{"bio": "first"}', 10, 12.50),
       (2, 'bob@example.com', NULL, NULL, NULL, '{}', NULL, NULL, '{}', NULL, 0),
       (3, 'cy@example.com', 'Cy', NULL, ROW(NULL, NULL, NULL), '{NULL}', '{}', 'null', '{}', 1, -3);
SELECT setval('members_id_seq', 3);

INSERT INTO teams (id, name, motto) VALUES (1, 'core', 'ship it'), (2, 'empty', NULL), (3, 'solo', NULL);
SELECT setval('teams_id_seq', 3);

INSERT INTO memberships (team_id, member_id, role) VALUES (1, 1, 'lead'), (1, 3, NULL), (3, 3, 'owner');

INSERT INTO posts (id, author_id, team_id, title, body, status, score, rating, published_at, metadata)
VALUES (1, 1, 1, 'Hello', 'First post', 'published', 5, 4.5, '2024-03-02 00:00:00+00', '{"tags": ["x"]}'),
       (2, NULL, NULL, 'Orphan', NULL, 'draft', 0, NULL, NULL, '{}'),
       (3, 3, 3, 'Solo', 'just me', 'archived', -1, NULL, NULL, '{"pinned": true}');
SELECT setval('posts_id_seq', 3);

INSERT INTO comments (id, post_id, member_id, body)
VALUES (1, 1, 1, 'nice'), (2, 1, NULL, 'anonymous'), (3, 3, 1, 'hi');
SELECT setval('comments_id_seq', 3);

INSERT INTO events (member_id, kind, payload) VALUES (1, 'login', '{"ip": "x"}'), (2, 'login', NULL);
