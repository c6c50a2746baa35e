-- A social application's schema (profiles, activities, follows, likes, tags, direct messages,
-- notifications, moderation, daily statistics) in the shape application code meets: NOT NULL
-- and nullable columns, foreign keys that cascade or set NULL, enums, defaults and a view over a
-- LEFT JOIN. seed.sql leaves every nullable column NULL in some row.

CREATE TYPE account_status AS ENUM ('active', 'suspended', 'deleted');
CREATE TYPE visibility AS ENUM ('public', 'followers', 'private');
CREATE TYPE notification_kind AS ENUM ('like', 'reply', 'follow', 'mention');

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  uuid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  handle text NOT NULL UNIQUE,
  email text NOT NULL UNIQUE,
  display_name text,
  bio text,
  avatar_url text,
  status account_status NOT NULL DEFAULT 'active',
  cognito_user_id text UNIQUE,
  birth_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

CREATE TABLE user_settings (
  user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  theme text NOT NULL DEFAULT 'light',
  email_digest boolean NOT NULL DEFAULT true,
  timezone text,
  preferences jsonb
);

CREATE TABLE activities (
  id bigserial PRIMARY KEY,
  uuid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  user_id bigint REFERENCES users (id) ON DELETE SET NULL,
  message text NOT NULL,
  visibility visibility NOT NULL DEFAULT 'public',
  replies_count integer NOT NULL DEFAULT 0,
  reposts_count integer NOT NULL DEFAULT 0,
  likes_count integer NOT NULL DEFAULT 0,
  reply_to_id bigint REFERENCES activities (id) ON DELETE SET NULL,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE follows (
  follower_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  muted boolean,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id)
);

CREATE TABLE likes (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  activity_id bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, activity_id)
);

CREATE TABLE tags (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text
);

CREATE TABLE activity_tags (
  activity_id bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  tag_id integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, tag_id)
);

CREATE TABLE conversations (
  id bigserial PRIMARY KEY,
  title text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversation_members (
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_read_at timestamptz,
  PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  sender_id bigint REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  attachment_url text,
  sent_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);

CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind notification_kind NOT NULL,
  actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
  activity_id bigint REFERENCES activities (id) ON DELETE SET NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE moderation_reports (
  id bigserial PRIMARY KEY,
  reporter_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  activity_id bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  reason text NOT NULL,
  resolved_by bigint REFERENCES users (id) ON DELETE SET NULL,
  resolved_at timestamptz,
  resolution text
);

CREATE TABLE daily_stats (
  day date NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  posts integer NOT NULL DEFAULT 0,
  likes_received integer NOT NULL DEFAULT 0,
  minutes_active numeric(10, 2),
  PRIMARY KEY (day, user_id)
);

-- Public activities as the feed shows them; the author is gone for orphaned activities.
CREATE VIEW public_feed AS
SELECT a.id, a.uuid, a.message, a.likes_count, a.created_at, a.expires_at, u.handle,
       u.display_name
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
WHERE a.visibility = 'public';
