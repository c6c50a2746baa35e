CREATE TYPE mood AS ENUM ('sad', 'happy');
COMMENT ON TYPE mood IS 'How a person feels today.';
CREATE TYPE address AS (street text, zip int4);
COMMENT ON TYPE address IS 'A postal address.';
COMMENT ON COLUMN address.zip IS 'Five digits; */ ends nothing in a /// comment.';
CREATE TABLE people (
  id int8 PRIMARY KEY,
  mood mood NOT NULL,
  home address,
  nick text
);
COMMENT ON TABLE people IS E'Everyone we know.\nOne row per person.';
-- Hostile: a backslash-newline would splice the next line into the comment, and a lone
-- carriage return would end it; both must stay inside `///` lines.
COMMENT ON COLUMN people.nick IS E'What friends call them \\\nint spliced_into_code;\rint after_carriage_return;';
