#include "emit/cluster_overload_emitter.hpp"

#include <fmt/format.h>

#include "emit/file_layout.hpp"
#include "emit/function_emitter.hpp"
#include "emit/result_row.hpp"
#include "emit/signature.hpp"

namespace soong::gen {
namespace {

/// The name a declared parameter binds: `params` of `const x_params& params`.
std::string parameter_name(const std::string& declaration) {
  const auto space = declaration.find_last_of(" &*");
  return space == std::string::npos ? declaration : declaration.substr(space + 1);
}

void write_overload(code_writer& w, const query_model& q, const std::string& type,
                    const std::string& function, std::vector<std::string> parameters) {
  const bool writes = !q.source->access.read_only;
  const bool to_replica = q.source->route == query_route::replica;
  write_doc_comment(w, fmt::format("{} on a soong::cluster or one of its handles: {}.", function,
                                   to_replica ? "read-only, so on a replica" : "on the primary"));
  std::vector<std::string> names;
  for (std::size_t i = 1; i < parameters.size(); ++i)
    names.push_back(parameter_name(parameters[i]));
  names.insert(names.begin(), "conn");
  parameters.front() = "Target&& target";
  w.line("template <soong::cluster_target Target>");
  w.lines(
      format_call(fmt::format("{}{} {}", type == "void" ? "" : "[[nodiscard]] ", type, function),
                  parameters, " {"));
  w.indent();
  if (writes) {
    w.line("static_assert(soong::can_write<Target>,");
    w.linef("              {}",
            cpp_string_literal(
                fmt::format("soong: {} writes ({}); ", q.source->name, q.source->access.reason)));
    w.line("              \"a read-only handle (replica_snapshot, at_least) cannot run it: \"");
    w.line("              \"call it on the cluster or inside cluster::transaction\");");
  }
  w.linef("return target.run(soong::route::{}, {}, [&](soong::connection& conn) {{",
          to_replica ? "replica" : "primary", cpp_string_literal(q.source->name));
  w.indent();
  w.lines(format_call("return " + function, names, ";", 4));
  w.dedent();
  w.line("});");
  w.dedent();
  w.line("}");
}

}  // namespace

void write_cluster_overloads(code_writer& w, const query_model& q) {
  write_overload(w, q, return_type(q), q.names.function, main_function_parameters(q));
  if (!q.names.json_function.empty()) {
    w.blank();
    write_overload(w, q, json_result_type(q), q.names.json_function, function_parameters(q));
  }
}

}  // namespace soong::gen
