#pragma once
// What the `soong db` tests share: running `soong db ...` against the test cluster with a
// clean environment, sessions held open from the test, and scratch project folders.

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "run_soong.hpp"
#include "test_server.hpp"

namespace soong::testing::db {

/// A database name no other test uses (the database itself is not created).
inline std::string unique_name(std::string_view stem) {
  static std::atomic<int> counter{0};
  return std::string(stem) + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

/// `soong db <args>` in `folder` with only `environment` (shell words) deciding the target:
/// the variables the runtime reads are removed from the inherited environment first.
inline command_result soong_db(const std::string& args, const std::string& environment = {},
                               const std::string& folder = SOONG_SOURCE_DIR) {
  const std::string clean =
      "env -u DATABASE_URL -u CONNECTION_URL -u PG_HOST -u PG_PORT -u PG_DBNAME -u PG_USER "
      "-u PG_PASSWORD -u PGHOST -u PGPORT -u PGDATABASE -u PGUSER -u PGPASSWORD -u SOONG_ENV "
      "-u PG_IAM_AUTH ";
  return run_soong_in(folder, "db " + args, clean + environment);
}

/// `soong db <args> --database-url <conninfo of database>`.
inline command_result soong_db_on(const std::string& database, const std::string& args,
                                  const std::string& environment = {},
                                  const std::string& folder = SOONG_SOURCE_DIR) {
  return soong_db(args + " --database-url " + shell_quote(conninfo(database)), environment, folder);
}

/// The first value of a query's first row ("" for NULL or no row).
inline std::string query_value(const std::string& database, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo(database).c_str()),
                                                    &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + database + ": " + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
  }
  if (PQntuples(result.get()) == 0) return "";
  return PQgetvalue(result.get(), 0, 0);
}

inline bool database_exists(const std::string& name) {
  return query_value("postgres",
                     "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

/// A session the test holds open on a database, as another developer's psql would.
class open_session {
 public:
  open_session(const std::string& database, const std::string& application)
      : conn_(PQconnectdb((conninfo(database) + " application_name=" + application).c_str()),
              &PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw std::runtime_error("cannot open a session on " + database);
    }
  }
  [[nodiscard]] int pid() const { return PQbackendPID(conn_.get()); }
  /// Whether the server still serves this session.
  [[nodiscard]] bool alive() const {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn_.get(), "SELECT 1"), &PQclear);
    return PQresultStatus(result.get()) == PGRES_TUPLES_OK;
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

/// A scratch project folder, removed at the end of the test.
class project_folder {
 public:
  project_folder()
      : path_(std::filesystem::temp_directory_path() / unique_name("soong_db_project")) {
    std::filesystem::create_directories(path_);
  }
  ~project_folder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  project_folder(const project_folder&) = delete;
  project_folder& operator=(const project_folder&) = delete;

  /// Writes `text` to `relative` (folders created as needed); returns the full path.
  std::string write(const std::string& relative, const std::string& text) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace soong::testing::db
