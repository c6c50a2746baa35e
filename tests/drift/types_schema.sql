-- A small schema with the object kinds Cruddur does not use: an enum, a composite type, a
-- domain, a view and a column with a type modifier.
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE public.address AS (street text, zip text);
CREATE DOMAIN public.positive_int AS integer NOT NULL CHECK (VALUE > 0);

CREATE TABLE public.people (
  id integer PRIMARY KEY,
  code varchar(20) NOT NULL,
  feeling public.mood,
  home public.address,
  age public.positive_int
);

CREATE VIEW public.happy_people AS
  SELECT id, feeling FROM public.people WHERE feeling = 'happy';
