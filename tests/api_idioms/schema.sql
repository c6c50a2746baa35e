-- A small book shop: the schema behind the README's "generated API in everyday code".
CREATE TYPE book_kind AS ENUM ('fiction', 'non-fiction');

COMMENT ON TYPE book_kind IS 'What shelf a book goes on.';

CREATE TABLE books (
  id bigserial PRIMARY KEY,
  title text NOT NULL UNIQUE,
  kind book_kind NOT NULL DEFAULT 'fiction',
  -- Tags never hold NULL elements, and the CHECK says so: soong maps them to plain strings.
  tags text[] NOT NULL DEFAULT '{}' CHECK (array_position(tags, NULL) IS NULL),
  price numeric(8, 2),
  published_at timestamptz NOT NULL DEFAULT '2026-06-01 08:00:00+00'
);

COMMENT ON COLUMN books.published_at IS 'When the book went on sale.';
