-- Benchmark schema. The data is loaded by bench/sql/load_data.sql, deterministically.

-- W1 point select: 100,000 users.
CREATE TABLE users (
  id int8 PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL
);

-- W2 bulk read: 200,000 rows of 8 columns, nt NULL in 30% of rows.
CREATE TABLE wide (
  i4 int4 NOT NULL,
  i8 int8 NOT NULL,
  t text NOT NULL,
  b bool NOT NULL,
  ts timestamptz NOT NULL,
  u uuid NOT NULL,
  f8 float8 NOT NULL,
  nt text
);

-- W3 bulk insert target (emptied before every run).
CREATE TABLE sink (
  id int8 NOT NULL,
  qty int4 NOT NULL,
  label text NOT NULL,
  at timestamptz NOT NULL,
  price float8 NOT NULL
);

-- W4 JSON: 10,000 posts joined with their authors.
CREATE TABLE authors (
  id int4 PRIMARY KEY,
  handle text NOT NULL
);

CREATE TABLE posts (
  id int8 PRIMARY KEY,
  author_id int4 NOT NULL REFERENCES authors (id),
  message text NOT NULL,
  likes int4 NOT NULL,
  is_public bool NOT NULL
);
