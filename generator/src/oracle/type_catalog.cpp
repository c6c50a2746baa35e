#include "oracle/type_catalog.hpp"

#include <fmt/format.h>

#include "oracle/pg_handles.hpp"

namespace soong::gen {
namespace {

using oracle_detail::exec_checked;
using oracle_detail::int_at;
using oracle_detail::text_at;

type_kind kind_of(char typtype) {
  switch (typtype) {
    case 'e':
      return type_kind::enumeration;
    case 'c':
      return type_kind::composite;
    case 'd':
      return type_kind::domain;
    case 'p':
      return type_kind::pseudo;
    default:  // 'b' base, 'r' range, 'm' multirange: the emitter decides what it supports
      return type_kind::base;
  }
}

}  // namespace

const type_catalog::type_row& type_catalog::row(std::uint32_t oid) {
  if (auto it = types_.find(oid); it != types_.end()) return it->second;
  const auto result = exec_checked(conn_, "type lookup",
                                   "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory,"
                                   "       t.typelem, t.typbasetype, t.typtypmod, t.typndims"
                                   "  FROM pg_catalog.pg_type t"
                                   "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                                   " WHERE t.oid = $1",
                                   {std::to_string(oid)});
  type_row r;
  r.oid = oid;
  if (PQntuples(result.get()) == 0) {
    r.name = fmt::format("oid {}", oid);
    r.typtype = 'p';
  } else {
    r.schema = text_at(result.get(), 0, 1);
    r.name = text_at(result.get(), 0, 2);
    r.typtype = text_at(result.get(), 0, 3).front();
    r.category = text_at(result.get(), 0, 4).front();
    r.element = static_cast<std::uint32_t>(int_at(result.get(), 0, 5));
    r.base = static_cast<std::uint32_t>(int_at(result.get(), 0, 6));
    r.base_typmod = static_cast<int>(int_at(result.get(), 0, 7));
    r.domain_dims = static_cast<int>(int_at(result.get(), 0, 8));
  }
  return types_.emplace(oid, std::move(r)).first->second;
}

pg_type type_catalog::resolve(std::uint32_t oid, int typmod) {
  const type_row* r = &row(oid);
  pg_type out;
  out.typmod = typmod;
  // Arrays: typcategory 'A' with an element type (this also covers int2vector/oidvector;
  // `name` and `point` have a typelem too but are not arrays).
  if (r->category == 'A' && r->element != 0) {
    out.array_dims = 1;
    r = &row(r->element);
  }
  out.oid = r->oid;
  out.schema = r->schema;
  out.name = r->name;
  out.kind = kind_of(r->typtype);
  if (r->typtype == 'd') {
    const type_row* base = r;
    // Domains over domains: the runtime codec is the last base's (bounded, in case of a
    // corrupt catalog).
    for (int depth = 0; base->typtype == 'd' && base->base != 0 && depth < 64; ++depth) {
      base = &row(base->base);
    }
    if (base->category == 'A' && base->element != 0) {
      out.domain_base_array_dims = 1;
      base = &row(base->element);
    }
    out.domain_base = base->name;
    out.domain_base_oid = base->oid;
    if (out.typmod < 0) out.typmod = r->base_typmod;
  }
  return out;
}

std::vector<std::string> type_catalog::enum_labels(std::uint32_t oid) {
  if (auto it = labels_.find(oid); it != labels_.end()) return it->second;
  const auto result = exec_checked(conn_, "enum labels",
                                   "SELECT enumlabel FROM pg_catalog.pg_enum"
                                   " WHERE enumtypid = $1 ORDER BY enumsortorder",
                                   {std::to_string(oid)});
  std::vector<std::string> labels;
  for (int i = 0; i < PQntuples(result.get()); ++i) labels.push_back(text_at(result.get(), i, 0));
  return labels_.emplace(oid, std::move(labels)).first->second;
}

std::vector<composite_field> type_catalog::composite_fields(std::uint32_t oid) {
  if (auto it = fields_.find(oid); it != fields_.end()) return it->second;
  const auto result = exec_checked(conn_, "composite fields",
                                   "SELECT a.attname, a.atttypid, a.atttypmod,"
                                   "       pg_catalog.col_description(t.typrelid, a.attnum)"
                                   "  FROM pg_catalog.pg_type t"
                                   "  JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid"
                                   " WHERE t.oid = $1 AND a.attnum > 0 AND NOT a.attisdropped"
                                   " ORDER BY a.attnum",
                                   {std::to_string(oid)});
  std::vector<composite_field> fields;
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    composite_field f;
    f.name = text_at(result.get(), i, 0);
    f.type = resolve(static_cast<std::uint32_t>(int_at(result.get(), i, 1)),
                     static_cast<int>(int_at(result.get(), i, 2)));
    f.doc = text_at(result.get(), i, 3);  // COMMENT ON COLUMN type.field; NULL reads as ""
    fields.push_back(std::move(f));
  }
  return fields_.emplace(oid, std::move(fields)).first->second;
}

std::optional<column_origin> type_catalog::column_of(std::uint32_t table_oid, int attnum) {
  if (table_oid == 0 || attnum <= 0) return std::nullopt;
  const auto key = std::make_pair(table_oid, attnum);
  if (auto it = columns_.find(key); it != columns_.end()) return it->second;
  const auto result = exec_checked(conn_, "column origin",
                                   "SELECT n.nspname, c.relname, a.attname"
                                   "  FROM pg_catalog.pg_class c"
                                   "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                   "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
                                   " WHERE c.oid = $1 AND a.attnum = $2",
                                   {std::to_string(table_oid), std::to_string(attnum)});
  std::optional<column_origin> origin;
  if (PQntuples(result.get()) == 1) {
    origin = column_origin{text_at(result.get(), 0, 0), text_at(result.get(), 0, 1),
                           text_at(result.get(), 0, 2)};
  }
  return columns_.emplace(key, std::move(origin)).first->second;
}

}  // namespace soong::gen
