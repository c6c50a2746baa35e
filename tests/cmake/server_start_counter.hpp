#pragma once
// Counts the throwaway PostgreSQL servers a build starts: a folder for $SOONG_PG_BINDIR whose
// `initdb` (run once per server the generator starts) notes each call in a log and then runs
// the real initdb; `postgres` is the real binary. The servers themselves are real.

#include <cstddef>
#include <filesystem>
#include <string>

namespace soong::cmake_testing {

class server_start_counter {
 public:
  /// Creates the folder below the temp folder; throws std::runtime_error when no PostgreSQL
  /// server binaries are installed.
  server_start_counter();
  ~server_start_counter();
  server_start_counter(const server_start_counter&) = delete;
  server_start_counter& operator=(const server_start_counter&) = delete;

  /// `SOONG_PG_BINDIR='<folder>' `, to put before a shell command.
  [[nodiscard]] std::string environment() const;
  /// Servers started since construction or the last reset().
  [[nodiscard]] std::size_t starts() const;
  void reset();

 private:
  std::filesystem::path root_;
  std::filesystem::path log_;
};

}  // namespace soong::cmake_testing
