CREATE TABLE employees (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  department text NOT NULL
);
