// Must not compile: AddItem writes, and a snapshot is read-only (see CMakeLists.txt).

#include <soong/cluster.hpp>

#include "items.sql.hpp"

int main() {
  soong::cluster cluster({.primary = "host=/nonexistent"});
  soong::replica_snapshot snapshot = cluster.read_snapshot();
  return static_cast<int>(
      replica_test::db::add_item(snapshot, {.label = "x", .payload = std::nullopt}).value_or(0));
}
