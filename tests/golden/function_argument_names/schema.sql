CREATE TYPE review_state AS ENUM ('op!en', '1st', 'class', 'In Review');
CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  slug text NOT NULL,
  state review_state NOT NULL DEFAULT 'op!en'
);
CREATE FUNCTION make_slug(title text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT lower(replace(title, ' ', '-')) $$;
CREATE FUNCTION clamp_score(score int4, low int4, high int4) RETURNS int4 LANGUAGE sql IMMUTABLE
  AS $$ SELECT greatest(low, least(high, score)) $$;
-- An OUT argument before the IN one: a call passes `raw` only.
CREATE FUNCTION round_score(OUT rounded int4, IN raw numeric) LANGUAGE sql IMMUTABLE
  AS $$ SELECT round(raw)::int4 $$;
-- TABLE arguments come after the IN ones in proargnames.
CREATE FUNCTION posts_titled(wanted text) RETURNS TABLE (post_id bigint, post_title text)
  LANGUAGE sql STABLE AS $$ SELECT id, title FROM posts WHERE title = wanted $$;
