// The one source file of the generator that includes pg_query.h (docs/design.md, "libpg_query
// behind one door").
#include "parse/pg_query_wrapper.hpp"

#include <pg_query.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "diag/source_file.hpp"

namespace soong::gen {
namespace {

// RAII for libpg_query results: libpg_query 15-4.0.0 allocates a result on success and on
// error alike, so the matching free function must run in both cases.
template <typename Result, void (*Free)(Result)>
class owned_result {
 public:
  explicit owned_result(Result result) : result_(result) {}
  owned_result(const owned_result&) = delete;
  owned_result& operator=(const owned_result&) = delete;
  ~owned_result() { Free(result_); }
  const Result& operator*() const { return result_; }
  const Result* operator->() const { return &result_; }

 private:
  Result result_;
};

using scan_handle = owned_result<PgQueryScanResult, pg_query_free_scan_result>;
using split_handle = owned_result<PgQuerySplitResult, pg_query_free_split_result>;
using parse_handle = owned_result<PgQueryParseResult, pg_query_free_parse_result>;

// cursorpos is a 1-based code point position (0: no position); we work in bytes.
std::optional<std::size_t> byte_offset_of_cursor(std::string_view text, int cursorpos) {
  if (cursorpos <= 0) return std::nullopt;
  return byte_offset_of_position(text, cursorpos);
}

pg_error convert_error(const PgQueryError& error, std::string_view text) {
  // error.lineno is a line of PostgreSQL's C sources, never a user's line.
  return pg_error{error.message != nullptr ? error.message : "unknown libpg_query error",
                  byte_offset_of_cursor(text, error.cursorpos)};
}

// --- A minimal protobuf reader for PgQuery.ScanResult ------------------------------------------
// pg_query_scan returns protobuf; Debian ships no protobuf-c headers, and the message is tiny
// (pg_query.proto: ScanResult{1: version, 2: repeated ScanToken}, ScanToken{1: start, 2: end,
// 4: token, 5: keyword_kind}), so we read the wire format directly.

class protobuf_reader {
 public:
  protobuf_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  [[nodiscard]] bool at_end() const { return pos_ >= size_; }

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) throw std::runtime_error("truncated protobuf varint from pg_query_scan");
      const std::uint8_t byte = data_[pos_++];
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw std::runtime_error("overlong protobuf varint from pg_query_scan");
  }

  protobuf_reader sub_message() {
    const auto length = static_cast<std::size_t>(varint());
    if (length > size_ - pos_) throw std::runtime_error("truncated protobuf from pg_query_scan");
    protobuf_reader sub(data_ + pos_, length);
    pos_ += length;
    return sub;
  }

  void skip(std::uint64_t wire_type) {
    switch (wire_type) {
      case 0:
        varint();
        return;
      case 1:
        advance(8);
        return;
      case 2:
        sub_message();
        return;
      case 5:
        advance(4);
        return;
      default:
        throw std::runtime_error("unexpected protobuf wire type from pg_query_scan");
    }
  }

 private:
  void advance(std::size_t bytes) {
    if (bytes > size_ - pos_) throw std::runtime_error("truncated protobuf from pg_query_scan");
    pos_ += bytes;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// Token numbers from pg_query.proto (enum Token) of libpg_query 15-4.0.0.
constexpr std::uint64_t token_percent = 37, token_open_paren = 40, token_close_paren = 41,
                        token_dot = 46, token_semicolon = 59, token_ident = 258, token_uident = 259,
                        token_sconst = 261, token_usconst = 262, token_op = 265, token_param = 267,
                        token_sql_comment = 275, token_c_comment = 276;

pg_token_kind classify(std::uint64_t token, std::uint64_t keyword_kind) {
  if (keyword_kind != 0) return pg_token_kind::keyword;
  switch (token) {
    case token_percent:
      return pg_token_kind::percent;
    case token_open_paren:
      return pg_token_kind::open_paren;
    case token_close_paren:
      return pg_token_kind::close_paren;
    case token_dot:
      return pg_token_kind::dot;
    case token_semicolon:
      return pg_token_kind::semicolon;
    case token_ident:
    case token_uident:
      return pg_token_kind::identifier;
    case token_sconst:
    case token_usconst:
      return pg_token_kind::string_constant;
    case token_op:
      return pg_token_kind::operator_symbol;
    case token_param:
      return pg_token_kind::param;
    case token_sql_comment:
      return pg_token_kind::sql_comment;
    case token_c_comment:
      return pg_token_kind::c_comment;
    default:
      return pg_token_kind::other;
  }
}

pg_token read_token(protobuf_reader message) {
  std::uint64_t start = 0, end = 0, token = 0, keyword_kind = 0;
  while (!message.at_end()) {
    const std::uint64_t key = message.varint();
    const std::uint64_t field = key >> 3, wire_type = key & 7;
    if (wire_type != 0) {
      message.skip(wire_type);
      continue;
    }
    const std::uint64_t value = message.varint();
    if (field == 1) start = value;
    if (field == 2) end = value;
    if (field == 4) token = value;
    if (field == 5) keyword_kind = value;
  }
  return pg_token{static_cast<std::size_t>(start), static_cast<std::size_t>(end),
                  classify(token, keyword_kind)};
}

}  // namespace

pg_scan_result scan_sql(std::string_view sql) {
  const std::string text(sql);  // libpg_query wants a NUL-terminated string
  const scan_handle result(pg_query_scan(text.c_str()));
  pg_scan_result out;
  if (result->error != nullptr) {
    out.error = convert_error(*result->error, sql);
    return out;
  }
  protobuf_reader reader(reinterpret_cast<const std::uint8_t*>(result->pbuf.data),
                         result->pbuf.len);
  while (!reader.at_end()) {
    const std::uint64_t key = reader.varint();
    if ((key >> 3) == 2 && (key & 7) == 2) {
      out.tokens.push_back(read_token(reader.sub_message()));
    } else {
      reader.skip(key & 7);
    }
  }
  return out;
}

std::vector<pg_statement_slice> split_sql_with_scanner(std::string_view sql) {
  const std::string text(sql);
  const split_handle result(pg_query_split_with_scanner(text.c_str()));
  std::vector<pg_statement_slice> slices;
  if (result->error != nullptr) return slices;  // documented never to fail; be safe anyway
  for (int i = 0; i < result->n_stmts; ++i) {
    slices.push_back({static_cast<std::size_t>(result->stmts[i]->stmt_location),
                      static_cast<std::size_t>(result->stmts[i]->stmt_len)});
  }
  return slices;
}

std::string_view slice_text(std::string_view sql, const pg_statement_slice& slice) {
  return slice.length == 0 ? sql.substr(slice.begin) : sql.substr(slice.begin, slice.length);
}

pg_parse_result parse_sql_to_json(std::string_view sql) {
  const std::string text(sql);
  const parse_handle result(pg_query_parse(text.c_str()));
  pg_parse_result out;
  if (result->error != nullptr) {
    out.error = convert_error(*result->error, sql);
    return out;
  }
  try {
    out.tree = nlohmann::json::parse(result->parse_tree);
  } catch (const nlohmann::json::exception& e) {
    // libpg_query copies the input's bytes into its JSON: invalid UTF-8 comes back unreadable.
    out.error =
        pg_error{std::string("the parse tree is not valid JSON (is the text UTF-8?): ") + e.what(),
                 std::nullopt};
  }
  return out;
}

}  // namespace soong::gen
