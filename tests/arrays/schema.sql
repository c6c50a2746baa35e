CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  -- Elements may be NULL: nothing says otherwise.
  tags text[] NOT NULL DEFAULT '{}',
  -- The CHECK proves the elements non-null.
  scores int4[] CHECK (array_position(scores, NULL) IS NULL),
  labels varchar[] NOT NULL DEFAULT '{}' CHECK (labels = array_remove(labels, NULL)),
  -- Looks like a proof but accepts NULL elements (NULL = ANY is NULL, which a CHECK passes).
  loose int8[] CHECK (NOT (NULL = ANY (loose))),
  -- NOT VALID: rows from before the constraint may hold NULL elements.
  legacy int4[],
  moods mood[]
);
ALTER TABLE posts ADD CONSTRAINT legacy_has_no_null_elements
  CHECK (array_position(legacy, NULL) IS NULL) NOT VALID;
