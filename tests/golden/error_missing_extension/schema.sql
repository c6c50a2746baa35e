CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION postgis;
CREATE EXTENSION "no_such_extension_anywhere";
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE items (id bigserial PRIMARY KEY, name citext NOT NULL);
