CREATE TABLE tags (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  score integer
);

-- A BEFORE INSERT trigger may return NULL and skip the row: inserts stay optional.
CREATE TABLE audited (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  note text NOT NULL
);
CREATE FUNCTION skip_blank() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.note = '' THEN RETURN NULL; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audited_skip_blank BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION skip_blank();

-- A rule replaces the insert: optional too (soong does not look into rules).
CREATE TABLE ruled (id integer PRIMARY KEY);
CREATE TABLE ruled_log (id integer);
CREATE RULE ruled_elsewhere AS ON INSERT TO ruled
  DO INSTEAD INSERT INTO ruled_log (id) VALUES (NEW.id) RETURNING ruled_log.id;
