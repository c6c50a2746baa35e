CREATE TABLE items (
  id int4 PRIMARY KEY,
  label text
);
