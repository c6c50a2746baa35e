#pragma once
// A primary with hot standbys for the cluster tests: the primary is a throwaway cluster on
// loopback TCP with the test schema applied, each standby a pg_basebackup -R copy of it.

#include <memory>
#include <string>
#include <vector>

#include "embedded_server.hpp"
#include "standby_server.hpp"

namespace replica_test {

class replica_set {
 public:
  /// Starts the primary, runs `schema_sql` on it (tests/replica/schema.sql when empty) and makes
  /// `standby_count` standbys with `standby_settings` in their postgresql.conf.
  explicit replica_set(int standby_count, const std::vector<std::string>& standby_settings = {},
                       const std::string& schema_sql = {});

  [[nodiscard]] std::string primary_conninfo() const;
  [[nodiscard]] std::string standby_conninfo(std::size_t i) const;
  [[nodiscard]] int primary_port() const { return primary_->port(); }
  [[nodiscard]] int standby_port(std::size_t i) const { return standbys_.at(i)->port(); }
  [[nodiscard]] std::size_t standby_count() const { return standbys_.size(); }
  [[nodiscard]] soong::embedded::server& primary() { return *primary_; }

  /// Waits until every standby has replayed all the primary wrote so far.
  void wait_for_standbys() const;

 private:
  std::unique_ptr<soong::embedded::server> primary_;
  // Declared after the primary: destroyed first, while the primary still runs.
  std::vector<std::unique_ptr<soong::testing::standby_server>> standbys_;
};

/// First column of the first row of `sql` on `conninfo`, as text.
[[nodiscard]] std::string query_text(const std::string& conninfo, const std::string& sql);

}  // namespace replica_test
