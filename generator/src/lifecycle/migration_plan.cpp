#include "lifecycle/migration_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace {

/// The first difference between tokens `now` (of `text`, the file at `path`) and `then`, the
/// recorded ones; `limit` compares only the first that many of `now`. Empty when they match.
std::string first_difference(const std::filesystem::path& path, const std::string& text,
                             const std::vector<checksum_token>& now,
                             const std::vector<std::string>& then, const std::string& what,
                             std::size_t limit) {
  const std::size_t n = std::min(limit, now.size());
  std::size_t i = 0;
  while (i < n && i < then.size() && now[i].text == then[i]) ++i;
  if (i == n && (i == then.size() || limit < now.size())) return {};
  const source_file source(path.string(), text);
  const auto where = [&](std::size_t offset) {
    const source_location at = source.location_of(offset);
    return fmt::format("{}:{}:{}", path.string(), at.line, at.column);
  };
  if (i == now.size()) {
    return fmt::format("{}: the {} ends where the applied one continued with `{}`",
                       where(text.size()), what, then[i]);
  }
  if (i == then.size()) {
    return fmt::format("{}: `{}` added after the end of the applied {}", where(now[i].offset),
                       now[i].text, what);
  }
  return fmt::format("{}: `{}` where the applied {} had `{}`", where(now[i].offset), now[i].text,
                     what, then[i]);
}

}  // namespace

std::string first_token_difference(const migration& file, const applied_migration& row) {
  std::string up = first_difference(file.up_path, file.up_text, file.tokens, row.tokens, "file",
                                    file.tokens.size());
  if (!up.empty() || !row.down_checksum) return up;
  const std::string& down_text = file.down_path == file.up_path ? file.up_text : file.down_sql;
  return first_difference(file.down_path, down_text, file.down_tokens, row.down_tokens, "down part",
                          file.down_tokens.size());
}

std::string resumed_prefix_difference(const migration& file, const applied_migration& row,
                                      std::size_t prefix_end) {
  std::size_t count = 0;
  while (count < file.tokens.size() && file.tokens[count].offset < prefix_end) ++count;
  return first_difference(file.up_path, file.up_text, file.tokens, row.tokens, "file", count);
}

bool differs(const migration& file, const applied_migration& row) {
  return row.checksum != file.checksum ||
         (row.down_checksum && *row.down_checksum != file.down_checksum);
}

migration_plan plan_migrations(const std::vector<migration>& files,
                               const std::vector<applied_migration>& ledger) {
  migration_plan plan;
  std::map<std::uint64_t, const migration*> by_version;
  for (const migration& m : files) by_version[m.version] = &m;
  std::map<std::uint64_t, const applied_migration*> recorded;
  std::uint64_t newest_applied = 0;
  bool any_applied = false;
  for (const applied_migration& row : ledger) {
    recorded[row.version] = &row;
    const auto file = by_version.find(row.version);
    if (file == by_version.end()) {
      plan.missing.push_back(&row);
      continue;
    }
    if (!row.complete()) {
      plan.partial = std::make_pair(file->second, &row);
      continue;
    }
    plan.applied.emplace_back(file->second, &row);
    newest_applied = row.version;
    any_applied = true;
    if (differs(*file->second, row)) {
      plan.changed.push_back({file->second, &row, first_token_difference(*file->second, row)});
    }
  }
  for (const migration& m : files) {
    if (recorded.contains(m.version)) continue;
    plan.pending.push_back(&m);
    if (any_applied && m.version < newest_applied) plan.out_of_order.push_back(&m);
  }
  return plan;
}

void check_plan(const migration_plan& plan, const plan_rules& rules) {
  if (!plan.changed.empty()) {
    const changed_migration& c = plan.changed.front();
    throw soong::error(fmt::format(
        "migration {} was changed after it was applied: {}; revert the edit, or run `soong "
        "migrate repair --version {}` if it is intended [{}]",
        c.file->label(), c.first_difference, c.file->version_text, codes::migration_changed));
  }
  if (!plan.missing.empty() && !rules.ignore_missing) {
    const applied_migration& row = *plan.missing.front();
    throw soong::error(fmt::format(
        "migration {}_{} is applied but its file is gone from the migrations folder; restore "
        "it, or pass --ignore-missing [{}]",
        row.version, row.name, codes::migration_file_missing));
  }
  if (plan.partial && !rules.resume) {
    const auto& [file, row] = *plan.partial;
    throw soong::error(fmt::format(
        "migration {} stopped after statement {} of {}; fix the file and run `soong migrate up "
        "--resume` [{}]",
        file->label(), row->statements_done.value_or(0), row->statements_total.value_or(0),
        codes::migration_partial));
  }
  if (!plan.out_of_order.empty() && !rules.allow_out_of_order) {
    const migration& m = *plan.out_of_order.front();
    const std::uint64_t newest = plan.applied.empty() ? 0 : plan.applied.back().first->version;
    throw soong::error(fmt::format(
        "pending migration {} is older than the newest applied one ({}); rename it to a newer "
        "version, or pass --allow-out-of-order [{}]",
        m.label(), newest, codes::migration_out_of_order));
  }
}

}  // namespace soong::gen::lifecycle
