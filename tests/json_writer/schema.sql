-- Every type the generated JSON writer handles, each column nullable; labels and field names
-- that need JSON escaping.
CREATE TYPE mood AS ENUM ('sad', 'o"k', 'back\slash', 'ünïcode');
CREATE TYPE sample AS (label text, x float8, tags text[]);

CREATE TABLE json_values (
  id int4 PRIMARY KEY,
  b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric,
  t text, vc varchar(20), bp char(3), by bytea, u uuid,
  d date, tm time, ts timestamp, tz timestamptz, iv interval,
  js json, jb jsonb, m mood, c sample,
  ta text[], f8a float8[], ma mood[], ca sample[], ba bytea[],
  "quoted ""key""" int4
);
