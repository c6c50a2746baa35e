-- The corpus schema: every feature the nullability analysis and the type mapping must handle.
-- Nullable columns are deliberate: seed.sql leaves each of them NULL in some row.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');
CREATE TYPE address AS (street text, city text, zip int4);
CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0);

CREATE TABLE members (
  id bigserial PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  display_name text,
  joined_at timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00',
  last_seen timestamptz,
  home address,
  tags text[] NOT NULL DEFAULT '{}',
  nicknames text[],
  prefs jsonb,
  profile json NOT NULL DEFAULT '{}',
  karma positive_int,
  balance numeric(12, 2) NOT NULL DEFAULT 0
);

CREATE TABLE teams (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  motto text
);

CREATE TABLE memberships (
  team_id int4 NOT NULL REFERENCES teams (id),
  member_id bigint NOT NULL REFERENCES members (id),
  role text,
  PRIMARY KEY (team_id, member_id)
);

CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  author_id bigint REFERENCES members (id),
  team_id int4 REFERENCES teams (id),
  title text NOT NULL,
  body text,
  status post_status NOT NULL DEFAULT 'draft',
  score int4 NOT NULL DEFAULT 0,
  rating numeric,
  published_at timestamptz,
  metadata jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE comments (
  id bigserial PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  member_id bigint REFERENCES members (id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT '2024-01-02 00:00:00+00'
);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  member_id bigint NOT NULL REFERENCES members (id),
  kind text NOT NULL,
  payload jsonb
);

-- An outer join inside a view: author columns are nullable through it.
CREATE VIEW post_summaries AS
SELECT p.id, p.title, p.status, m.display_name AS author_name, m.email AS author_email,
       (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count
FROM posts p
LEFT JOIN members m ON m.id = p.author_id;

-- Extensions with functions the nullability analysis knows never to return NULL for non-NULL
-- arguments, a sequence, and SQL functions the analysis reads through their bodies.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE ticket_numbers;

CREATE FUNCTION member_label(email text, id bigint) RETURNS text LANGUAGE sql
  AS 'SELECT email || ''#'' || id';
CREATE FUNCTION or_zero(int4) RETURNS int4 LANGUAGE sql AS 'SELECT coalesce($1, 0)';
CREATE FUNCTION strict_or_zero(int4) RETURNS int4 STRICT LANGUAGE sql
  AS 'SELECT coalesce($1, 0)';
