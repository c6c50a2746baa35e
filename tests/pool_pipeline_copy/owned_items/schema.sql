-- Notes with every borrowed parameter form: text, varchar, bytea and a text array.
CREATE TABLE notes (
  id bigserial PRIMARY KEY,
  body text NOT NULL,
  tag varchar(40),
  blob bytea,
  labels text[]
);
