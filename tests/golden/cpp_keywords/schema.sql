CREATE TABLE "class" (
  id int4 PRIMARY KEY,
  "new" text NOT NULL,
  "default" int4,
  conn text
);
