#pragma once
// Helpers shared by the front end's tests: run the parser over a text and render what it says.

#include <string>
#include <string_view>

#include "diag/render.hpp"
#include "parse/query_file_parser.hpp"

namespace soong::gen::testing {

/// The result of parsing one in-memory query file.
struct parse_outcome {
  parsed_file file;
  diagnostics diags;
  std::string rendered;  // all diagnostics, compiler style
};

inline parse_outcome parse_text(std::string_view text, std::string path = "q.sql") {
  parse_outcome out;
  const source_file source(std::move(path), std::string(text));
  out.file = parse_query_file(source, out.diags);
  out.rendered = render(out.diags);
  return out;
}

/// Only the rendered diagnostics of parsing `text` as `q.sql`.
inline std::string diagnose(std::string_view text) { return parse_text(text).rendered; }

}  // namespace soong::gen::testing
