#include "emit/signature.hpp"

#include <fmt/format.h>

#include "emit/file_layout.hpp"

namespace soong::gen {

std::vector<std::string> function_parameters(const query_model& q) {
  std::vector<std::string> out{"soong::connection& conn"};
  if (q.params.empty()) return out;
  if (!q.names.params_struct.empty()) {
    out.push_back(fmt::format("const {}& params", q.names.params_struct));
  } else {
    const field_model& p = q.params.front();
    out.push_back(p.by_value ? fmt::format("{} {}", p.type, p.name)
                             : fmt::format("const {}& {}", p.type, p.name));
  }
  return out;
}

std::vector<std::string> argument_values(const query_model& q) {
  std::vector<std::string> out;
  for (const field_model& p : q.params) {
    out.push_back(q.names.params_struct.empty() ? p.name : "params." + p.name);
  }
  return out;
}

std::string item_type(const query_model& q) {
  if (!q.names.params_struct.empty()) return q.names.params_struct;
  return q.params.empty() ? std::string() : q.params.front().type;
}

void write_bind_lambda(code_writer& w, const query_model& q, std::string_view tail) {
  std::vector<std::string> members;
  if (q.names.params_struct.empty()) {
    members.push_back("item");
  } else {
    for (const field_model& p : q.params) members.push_back("item." + p.name);
  }
  w.linef("[](const {}& item) {{", item_type(q));
  w.indent();
  // References to the item's fields: execute_batch / copy_from encode them before returning.
  w.lines(format_call("return std::tie", members, ";", 0));
  w.dedent();
  w.linef("}}{}", tail);
}

std::string function_doc(const query_model& q, const file_model& file, std::string_view what) {
  return with_description(q.source->doc, fmt::format("{}.\n`{} :{}`, {}:{}.", what, q.source->name,
                                                     to_string(q.source->cmd), file.relative_path,
                                                     q.source->location.line));
}

}  // namespace soong::gen
