-- Every type soong maps, for the generated Data API overloads' round trips.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE address AS (street text, zip varchar(10), floor int4);

CREATE TABLE samples (
  id uuid PRIMARY KEY,
  code varchar(20) NOT NULL UNIQUE,
  at_local timestamp,
  at_zone timestamptz,
  day date,
  clock time,
  amount numeric,
  ratio float8,
  small float4,
  big int8,
  counts int4[],
  labels text[],
  feeling mood,
  feelings mood[],
  home address,
  doc jsonb,
  raw bytea,
  span interval,
  flag boolean
);

-- Text as users send it, for the hostile-string round trips.
CREATE TABLE notes (
  id int4 PRIMARY KEY,
  body text NOT NULL,
  tags text[],
  doc jsonb
);
