CREATE TABLE "class" (
  id int4 PRIMARY KEY,
  "new" text NOT NULL,
  "default" int4,
  conn text
);

-- Its struct is `row`, the name generated row readers give their local row_view.
CREATE TABLE "rows" (
  "row" int4 PRIMARY KEY,
  r text NOT NULL,
  i int4
);

-- Outside `public`, named with a leading digit: its struct is `audit_1st`, one `_` between.
CREATE SCHEMA audit;
CREATE TABLE audit."1st" (
  id int4 PRIMARY KEY,
  note text
);
