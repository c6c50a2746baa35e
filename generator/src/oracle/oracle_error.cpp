#include "oracle/oracle_error.hpp"

#include <fmt/format.h>

namespace soong::gen {

std::string to_string(const oracle_error& error) {
  const auto& where = error.position.location;
  std::string out = where.line > 0 ? fmt::format("{}:{}:{}: error: {}", where.file, where.line,
                                                 where.column, error.message)
                                   : fmt::format("{}: error: {}", where.file, error.message);
  if (!error.sqlstate.empty()) out += fmt::format(" [{}]", error.sqlstate);
  return out;
}

}  // namespace soong::gen
