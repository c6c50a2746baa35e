#include "replica_set.hpp"

#include <fstream>
#include <sstream>

#include "soong/soong.hpp"
#include "test_server.hpp"

namespace replica_test {

replica_set::replica_set(int standby_count, const std::vector<std::string>& standby_settings,
                         const std::string& schema_sql) {
  soong::embedded::server_options options;
  options.listen_tcp = true;
  // pg_stat_statements lets a test count what the cluster sent the primary.
  options.settings = {"wal_level = replica", "max_wal_senders = 10",
                      "shared_preload_libraries = 'pg_stat_statements'"};
  primary_ = soong::embedded::server::start(options);
  if (schema_sql.empty()) {
    std::ifstream schema(SOONG_REPLICA_TEST_DIR "/schema.sql");
    std::stringstream text;
    text << schema.rdbuf();
    soong::testing::run_sql(primary_conninfo(), text.str());
  } else {
    soong::testing::run_sql(primary_conninfo(), schema_sql);
  }
  for (int i = 0; i < standby_count; ++i) {
    standbys_.push_back(
        std::make_unique<soong::testing::standby_server>(*primary_, standby_settings));
  }
  wait_for_standbys();
}

std::string replica_set::primary_conninfo() const { return primary_->tcp_conninfo(); }

std::string replica_set::standby_conninfo(std::size_t i) const {
  return standbys_.at(i)->tcp_conninfo();
}

void replica_set::wait_for_standbys() const {
  for (const auto& standby : standbys_) {
    soong::testing::wait_for_replay(primary_conninfo(), standby->tcp_conninfo());
  }
}

std::string query_text(const std::string& conninfo, const std::string& sql) {
  soong::connection conn(conninfo);
  const soong::result r = soong::execute_sql(conn, sql);
  return r.get<std::optional<std::string>>(0, 0).value_or("");
}

}  // namespace replica_test
