// soong::result: command status accessors and error paths.

#include "soong/result.hpp"

#include <fmt/format.h>

#include <charconv>

#include "soong/error.hpp"

namespace soong {

std::uint64_t result::affected_rows() const noexcept {
  if (res_ == nullptr) return 0;
  const char* text = PQcmdTuples(res_);
  std::uint64_t n = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), n);
  return n;
}

std::string_view result::command_tag() const noexcept {
  return res_ != nullptr ? std::string_view(PQcmdStatus(res_)) : std::string_view();
}

std::string_view result::column_name(int column) const noexcept {
  const char* name = res_ != nullptr ? PQfname(res_, column) : nullptr;
  return name != nullptr ? std::string_view(name) : std::string_view("?");
}

void result::throw_out_of_range(int row, int column) const {
  throw error(fmt::format("{}: no value at row {}, column {} (result has {} rows, {} columns)",
                          query_name_, row, column, rows(), columns()));
}

}  // namespace soong
