#pragma once
// SQL fragments that keep a catalog query to the user's own objects: not PostgreSQL's own
// schemas (pg_catalog, information_schema, TOAST and temporary schemas) and not objects that
// CREATE EXTENSION made (pg_depend 'e'), which belong to the extension. Macros, because they
// are spliced into the string literals of the statements; one definition for every reader.

/// ` <ns>.nspname` is none of PostgreSQL's own schemas (`ns`: the pg_namespace alias).
#define SOONG_USER_NAMESPACE(ns)                         \
  " " ns                                                 \
  ".nspname NOT IN ('pg_catalog', 'information_schema')" \
  " AND " ns ".nspname NOT LIKE 'pg\\_toast%' AND " ns   \
  ".nspname NOT LIKE 'pg\\_temp\\_%'"                    \
  " AND " ns ".nspname NOT LIKE 'pg\\_toast\\_temp\\_%' "

/// The object `objid` of catalog `classid` was not made by CREATE EXTENSION.
#define SOONG_NOT_FROM_EXTENSION(classid, objid)                                  \
  " NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '" classid \
  "'::regclass AND d.objid = " objid " AND d.deptype = 'e') "
