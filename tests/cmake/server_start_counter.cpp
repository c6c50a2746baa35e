#include "server_start_counter.hpp"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include "consumer_build.hpp"
#include "embedded_server.hpp"

namespace soong::cmake_testing {
namespace fs = std::filesystem;

server_start_counter::server_start_counter() {
  const std::optional<std::string> real = soong::embedded::find_bin_dir();
  if (!real) {
    throw std::runtime_error("no PostgreSQL server binaries (initdb, postgres) to wrap");
  }
  std::string folder = (fs::temp_directory_path() / "soong-server-count-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    throw std::runtime_error("cannot create a temp folder for the initdb wrapper");
  }
  root_ = folder;
  log_ = root_ / "initdb-calls.log";
  const fs::path bin = root_ / "bin";
  fs::create_directory(bin);
  write_text(log_, "");
  write_text(bin / "initdb", "#!/bin/sh\necho started >> " + shell_quoted(log_.string()) +
                                 "\nexec " + shell_quoted(*real + "/initdb") + " \"$@\"\n");
  fs::create_symlink(fs::path(*real) / "postgres", bin / "postgres");
  // As root the generator runs initdb as `nobody`, which must reach the script and the log.
  fs::permissions(root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(bin / "initdb", fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  fs::permissions(log_, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::group_write | fs::perms::others_read |
                            fs::perms::others_write);
}

server_start_counter::~server_start_counter() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

std::string server_start_counter::environment() const {
  return "SOONG_PG_BINDIR=" + shell_quoted((root_ / "bin").string()) + " ";
}

std::size_t server_start_counter::starts() const {
  std::ifstream in(log_);
  std::size_t count = 0;
  for (std::string line; std::getline(in, line);) count += line == "started" ? 1 : 0;
  return count;
}

void server_start_counter::reset() { write_text(log_, ""); }

}  // namespace soong::cmake_testing
