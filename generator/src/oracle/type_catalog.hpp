#pragma once
// OID → type, from pg_catalog, cached for the session: what PQparamtype/PQftype/atttypid
// numbers mean (element type and dimensions of arrays, enum labels, composite fields, domain
// bases), and which table column a PQftable/PQftablecol pair names.

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir.hpp"

namespace soong::gen {

/// Resolves type and column OIDs against one connection's catalog. Each OID is looked up once.
class type_catalog {
 public:
  /// `conn` must outlive the catalog. Throws std::runtime_error if a catalog query fails.
  explicit type_catalog(PGconn* conn) : conn_(conn) {}

  /// The type `oid` as used with modifier `typmod`. Arrays describe their element with
  /// `array_dims == 1` (PostgreSQL does not enforce dimensions); domains record their base
  /// (following domains over domains to the last one); `record`, `void`, `any*` and friends
  /// are `type_kind::pseudo`. An unknown OID gives kind pseudo with name "oid <n>".
  [[nodiscard]] pg_type resolve(std::uint32_t oid, int typmod = -1);

  /// Labels of enum `oid` in enumsortorder.
  [[nodiscard]] std::vector<std::string> enum_labels(std::uint32_t oid);

  /// Fields of composite type `oid` (via typrelid → pg_attribute), in attnum order.
  [[nodiscard]] std::vector<composite_field> composite_fields(std::uint32_t oid);

  /// The table column `attnum` of relation `table_oid` (PQftable, PQftablecol), or nullopt
  /// when the result column is not a plain column (`PQftable` is InvalidOid).
  [[nodiscard]] std::optional<column_origin> column_of(std::uint32_t table_oid, int attnum);

 private:
  struct type_row {
    std::uint32_t oid = 0;
    std::string schema;
    std::string name;
    char typtype = 'b';   // b base, c composite, d domain, e enum, p pseudo, r/m range
    char category = 'U';  // 'A' for arrays
    std::uint32_t element = 0;
    std::uint32_t base = 0;  // domains
    int base_typmod = -1;    // domains: typtypmod of the base, e.g. varchar(20)
    int domain_dims = 0;     // domains: typndims (> 0 when the base is an array)
  };
  const type_row& row(std::uint32_t oid);

  PGconn* conn_;
  std::map<std::uint32_t, type_row> types_;
  std::map<std::uint32_t, std::vector<std::string>> labels_;
  std::map<std::uint32_t, std::vector<composite_field>> fields_;
  std::map<std::pair<std::uint32_t, int>, std::optional<column_origin>> columns_;
};

}  // namespace soong::gen
