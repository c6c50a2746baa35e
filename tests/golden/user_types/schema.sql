CREATE TYPE mood AS ENUM ('sad', 'ok', 'very happy');
CREATE TYPE address AS (street text, zip int4);
CREATE DOMAIN short_text AS varchar(20) CHECK (length(VALUE) > 0);
CREATE TABLE people (
  id int8 PRIMARY KEY,
  mood mood NOT NULL,
  home address,
  nick short_text,
  scores int4[] NOT NULL,
  labels text[],
  extra jsonb
);
