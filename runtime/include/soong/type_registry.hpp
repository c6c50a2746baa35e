#pragma once
// Per-connection resolution of user-defined types (enums, composites, domains, extension
// types such as citext) by name. Their OIDs differ in every database, so generated code never
// hard-codes them; the registry looks each one up once per connection and caches it.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "soong/oid.hpp"

struct pg_conn;

namespace soong {

/// What soong needs to know about one user-defined type.
struct user_type {
  std::string schema;
  std::string name;
  oid_t oid = 0;        ///< pg_type.oid
  oid_t array_oid = 0;  ///< pg_type.typarray (0: none)
  oid_t wire_oid = 0;   ///< what result columns report: the base type for a domain, else oid
  char kind = 0;        ///< pg_type.typtype: 'e' enum, 'c' composite, 'd' domain, 'b' base
  std::vector<oid_t> attributes;  ///< composite: attribute types in column order
};

/// The user-type cache of one connection. Queries the catalog on a miss (a round trip); the
/// connection clears it when it reconnects, since a new session may see a different database.
namespace detail {
/// Thrown when encoding a value needs a user-type lookup (a catalog query) while the
/// connection is in pipeline mode, where no query can run. Never reaches users: a batch catches
/// it, syncs the items sent so far, and encodes the item again outside pipeline mode, where the
/// lookup runs. Deliberately not a soong::error, so it cannot be mistaken for one.
struct type_lookup_in_pipeline {};
}  // namespace detail

class type_registry {
 public:
  /// Looks up `schema.name` (no quoting; as stored in pg_catalog); throws schema_mismatch when
  /// no such type exists on this connection.
  const user_type& lookup(std::string_view schema, std::string_view name);
  /// Element type of any array type (built-in table first, then the catalog); throws
  /// schema_mismatch when `array_oid` is not an array type.
  oid_t element_of(oid_t array_oid);
  /// `schema.name` of any type, for error messages (catalog query; "oid N" when unknown).
  std::string name_of(oid_t oid);

  /// Forgets everything (after a reconnect).
  void clear() noexcept;

  /// The connection to query; set by soong::connection.
  void attach(pg_conn* conn) noexcept { conn_ = conn; }

 private:
  pg_conn* conn_ = nullptr;
  // Few per application, so a linear scan; a deque because codecs hold references to entries
  // while nested lookups (an enum inside a composite) add more.
  std::deque<user_type> types_;
  std::vector<std::pair<oid_t, oid_t>> elements_;
};

}  // namespace soong
