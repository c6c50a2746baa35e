// The migration runner: plans against the ledger, then applies or rolls back one migration
// per transaction (or statement by statement when a file cannot run in one).

#include "lifecycle/migration_runner.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "lifecycle/foreign_ledger.hpp"
#include "lifecycle/migration_plan.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/runner_lock.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

namespace {

using clock = std::chrono::steady_clock;

std::int64_t milliseconds_since(clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
}

/// One part (up or down) of a migration as it is run: the SQL, and the file it comes from
/// (offsets in `sql` are offsets in `file_text`).
struct migration_part {
  const migration* m = nullptr;
  std::string path;
  const std::string* file_text = nullptr;
  const std::string* sql = nullptr;
};

migration_part up_part(const migration& m) {
  return {&m, m.up_path.string(), &m.up_text, &m.up_sql};
}

migration_part down_part(const migration& m) {
  const bool same_file = m.down_path == m.up_path;
  return {&m, m.down_path.string(), same_file ? &m.up_text : &m.down_sql, &m.down_sql};
}

std::string location(const migration_part& part, std::size_t offset) {
  const source_file file(part.path, *part.file_text);
  const source_location at = file.location_of(offset);
  return fmt::format("{}:{}:{}", part.path, at.line, at.column);
}

/// The server's error as one line pointing into the migration file: the statement that was
/// sent starts at `base` in the part's SQL.
[[noreturn]] void throw_located(const migration_part& part, std::size_t base, std::string_view sent,
                                const soong::sql_error& e, const std::string& suffix) {
  const std::size_t offset =
      base + (e.position() ? byte_offset_of_position(sent, *e.position()) : 0);
  std::string message = fmt::format("{}: migration {} failed: {} [{}]", location(part, offset),
                                    part.m->label(), e.message(), e.sqlstate());
  if (!e.detail().empty()) message += "; detail: " + e.detail();
  throw soong::error(message + suffix);
}

bool runs_in_transaction(const migration& m, const migration_analysis& analysis) {
  return !m.directives.no_transaction && analysis.needs_no_transaction.empty();
}

/// The analysis of a part, refusing what the runner must not run: a syntax error, and
/// transaction control in a part that runs inside the runner's transaction.
migration_analysis analyse(const migration_part& part, int server_version) {
  migration_analysis analysis = analyse_migration_sql(*part.sql, server_version);
  if (analysis.syntax_error) {
    throw soong::error(fmt::format("{}: {} [{}]", location(part, analysis.syntax_error_at),
                                   *analysis.syntax_error, codes::syntax_error));
  }
  if (runs_in_transaction(*part.m, analysis) && analysis.transaction_control_at) {
    throw soong::error(fmt::format(
        "{}: a transaction control statement in a migration that runs in a transaction would "
        "commit it early; remove it, or mark the file `-- migrate:no-transaction` [{}]",
        location(part, *analysis.transaction_control_at), codes::transaction_control_in_migration));
  }
  return analysis;
}

/// Refuses a part that must run without a transaction under `--lock-mode transaction`. That mode
/// exists for transaction poolers, where a session lock means nothing; its lock is
/// transaction-scoped, and a statement PostgreSQL refuses inside a transaction block (CREATE
/// INDEX CONCURRENTLY, VACUUM, ...) cannot share a transaction with it, not even an implicit
/// one. Such a statement would run with no lock at all, so it is refused before anything runs.
void refuse_without_transaction(const migration_part& part, const migration_analysis& analysis,
                                std::string_view action) {
  if (runs_in_transaction(*part.m, analysis)) return;
  const bool marked = analysis.needs_no_transaction.empty();
  const std::size_t at = marked ? 0 : analysis.needs_no_transaction_at;
  throw soong::error(fmt::format(
      "{}: migration {} must run without a transaction ({}), but --lock-mode transaction holds "
      "its lock in the migration's transaction, so nothing would keep a second runner out; "
      "{} with --lock-mode session over a direct connection (not through a transaction "
      "pooler); nothing was run [{}]",
      location(part, at), part.m->label(),
      marked ? "-- migrate:no-transaction" : analysis.needs_no_transaction, action,
      codes::no_transaction_under_transaction_lock));
}

/// Refuses to resume `m` when the statements that already ran are no longer the ones in the
/// file: resuming would skip edited statements, and the schema would match neither version.
void check_resumed_prefix(const migration& m, const applied_migration& row,
                          const std::vector<migration_statement>& statements, int done) {
  const auto ran = static_cast<std::size_t>(done);
  std::string difference;
  if (statements.size() < ran) {
    difference = fmt::format("{}: the file now has {} statements, but {} of them already ran",
                             m.up_path.string(), statements.size(), ran);
  } else {
    difference = resumed_prefix_difference(m, row, statements[ran - 1].end);
  }
  if (difference.empty()) return;
  throw soong::error(fmt::format(
      "{}: cannot resume migration {}: its first {} statements already ran, and the file "
      "changed there since; only statements after them may be edited before `up --resume` [{}]",
      difference, m.label(), done, codes::resumed_prefix_changed));
}

}  // namespace

/// The connection migrations run on: named in pg_stat_activity, and (PostgreSQL 14+) checking
/// its client every second while a statement runs, so a runner killed mid-migration has its
/// transaction rolled back promptly instead of holding its locks until the statement ends.
class migration_runner::work_connection {
 public:
  explicit work_connection(const database_target& target) : conn_(target.config()) {
    // The ledger's CREATE ... IF NOT EXISTS notices are noise on every run.
    execute_script(conn_,
                   "SET application_name = 'soong migrate'; SET client_min_messages = warning");
    if (server_version() >= 140000) {
      execute_script(conn_, "SET client_connection_check_interval = '1s'");
    }
  }
  [[nodiscard]] connection& get() { return conn_; }
  [[nodiscard]] int server_version() const { return PQserverVersion(conn_.native_handle()); }

  /// Ends a failed transaction; a broken connection has nothing left to roll back.
  void rollback_quietly() {
    try {
      execute_script(conn_, "ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the server ends it with the session
    }
  }

 private:
  connection conn_;
};

migration_runner::migration_runner(database_target target, runner_options options,
                                   std::ostream& out, std::ostream& progress)
    : target_(std::move(target)),
      options_(std::move(options)),
      out_(out),
      progress_(progress),
      files_(read_migration_folder(options_.dir)) {}

std::vector<std::string> migration_runner::pending() {
  work_connection work(target_);
  const std::vector<applied_migration> ledger = read_ledger(work.get());
  const migration_plan plan = plan_migrations(files_, ledger);
  check_plan(plan, options_.rules);
  std::vector<std::string> labels;
  for (const migration* m : plan.pending) labels.push_back(m->label());
  return labels;
}

int migration_runner::up(const up_options& options) {
  work_connection work(target_);
  connection& conn = work.get();
  const bool transaction_locks = options_.lock == lock_mode::transaction;
  std::optional<session_migration_lock> lock;
  if (!options.dry_run && !transaction_locks) {
    lock.emplace(target_, options_.lock_wait, progress_);
  }

  const std::vector<applied_migration> ledger = read_ledger(conn);
  const migration_plan plan = plan_migrations(files_, ledger);
  check_plan(plan, options_.rules);

  // The partial migration first (up --resume), then the pending ones up to --to.
  std::vector<const migration*> todo;
  std::optional<int> resume_from;
  if (plan.partial && options_.rules.resume) {
    todo.push_back(plan.partial->first);
    resume_from = plan.partial->second->statements_done.value_or(0);
  }
  for (const migration* m : plan.pending) {
    if (!options.to || m->version <= *options.to) todo.push_back(m);
  }

  // Every file is read and checked before the first one runs: a malformed file changes nothing.
  std::vector<migration_analysis> analyses;
  for (const migration* m : todo) {
    migration_analysis a = analyse(up_part(*m), work.server_version());
    if (transaction_locks) refuse_without_transaction(up_part(*m), a, "apply it");
    analyses.push_back(std::move(a));
  }
  if (resume_from && *resume_from > 0) {
    check_resumed_prefix(*todo.front(), *plan.partial->second, analyses.front().statements,
                         *resume_from);
  }

  if (options.dry_run) {
    for (std::size_t i = 0; i < todo.size(); ++i) {
      const migration& m = *todo[i];
      std::string note;
      if (!runs_in_transaction(m, analyses[i])) {
        note = fmt::format(" (statement by statement, no transaction: {})",
                           analyses[i].needs_no_transaction.empty()
                               ? "-- migrate:no-transaction"
                               : analyses[i].needs_no_transaction);
      }
      out_ << "would apply " << m.label() << note << "\n";
    }
    if (todo.empty()) out_ << "nothing to apply (" << plan.applied.size() << " applied)\n";
    return static_cast<int>(todo.size());
  }

  int applied = 0;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const migration& m = *todo[i];
    const auto start = clock::now();
    if (runs_in_transaction(m, analyses[i])) {
      if (!apply_in_transaction(work, m)) continue;
    } else {
      const int from = (i == 0 && resume_from) ? *resume_from : 0;
      apply_statement_by_statement(work, m, analyses[i].statements, from);
    }
    ++applied;
    out_ << "applied " << m.label() << " in " << milliseconds_since(start) << " ms\n" << std::flush;
  }
  if (todo.empty()) out_ << "nothing to apply (" << plan.applied.size() << " applied)\n";
  return applied;
}

bool migration_runner::apply_in_transaction(work_connection& work, const migration& m) {
  connection& conn = work.get();
  const migration_part part = up_part(m);
  const auto start = clock::now();
  const bool transaction_locks = options_.lock == lock_mode::transaction;
  if (transaction_locks) {
    begin_with_transaction_lock(conn, options_.lock_wait, progress_);
  } else {
    execute_script(conn, "BEGIN");
  }
  try {
    if (transaction_locks) {
      // Another runner may have applied it while this one waited.
      for (const applied_migration& row : read_ledger(conn)) {
        if (row.version != m.version) continue;
        work.rollback_quietly();
        out_ << "skipped " << m.label() << " (applied by another runner)\n";
        return false;
      }
    }
    static_cast<void>(
        execute_sql(conn, "SELECT set_config('lock_timeout', $1, true)",
                    m.directives.lock_timeout.value_or(options_.statement_lock_timeout)));
    ensure_ledger(conn);
    record_environment(conn, options_.environment);
    if (!m.tokens.empty()) {
      try {
        execute_script(conn, *part.sql);
      } catch (const soong::sql_error& e) {
        throw_located(part, 0, *part.sql, e, "; nothing of it was applied");
      }
    }
    record_applied(conn, m, milliseconds_since(start));
    execute_script(conn, "COMMIT");
  } catch (...) {
    work.rollback_quietly();
    throw;
  }
  return true;
}

void migration_runner::apply_statement_by_statement(
    work_connection& work, const migration& m, const std::vector<migration_statement>& statements,
    int from) {
  connection& conn = work.get();
  const migration_part part = up_part(m);
  const auto start = clock::now();
  const std::string lock_timeout =
      m.directives.lock_timeout.value_or(options_.statement_lock_timeout);
  const int total = static_cast<int>(statements.size());
  int done = std::min(from, total);
  // The row first, so a failure at any statement is visible and resumable.
  execute_script(conn, "BEGIN");
  try {
    ensure_ledger(conn);
    record_environment(conn, options_.environment);
    record_progress(conn, m, done, total);
    execute_script(conn, "COMMIT");
  } catch (...) {
    work.rollback_quietly();
    throw;
  }
  for (; done < total; ++done) {
    const migration_statement& s = statements[static_cast<std::size_t>(done)];
    const std::string_view sent = std::string_view(*part.sql).substr(s.begin, s.end - s.begin);
    static_cast<void>(
        execute_sql(conn, "SELECT set_config('lock_timeout', $1, false)", lock_timeout));
    try {
      execute_script(conn, sent);
    } catch (const soong::sql_error& e) {
      throw_located(part, s.begin, sent, e,
                    fmt::format(" (statement {} of {}, run without a transaction; statements "
                                "before it stay applied: fix the file and run `soong migrate up "
                                "--resume`)",
                                done + 1, total));
    }
    record_progress(conn, m, done + 1, total);
  }
  static_cast<void>(execute_sql(conn, "SELECT set_config('lock_timeout', '0', false)"));
  record_applied(conn, m, milliseconds_since(start));
}

int migration_runner::down(const down_options& options) {
  work_connection work(target_);
  connection& conn = work.get();
  guard_production(conn, "roll back migrations", target_.database_name(), options.allow_production);
  std::optional<session_migration_lock> lock;
  if (options_.lock == lock_mode::session) lock.emplace(target_, options_.lock_wait, progress_);

  const std::vector<applied_migration> ledger = read_ledger(conn);
  const migration_plan plan = plan_migrations(files_, ledger);
  plan_rules rules = options_.rules;
  rules.allow_out_of_order = true;  // pending files do not matter going down
  check_plan(plan, rules);

  std::vector<const migration*> todo;
  for (auto it = plan.applied.rbegin(); it != plan.applied.rend(); ++it) {
    const migration* m = it->first;
    if (options.to ? m->version <= *options.to : static_cast<int>(todo.size()) >= options.steps) {
      break;
    }
    todo.push_back(m);
  }
  std::vector<migration_analysis> analyses;
  for (const migration* m : todo) {
    if (!m->has_down) {
      throw soong::error(fmt::format(
          "{}: migration {} has no down section (`-- migrate:down`) to roll back with; nothing "
          "was rolled back",
          m->up_path.string(), m->label()));
    }
    migration_analysis a = analyse(down_part(*m), work.server_version());
    if (options_.lock == lock_mode::transaction) {
      refuse_without_transaction(down_part(*m), a, "roll it back");
    }
    analyses.push_back(std::move(a));
  }

  int rolled_back = 0;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const migration& m = *todo[i];
    const migration_part part = down_part(m);
    const std::string lock_timeout =
        m.directives.lock_timeout.value_or(options_.statement_lock_timeout);
    const auto start = clock::now();
    if (runs_in_transaction(m, analyses[i])) {
      if (options_.lock == lock_mode::transaction) {
        begin_with_transaction_lock(conn, options_.lock_wait, progress_);
      } else {
        execute_script(conn, "BEGIN");
      }
      try {
        static_cast<void>(
            execute_sql(conn, "SELECT set_config('lock_timeout', $1, true)", lock_timeout));
        try {
          execute_script(conn, *part.sql);
        } catch (const soong::sql_error& e) {
          throw_located(part, 0, *part.sql, e, "; nothing of it was rolled back");
        }
        forget_applied(conn, m.version);
        execute_script(conn, "COMMIT");
      } catch (...) {
        work.rollback_quietly();
        throw;
      }
    } else {
      const auto& statements = analyses[i].statements;
      for (std::size_t s = 0; s < statements.size(); ++s) {
        const std::string_view sent = std::string_view(*part.sql).substr(
            statements[s].begin, statements[s].end - statements[s].begin);
        try {
          execute_script(conn, sent);
        } catch (const soong::sql_error& e) {
          throw_located(part, statements[s].begin, sent, e,
                        fmt::format(" (down statement {} of {}, run without a transaction; the "
                                    "migration stays recorded as applied)",
                                    s + 1, statements.size()));
        }
      }
      forget_applied(conn, m.version);
    }
    ++rolled_back;
    out_ << "rolled back " << m.label() << " in " << milliseconds_since(start) << " ms\n"
         << std::flush;
  }
  if (todo.empty()) out_ << "nothing to roll back\n";
  return rolled_back;
}

void migration_runner::redo(bool allow_production) {
  std::optional<std::uint64_t> newest;
  {
    work_connection work(target_);
    for (const applied_migration& row : read_ledger(work.get())) newest = row.version;
  }
  if (!newest) throw soong::error("no applied migration to redo");
  down_options down_opts;
  down_opts.allow_production = allow_production;
  static_cast<void>(down(down_opts));
  up_options up_opts;
  up_opts.to = newest;
  static_cast<void>(up(up_opts));
}

int migration_runner::status(bool json) {
  work_connection work(target_);
  const std::vector<applied_migration> ledger = read_ledger(work.get());
  const migration_plan plan = plan_migrations(files_, ledger);

  struct line {
    std::uint64_t version;
    std::string label, state, applied_at, note;
  };
  std::vector<line> lines;
  std::set<std::uint64_t> changed;
  for (const changed_migration& c : plan.changed) changed.insert(c.file->version);
  for (const auto& [m, row] : plan.applied) {
    if (changed.contains(m->version)) {
      for (const changed_migration& c : plan.changed) {
        if (c.file == m)
          lines.push_back({m->version, m->label(), "changed", row->applied_at, c.first_difference});
      }
    } else {
      lines.push_back({m->version, m->label(), "applied", row->applied_at, {}});
    }
  }
  if (plan.partial) {
    const auto& [m, row] = *plan.partial;
    lines.push_back(
        {m->version, m->label(), "partial", row->applied_at,
         fmt::format("stopped after statement {} of {}; fix the file and run `soong "
                     "migrate up --resume`",
                     row->statements_done.value_or(0), row->statements_total.value_or(0))});
  }
  for (const applied_migration* row : plan.missing) {
    lines.push_back({row->version, fmt::format("{}_{}", row->version, row->name), "missing",
                     row->applied_at, "applied, but its file is gone"});
  }
  std::set<std::uint64_t> out_of_order;
  for (const migration* m : plan.out_of_order) out_of_order.insert(m->version);
  for (const migration* m : plan.pending) {
    lines.push_back({m->version,
                     m->label(),
                     "pending",
                     {},
                     out_of_order.contains(m->version)
                         ? "older than the newest applied migration (--allow-out-of-order)"
                         : ""});
  }
  std::sort(lines.begin(), lines.end(),
            [](const line& a, const line& b) { return a.version < b.version; });

  const bool clean =
      plan.pending.empty() && !plan.partial && plan.changed.empty() && plan.missing.empty();
  if (json) {
    nlohmann::json doc = {{"pending", plan.pending.size()}, {"clean", clean}};
    doc["migrations"] = nlohmann::json::array();
    for (const line& l : lines) {
      nlohmann::json entry = {{"version", l.label.substr(0, l.label.find('_'))},
                              {"name", l.label.substr(l.label.find('_') + 1)},
                              {"state", l.state}};
      entry["applied_at"] = l.applied_at.empty() ? nlohmann::json() : nlohmann::json(l.applied_at);
      entry["note"] = l.note.empty() ? nlohmann::json() : nlohmann::json(l.note);
      doc["migrations"].push_back(std::move(entry));
    }
    out_ << doc.dump(2) << "\n";
  } else {
    for (const line& l : lines) {
      out_ << fmt::format("{:<8} {}", l.state, l.label);
      if (!l.applied_at.empty()) out_ << "  " << l.applied_at;
      if (!l.note.empty()) out_ << "  (" << l.note << ")";
      out_ << "\n";
    }
    if (lines.empty()) out_ << "no migrations in " << options_.dir.string() << "\n";
  }
  return clean ? 0 : 1;
}

int migration_runner::verify() {
  work_connection work(target_);
  const migration_plan plan = plan_migrations(files_, read_ledger(work.get()));
  for (const changed_migration& c : plan.changed) {
    out_ << "changed " << c.file->label() << ": " << c.first_difference << "\n";
  }
  if (plan.changed.empty()) {
    out_ << "verified " << plan.applied.size() << " applied migrations: no file changed\n";
  }
  return plan.changed.empty() ? 0 : 1;
}

void migration_runner::repair(std::uint64_t version) {
  work_connection work(target_);
  std::optional<session_migration_lock> lock;
  if (options_.lock == lock_mode::session) lock.emplace(target_, options_.lock_wait, progress_);
  const std::vector<applied_migration> ledger = read_ledger(work.get());
  const migration_plan plan = plan_migrations(files_, ledger);
  for (const changed_migration& c : plan.changed) {
    if (c.file->version != version) continue;
    ensure_ledger(work.get());  // a ledger from before down checksums gets their columns
    update_checksum(work.get(), *c.file);
    out_ << "repaired " << c.file->label() << ": the recorded checksum now matches the file ("
         << c.first_difference << ")\n";
    return;
  }
  for (const auto& [m, row] : plan.applied) {
    if (m->version == version) {
      out_ << "nothing to repair: " << m->label() << " matches its recorded checksum\n";
      return;
    }
  }
  throw soong::error(
      fmt::format("--version {}: no applied migration with a file has this version", version));
}

int migration_runner::adopt(const std::string& from) {
  work_connection work(target_);
  connection& conn = work.get();
  std::optional<session_migration_lock> lock;
  if (options_.lock == lock_mode::session) lock.emplace(target_, options_.lock_wait, progress_);
  const std::vector<applied_migration> ledger = read_ledger(conn);
  if (!ledger.empty()) {
    throw soong::error(fmt::format(
        "soong.schema_migrations already records {} migrations; adopt imports into an empty "
        "ledger only",
        ledger.size()));
  }
  const foreign_versions foreign = read_foreign_ledger(conn, from);
  std::vector<const migration*> adopted;
  std::set<std::uint64_t> matched;
  for (const migration& m : files_) {
    const bool applied =
        foreign.up_to ? m.version <= *foreign.up_to : foreign.versions.contains(m.version);
    if (applied) {
      adopted.push_back(&m);
      matched.insert(m.version);
    }
  }
  for (const std::uint64_t v : foreign.versions) {
    if (!matched.contains(v) && !options_.rules.ignore_missing) {
      throw soong::error(
          fmt::format("{} records version {} but no file in {} has it; restore the file, or pass "
                      "--ignore-missing",
                      foreign.table, v, options_.dir.string()));
    }
  }
  execute_script(conn, "BEGIN");
  try {
    ensure_ledger(conn);
    record_environment(conn, options_.environment);
    for (const migration* m : adopted) record_applied(conn, *m, 0);
    execute_script(conn, "COMMIT");
  } catch (...) {
    work.rollback_quietly();
    throw;
  }
  for (const migration* m : adopted)
    out_ << "adopted " << m->label() << " from " << foreign.table << "\n";
  if (adopted.empty())
    out_ << "nothing adopted: " << foreign.table << " records no migration of the folder\n";
  return static_cast<int>(adopted.size());
}

std::uint64_t parse_version(const std::string& text, const std::string& option) {
  std::uint64_t version = 0;
  const auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc{} || rest != text.data() + text.size() || text.empty()) {
    throw soong::error(fmt::format("{} {}: expected a migration version (digits)", option, text));
  }
  return version;
}

}  // namespace soong::gen::lifecycle
