#pragma once
// Shared by the runtime tests: a connection to a fresh database on the test cluster.

#include <soong/soong.hpp>

#include "test_server.hpp"

namespace soong::test {

/// A new empty database and a connection to it.
inline soong::connection fresh_connection(soong::connection_options options = {}) {
  return soong::connection(soong::testing::fresh_database(), options);
}

/// The single value of a one-row, one-column result.
template <class T>
T single(const soong::result& r) {
  if (r.rows() != 1 || r.columns() < 1) throw std::runtime_error("expected one row");
  return r.get<T>(0, 0);
}

}  // namespace soong::test
