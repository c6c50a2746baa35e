CREATE TABLE hosts (id int4 PRIMARY KEY, ip inet NOT NULL);
