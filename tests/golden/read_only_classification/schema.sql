CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL DEFAULT 0);
CREATE SEQUENCE tickets;

-- Volatile (the default): it may write, so a statement calling it is not read-only.
CREATE FUNCTION bump(counter text) RETURNS bigint LANGUAGE sql AS $$
  UPDATE counters SET value = value + 1 WHERE name = counter RETURNING value
$$;

-- Declared STABLE: a statement calling it may run on a replica.
CREATE FUNCTION peek(counter text) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT value FROM counters WHERE name = counter
$$;
