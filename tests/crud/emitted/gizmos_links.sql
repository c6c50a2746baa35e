-- The CRUD statements of public.gizmos with a fixed shape, written by `soong crud --emit-sql`.
-- To take one over: add this file to the queries, remove public.gizmos from --crud (CRUD,
-- `-- soong:crud`), and edit the SQL. get/delete/exists keep their calls, get_by too for
-- a one-column key (for several columns it takes a struct of them, in table order).

-- name: GetGizmos :one
SELECT id, name, color, enabled
FROM public.gizmos
WHERE id = $1;

-- name: ExistsGizmos :one
SELECT EXISTS (SELECT FROM public.gizmos WHERE id = $1) AS "exists!";

-- name: InsertGizmos :one
INSERT INTO public.gizmos (id, name, color, enabled)
VALUES ($1, $2, $3, $4)
RETURNING id, name, color, enabled;

-- name: UpdateGizmos :one
UPDATE public.gizmos
SET name = $1, color = $2, enabled = $3
WHERE id = $4
RETURNING id, name, color, enabled;

-- name: DeleteGizmos :one
DELETE FROM public.gizmos
WHERE id = $1
RETURNING id, name, color, enabled;

-- The CRUD statements of public.links with a fixed shape, written by `soong crud --emit-sql`.
-- To take one over: add this file to the queries, remove public.links from --crud (CRUD,
-- `-- soong:crud`), and edit the SQL. get/delete/exists keep their calls, get_by too for
-- a one-column key (for several columns it takes a struct of them, in table order).

-- name: GetLinks :one
SELECT gizmo_id, account_uuid, note
FROM public.links
WHERE gizmo_id = $1 AND account_uuid = $2;

-- name: ExistsLinks :one
SELECT EXISTS (SELECT FROM public.links WHERE gizmo_id = $1 AND account_uuid = $2) AS "exists!";

-- name: InsertLinks :one
INSERT INTO public.links (gizmo_id, account_uuid, note)
VALUES ($1, $2, $3)
RETURNING gizmo_id, account_uuid, note;

-- name: UpdateLinks :one
UPDATE public.links
SET note = $1
WHERE gizmo_id = $2 AND account_uuid = $3
RETURNING gizmo_id, account_uuid, note;

-- name: DeleteLinks :one
DELETE FROM public.links
WHERE gizmo_id = $1 AND account_uuid = $2
RETURNING gizmo_id, account_uuid, note;
