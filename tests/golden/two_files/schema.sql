CREATE TABLE users (
  id bigserial PRIMARY KEY,
  handle text NOT NULL UNIQUE
);
CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  user_id bigint REFERENCES users (id),
  title text NOT NULL
);
