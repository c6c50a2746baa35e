#include "nullability/scope.hpp"

namespace soong::gen::detail {

const range_entry* find_entry(const scope& s, const std::string& alias) {
  for (const scope* level = &s; level != nullptr; level = level->parent) {
    for (const auto& entry : level->entries) {
      if (!entry.alias.empty() && entry.alias == alias) return &entry;
    }
  }
  return nullptr;
}

resolved_column resolve_column(const scope& s, const std::string& qualifier,
                               const std::string& name) {
  if (!qualifier.empty()) {
    const range_entry* entry = find_entry(s, qualifier);
    if (entry == nullptr) return {};
    for (const auto& column : entry->columns) {
      if (column.name == name) return {entry, &column};
    }
    return {};
  }
  for (const scope* level = &s; level != nullptr; level = level->parent) {
    bool level_has_unknown = false;
    for (const auto& entry : level->entries) {
      // Entries are ordered so that JOIN ... USING merged columns come before the joined
      // relations: an unqualified USING column means the merged one (PostgreSQL 7.2.1.1).
      for (const auto& column : entry.columns) {
        if (column.name == name) return {&entry, &column};
      }
      level_has_unknown = level_has_unknown || !entry.columns_known;
    }
    // The name may be a column of an entry we cannot see into; do not guess an outer level.
    if (level_has_unknown) return {};
  }
  return {};
}

}  // namespace soong::gen::detail
