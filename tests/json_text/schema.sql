-- One column of every type soong maps, each nullable, for comparing the JSON PostgreSQL builds
-- (the _json twins) with the JSON the client writes from the typed rows.
CREATE TYPE mood AS ENUM ('sad', 'o"k', 'ünïcode');
CREATE TYPE reading AS (label text, at timestamptz, x float4, y float8, amount numeric,
                        raw bytea, span interval);
CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);
CREATE DOMAIN instant AS timestamptz;

CREATE TABLE typed_values (
  id int4 PRIMARY KEY,
  b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, n2 numeric(10, 2),
  t text, vc varchar(20), bp char(3), nm name, by bytea, u uuid,
  d date, tm time, ts timestamp, tz timestamptz, iv interval,
  m mood, c reading, dn positive_amount, di instant,
  ta text[], f4a float4[], f8a float8[], na numeric[], tza timestamptz[], tsa timestamp[],
  da date[], tma time[], iva interval[], ba bytea[], ua uuid[], ma mood[], ca reading[],
  ia int8[], boa bool[]
);

-- json and jsonb: PostgreSQL embeds their own text, which the client reproduces only up to
-- parsing (see docs/runtime-api.md).
CREATE TABLE json_columns (
  id int4 PRIMARY KEY,
  js json, jb jsonb, jba jsonb[]
);
