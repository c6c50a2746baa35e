#include "ir_json.hpp"

#include <array>
#include <utility>

namespace soong::gen {
namespace {

constexpr std::array<std::pair<type_kind, std::string_view>, 5> kind_names{{
    {type_kind::base, "base"},
    {type_kind::enumeration, "enum"},
    {type_kind::composite, "composite"},
    {type_kind::domain, "domain"},
    {type_kind::pseudo, "pseudo"},
}};

// nlohmann's type_error needs a json context; 302 is its "type must be ..." id.
[[noreturn]] void unknown_word(const nlohmann::json& j, std::string_view what) {
  throw nlohmann::json::type_error::create(302, "unknown " + std::string(what) + ": " + j.dump(),
                                           &j);
}

// The describe document's view of a type: the element type's typname plus its dimensions.
void put_type(nlohmann::ordered_json& out, const pg_type& type) {
  out["type"] = type.name;
  out["array_dims"] = type.array_dims;
  out["schema"] = type.schema;
  out["kind"] = std::string(to_string(type.kind));
}

}  // namespace

std::string_view to_string(type_kind kind) {
  for (const auto& [value, name] : kind_names) {
    if (value == kind) return name;
  }
  return "?";
}

void to_json(nlohmann::json& j, const source_location& v) {
  j = {{"file", v.file}, {"line", v.line}, {"column", v.column}};
}
void from_json(const nlohmann::json& j, source_location& v) {
  j.at("file").get_to(v.file);
  j.at("line").get_to(v.line);
  j.at("column").get_to(v.column);
}

void to_json(nlohmann::json& j, const command& v) { j = std::string(to_string(v)); }
void from_json(const nlohmann::json& j, command& v) {
  const auto parsed = command_from_string(j.get<std::string>());
  if (!parsed) unknown_word(j, "command");
  v = *parsed;
}

void to_json(nlohmann::json& j, const type_kind& v) { j = std::string(to_string(v)); }
void from_json(const nlohmann::json& j, type_kind& v) {
  const auto word = j.get<std::string>();
  for (const auto& [value, name] : kind_names) {
    if (name == word) {
      v = value;
      return;
    }
  }
  unknown_word(j, "type kind");
}

void to_json(nlohmann::json& j, const pg_type& v) {
  j = {{"oid", v.oid},
       {"schema", v.schema},
       {"name", v.name},
       {"kind", v.kind},
       {"array_dims", v.array_dims},
       {"domain_base", v.domain_base},
       {"domain_base_oid", v.domain_base_oid},
       {"domain_base_array_dims", v.domain_base_array_dims},
       {"typmod", v.typmod}};
}
void from_json(const nlohmann::json& j, pg_type& v) {
  j.at("oid").get_to(v.oid);
  j.at("schema").get_to(v.schema);
  j.at("name").get_to(v.name);
  j.at("kind").get_to(v.kind);
  j.at("array_dims").get_to(v.array_dims);
  j.at("domain_base").get_to(v.domain_base);
  j.at("domain_base_oid").get_to(v.domain_base_oid);
  j.at("domain_base_array_dims").get_to(v.domain_base_array_dims);
  j.at("typmod").get_to(v.typmod);
}

void to_json(nlohmann::json& j, const column_origin& v) {
  j = {{"schema", v.schema}, {"table", v.table}, {"column", v.column}};
}
void from_json(const nlohmann::json& j, column_origin& v) {
  j.at("schema").get_to(v.schema);
  j.at("table").get_to(v.table);
  j.at("column").get_to(v.column);
}

void to_json(nlohmann::json& j, const param& v) {
  j = {{"number", v.number}, {"name", v.name}, {"type", v.type}, {"nullable", v.nullable}};
}
void from_json(const nlohmann::json& j, param& v) {
  j.at("number").get_to(v.number);
  j.at("name").get_to(v.name);
  j.at("type").get_to(v.type);
  j.at("nullable").get_to(v.nullable);
}

void to_json(nlohmann::json& j, const column& v) {
  j = {{"name", v.name}, {"type", v.type}, {"nullable", v.nullable}};
  j["origin"] = v.origin ? nlohmann::json(*v.origin) : nlohmann::json(nullptr);
  if (!v.elements_nullable) j["elements_nullable"] = false;  // absent: the sound default
}
void from_json(const nlohmann::json& j, column& v) {
  j.at("name").get_to(v.name);
  j.at("type").get_to(v.type);
  j.at("nullable").get_to(v.nullable);
  v.elements_nullable = j.value("elements_nullable", true);
  const auto& origin = j.at("origin");
  if (origin.is_null()) {
    v.origin.reset();
  } else {
    v.origin = origin.get<column_origin>();
  }
}

void to_json(nlohmann::json& j, const query& v) {
  j = {{"name", v.name},
       {"command", v.cmd},
       {"location", v.location},
       {"sql", v.sql},
       {"rewritten_sql", v.rewritten_sql},
       {"params", v.params},
       {"columns", v.columns}};
  if (v.main_statement_offset != 0) j["main_statement_offset"] = v.main_statement_offset;
  if (!v.data_api_sql.empty()) j["data_api_sql"] = v.data_api_sql;
  if (!v.data_api_error.empty()) j["data_api_error"] = v.data_api_error;
  if (!v.data_api_json_sql.empty()) j["data_api_json_sql"] = v.data_api_json_sql;
  if (!v.data_api_json_error.empty()) j["data_api_json_error"] = v.data_api_json_error;
  for (const embedded_table& e : v.embeds) {
    j["embeds"].push_back({{"name", e.name},
                           {"schema", e.schema},
                           {"table", e.table},
                           {"first_column", e.first_column},
                           {"column_count", e.column_count},
                           {"nullable", e.nullable}});
  }
  j["read_only"] = v.access.read_only;
  if (!v.access.reason.empty()) j["writes_because"] = v.access.reason;
  j["route"] = v.route == query_route::replica ? "replica" : "primary";
  if (v.json_override) j["json_override"] = *v.json_override;
  if (v.exactly_one_row) j["exactly_one_row"] = true;
  if (v.route_override) {
    j["route_override"] = *v.route_override == query_route::replica ? "replica" : "primary";
  }
  if (!v.doc.empty()) j["doc"] = v.doc;
  if (v.copy) {
    j["copy"] = {
        {"schema", v.copy->schema}, {"table", v.copy->table}, {"columns", v.copy->columns}};
  }
}
void from_json(const nlohmann::json& j, query& v) {
  j.at("name").get_to(v.name);
  j.at("command").get_to(v.cmd);
  j.at("location").get_to(v.location);
  j.at("sql").get_to(v.sql);
  j.at("rewritten_sql").get_to(v.rewritten_sql);
  j.at("params").get_to(v.params);
  j.at("columns").get_to(v.columns);
  v.main_statement_offset = j.value("main_statement_offset", std::size_t{0});
  v.data_api_sql = j.value("data_api_sql", std::string());
  v.data_api_error = j.value("data_api_error", std::string());
  v.data_api_json_sql = j.value("data_api_json_sql", std::string());
  v.data_api_json_error = j.value("data_api_json_error", std::string());
  v.embeds.clear();
  if (const auto embeds = j.find("embeds"); embeds != j.end()) {
    for (const auto& e : *embeds) {
      embedded_table table;
      e.at("name").get_to(table.name);
      e.at("schema").get_to(table.schema);
      e.at("table").get_to(table.table);
      e.at("first_column").get_to(table.first_column);
      e.at("column_count").get_to(table.column_count);
      e.at("nullable").get_to(table.nullable);
      v.embeds.push_back(std::move(table));
    }
  }
  v.access.read_only = j.value("read_only", false);
  v.access.reason = j.value("writes_because", std::string());
  v.route =
      j.value("route", std::string()) == "replica" ? query_route::replica : query_route::primary;
  v.json_override.reset();
  if (const auto json = j.find("json_override"); json != j.end())
    v.json_override = json->get<bool>();
  v.exactly_one_row = j.value("exactly_one_row", false);
  v.route_override.reset();
  if (const auto route = j.find("route_override"); route != j.end()) {
    v.route_override =
        route->get<std::string>() == "replica" ? query_route::replica : query_route::primary;
  }
  v.doc = j.value("doc", std::string());
  v.copy.reset();
  if (const auto copy = j.find("copy"); copy != j.end()) {
    copy_target target;
    copy->at("schema").get_to(target.schema);
    copy->at("table").get_to(target.table);
    copy->at("columns").get_to(target.columns);
    v.copy = std::move(target);
  }
}

void to_json(nlohmann::json& j, const enum_type& v) {
  j = {{"schema", v.schema}, {"name", v.name}, {"labels", v.labels}};
  if (!v.doc.empty()) j["doc"] = v.doc;
}
void from_json(const nlohmann::json& j, enum_type& v) {
  j.at("schema").get_to(v.schema);
  j.at("name").get_to(v.name);
  j.at("labels").get_to(v.labels);
  v.doc = j.value("doc", std::string());
}

void to_json(nlohmann::json& j, const composite_field& v) {
  j = {{"name", v.name}, {"type", v.type}, {"nullable", v.nullable}};
  if (!v.doc.empty()) j["doc"] = v.doc;
}
void from_json(const nlohmann::json& j, composite_field& v) {
  j.at("name").get_to(v.name);
  j.at("type").get_to(v.type);
  j.at("nullable").get_to(v.nullable);
  v.doc = j.value("doc", std::string());
}

void to_json(nlohmann::json& j, const composite_type& v) {
  j = {{"schema", v.schema}, {"name", v.name}, {"fields", v.fields}};
  if (!v.doc.empty()) j["doc"] = v.doc;
}
void from_json(const nlohmann::json& j, composite_type& v) {
  j.at("schema").get_to(v.schema);
  j.at("name").get_to(v.name);
  j.at("fields").get_to(v.fields);
  v.doc = j.value("doc", std::string());
}

NLOHMANN_JSON_SERIALIZE_ENUM(column_write,
                             {{column_write::plain, "plain"},
                              {column_write::has_default, "default"},
                              {column_write::identity_by_default, "identity_by_default"},
                              {column_write::identity_always, "identity_always"},
                              {column_write::generated, "generated"}})

void to_json(nlohmann::json& j, const table_column& v) {
  j = {{"name", v.name},
       {"type", v.type},
       {"not_null", v.not_null},
       {"write", v.write},
       {"sql_type", v.sql_type}};
  if (!v.doc.empty()) j["doc"] = v.doc;
}
void from_json(const nlohmann::json& j, table_column& v) {
  j.at("name").get_to(v.name);
  j.at("type").get_to(v.type);
  j.at("not_null").get_to(v.not_null);
  j.at("write").get_to(v.write);
  j.at("sql_type").get_to(v.sql_type);
  v.doc = j.value("doc", std::string());
}

void to_json(nlohmann::json& j, const key_constraint& v) {
  j = {{"name", v.name}, {"columns", v.columns}};
}
void from_json(const nlohmann::json& j, key_constraint& v) {
  j.at("name").get_to(v.name);
  j.at("columns").get_to(v.columns);
}

void to_json(nlohmann::json& j, const foreign_key& v) {
  j = {{"name", v.name},
       {"columns", v.columns},
       {"ref_schema", v.ref_schema},
       {"ref_table", v.ref_table}};
}
void from_json(const nlohmann::json& j, foreign_key& v) {
  j.at("name").get_to(v.name);
  j.at("columns").get_to(v.columns);
  j.at("ref_schema").get_to(v.ref_schema);
  j.at("ref_table").get_to(v.ref_table);
}

void to_json(nlohmann::json& j, const table& v) {
  j = {{"schema", v.schema},
       {"name", v.name},
       {"is_view", v.is_view},
       {"columns", v.columns},
       {"primary_key", v.primary_key},
       {"unique_keys", v.unique_keys},
       {"foreign_keys", v.foreign_keys}};
  if (!v.doc.empty()) j["doc"] = v.doc;
}
void from_json(const nlohmann::json& j, table& v) {
  j.at("schema").get_to(v.schema);
  j.at("name").get_to(v.name);
  j.at("is_view").get_to(v.is_view);
  j.at("columns").get_to(v.columns);
  j.at("primary_key").get_to(v.primary_key);
  j.at("unique_keys").get_to(v.unique_keys);
  j.at("foreign_keys").get_to(v.foreign_keys);
  v.doc = j.value("doc", std::string());
}

void to_json(nlohmann::json& j, const crud_request& v) {
  j = {{"schema", v.schema}, {"table", v.table}, {"version_column", v.version_column}};
}
void from_json(const nlohmann::json& j, crud_request& v) {
  j.at("schema").get_to(v.schema);
  j.at("table").get_to(v.table);
  j.at("version_column").get_to(v.version_column);
}

void to_json(nlohmann::json& j, const ir& v) {
  j = {{"enums", v.enums},
       {"composites", v.composites},
       {"tables", v.tables},
       {"queries", v.queries},
       {"crud", v.crud}};
}
void from_json(const nlohmann::json& j, ir& v) {
  j.at("crud").get_to(v.crud);
  j.at("enums").get_to(v.enums);
  j.at("composites").get_to(v.composites);
  j.at("tables").get_to(v.tables);
  j.at("queries").get_to(v.queries);
}

nlohmann::ordered_json describe_json(const ir& value) {
  auto queries = nlohmann::ordered_json::array();
  for (const auto& q : value.queries) {
    nlohmann::ordered_json entry;
    entry["name"] = q.name;
    entry["command"] = std::string(to_string(q.cmd));
    entry["file"] = q.location.file;
    entry["line"] = q.location.line;
    auto params = nlohmann::ordered_json::array();
    for (const auto& p : q.params) {
      nlohmann::ordered_json item;
      item["name"] = p.name;
      item["type"] = nullptr;  // placeholder keeps the documented key order
      item["nullable"] = p.nullable;
      put_type(item, p.type);
      item["number"] = p.number;
      params.push_back(std::move(item));
    }
    entry["params"] = std::move(params);
    auto columns = nlohmann::ordered_json::array();
    for (const auto& c : q.columns) {
      nlohmann::ordered_json item;
      item["name"] = c.name;
      item["type"] = nullptr;
      item["nullable"] = c.nullable;
      put_type(item, c.type);
      columns.push_back(std::move(item));
    }
    entry["columns"] = std::move(columns);
    entry["column"] = q.location.column;
    entry["sql"] = q.rewritten_sql;
    // A `:one` proven to yield exactly one row returns the row itself, not std::optional.
    if (q.cmd == command::one) entry["exactly_one_row"] = q.exactly_one_row;
    entry["read_only"] = q.access.read_only;
    if (!q.access.reason.empty()) entry["writes_because"] = q.access.reason;
    entry["route"] = q.route == query_route::replica ? "replica" : "primary";
    if (q.route_override) {
      entry["route_override"] = *q.route_override == query_route::replica ? "replica" : "primary";
    }
    // What the generated Data API functions send (docs/data-api.md), or why there is none.
    if (!q.data_api_sql.empty()) entry["data_api_sql"] = q.data_api_sql;
    if (!q.data_api_error.empty()) entry["data_api_error"] = q.data_api_error;
    if (!q.data_api_json_sql.empty()) entry["data_api_json_sql"] = q.data_api_json_sql;
    if (!q.data_api_json_error.empty()) entry["data_api_json_error"] = q.data_api_json_error;
    queries.push_back(std::move(entry));
  }
  nlohmann::ordered_json out;
  out["queries"] = std::move(queries);
  return out;
}

}  // namespace soong::gen
