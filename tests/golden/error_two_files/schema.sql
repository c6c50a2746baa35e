CREATE TABLE books (id int8 PRIMARY KEY, title text NOT NULL);
