-- name: ListEmployees :many
SELECT id, name, email, department FROM employees ORDER BY id;

-- name: InsertEmployee :exec
INSERT INTO employees (id, name, email, department) VALUES (@id, @name, @email, @department);

-- One statement per employee; over the Data API one BatchExecute per 4 MiB, in one transaction.
-- name: InsertEmployees :batchexec
INSERT INTO employees (id, name, email, department) VALUES (@id, @name, @email, @department);

-- name: CountEmployees :one
SELECT count(*) AS employees FROM employees;
