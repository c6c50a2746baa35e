#pragma once
// Compares two catalog snapshots: the one made from schema.sql ("expected") and the live
// database's ("actual"). A pure function: no server, no I/O.

#include <string>
#include <vector>

#include "drift/catalog_snapshot.hpp"

namespace soong::gen::drift {

/// Whether an object is only in schema.sql, only in the database, or in both but different.
enum class difference_kind { missing, extra, changed };

/// One difference, in words a user reads: `object_type` "column", `object` "public.users.bio",
/// `aspect` "nullability", `expected` "NOT NULL", `actual` "nullable". For `missing` only
/// `expected` is set (what schema.sql has), for `extra` only `actual`.
struct difference {
  difference_kind kind = difference_kind::changed;
  std::string object_type;  // table, view, column, constraint, index, enum, composite, ...
  std::string object;       // schema-qualified name
  std::string aspect;       // what differs, for `changed`: "type", "default", "label order", ...
  std::string expected;
  std::string actual;

  friend bool operator==(const difference&, const difference&) = default;
};

/// What to leave out of the comparison.
struct diff_options {
  /// Match constraints and indexes by table and definition instead of by name, so a renamed
  /// constraint or index is not drift.
  bool ignore_names = false;
  /// Also compare the order of columns (PostgreSQL cannot reorder columns in place, so a
  /// column added by ALTER TABLE lands last while schema.sql may have it in the middle).
  bool strict_order = false;
};

/// Every difference between `expected` and `actual`, sorted by their text form
/// (difference_text), so the output is deterministic. Empty when the catalogs are equal.
[[nodiscard]] std::vector<difference> diff_snapshots(const catalog_snapshot& expected,
                                                     const catalog_snapshot& actual,
                                                     const diff_options& options = {});

/// One line for a user: `column public.users.bio: NOT NULL in schema.sql, nullable in
/// database`.
[[nodiscard]] std::string difference_text(const difference& d);

}  // namespace soong::gen::drift
