// The IR's JSON forms: the lossless cache format and the `soong describe` document.

#include "ir_json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace soong::gen {
namespace {

pg_type make_type(std::uint32_t oid, std::string name, type_kind kind, int dims = 0) {
  pg_type t;
  t.oid = oid;
  t.schema = "pg_catalog";
  t.name = std::move(name);
  t.kind = kind;
  t.array_dims = dims;
  return t;
}

// An IR where every field differs from its default, so a dropped field shows up.
ir full_ir() {
  ir value;
  value.enums.push_back({"app", "mood", {"sad", "ok", "happy"}});
  pg_type text = make_type(25, "text", type_kind::base);
  value.composites.push_back({"app", "address", {{"street", text, true}, {"zip", text, false}}});
  pg_type domain = make_type(16390, "positive_int", type_kind::domain);
  domain.schema = "app";
  domain.domain_base = "int4";
  domain.domain_base_oid = 23;
  domain.domain_base_array_dims = 1;
  domain.typmod = 7;
  value.tables.push_back({"public",
                          "users",
                          false,
                          {{"id", make_type(20, "int8", type_kind::base), true,
                            column_write::identity_always, "bigint"},
                           {"handle", text, true, column_write::has_default, "text"}},
                          {"id"},
                          {{"users_handle_key", {"handle"}}},
                          {{"users_boss_fkey", {"id"}, "public", "users"}}});
  value.tables.push_back({"app",
                          "v_users",
                          true,
                          {{"score", domain, false, column_write::plain, "app.positive_int"}},
                          {},
                          {},
                          {}});
  value.crud.push_back({"public", "users", "version"});

  query q;
  q.name = "ListUsers";
  q.cmd = command::batchmany;
  q.location = {"sql/users.sql", 12, 3};
  q.sql = "SELECT id FROM users WHERE handle = @handle";
  q.rewritten_sql = "SELECT id FROM users WHERE handle = $1";
  q.params.push_back({1, "handle", make_type(1043, "varchar", type_kind::base, 1), true});
  column c;
  c.name = "id";
  c.type = make_type(20, "int8", type_kind::base);
  c.nullable = false;
  c.origin = column_origin{"public", "users", "id"};
  q.columns.push_back(c);
  column anonymous;
  anonymous.name = "?column?";
  anonymous.type = make_type(2249, "record", type_kind::pseudo);
  q.columns.push_back(anonymous);
  value.queries.push_back(q);
  query other;
  other.name = "Touch";
  other.cmd = command::execrows;
  value.queries.push_back(other);
  query copy;
  copy.name = "CopyUsers";
  copy.cmd = command::copyfrom;
  copy.copy = copy_target{"public", "users", {"id", "handle"}};
  value.queries.push_back(copy);
  return value;
}

TEST(ir_json, round_trip_is_lossless) {
  const ir original = full_ir();
  const std::string text = nlohmann::json(original).dump();
  const ir read_back = nlohmann::json::parse(text).get<ir>();
  EXPECT_EQ(nlohmann::json(read_back).dump(), text);

  // Spot checks on fields that a careless serializer would lose.
  ASSERT_EQ(read_back.queries.size(), 3u);
  const query& q = read_back.queries[0];
  EXPECT_EQ(q.cmd, command::batchmany);
  EXPECT_EQ(q.location.column, 3);
  EXPECT_EQ(q.params[0].type.array_dims, 1);
  EXPECT_TRUE(q.params[0].nullable);
  ASSERT_TRUE(q.columns[0].origin.has_value());
  EXPECT_EQ(q.columns[0].origin->table, "users");
  EXPECT_FALSE(q.columns[1].origin.has_value());
  EXPECT_EQ(q.columns[1].type.kind, type_kind::pseudo);
  EXPECT_EQ(read_back.queries[1].cmd, command::execrows);
  EXPECT_FALSE(read_back.queries[1].copy.has_value());
  ASSERT_TRUE(read_back.queries[2].copy.has_value());
  EXPECT_EQ(read_back.queries[2].copy->table, "users");
  EXPECT_EQ(read_back.queries[2].copy->columns, (std::vector<std::string>{"id", "handle"}));
  EXPECT_EQ(read_back.tables[1].columns[0].type.domain_base_array_dims, 1);
  EXPECT_EQ(read_back.tables[1].columns[0].type.typmod, 7);
  EXPECT_TRUE(read_back.tables[1].is_view);
  EXPECT_FALSE(read_back.composites[0].fields[1].nullable);
  EXPECT_EQ(read_back.enums[0].labels, (std::vector<std::string>{"sad", "ok", "happy"}));
}

TEST(ir_json, every_command_round_trips) {
  for (command c :
       {command::one, command::many, command::exec, command::execrows, command::execresult,
        command::copyfrom, command::batchexec, command::batchone, command::batchmany}) {
    const nlohmann::json j = c;
    EXPECT_EQ(j.get<command>(), c) << j.dump();
  }
}

TEST(ir_json, unknown_command_is_rejected) {
  nlohmann::json j = full_ir();
  j["queries"][0]["command"] = "several";
  EXPECT_THROW((void)j.get<ir>(), nlohmann::json::exception);
}

TEST(ir_json, unknown_type_kind_is_rejected) {
  nlohmann::json j = full_ir();
  j["tables"][0]["columns"][0]["type"]["kind"] = "blob";
  EXPECT_THROW((void)j.get<ir>(), nlohmann::json::exception);
}

TEST(ir_json, missing_key_is_rejected) {
  nlohmann::json j = full_ir();
  j["queries"][0].erase("rewritten_sql");
  EXPECT_THROW((void)j.get<ir>(), nlohmann::json::exception);
}

// Removes every key the README does not document, recursively in queries/params/columns.
nlohmann::ordered_json documented_keys_only(nlohmann::ordered_json doc) {
  for (auto& q : doc["queries"]) {
    for (const char* extra : {"column", "sql", "read_only", "writes_because", "route"}) {
      q.erase(extra);
    }
    for (const char* list : {"params", "columns"}) {
      for (auto& item : q[list]) {
        for (const char* extra : {"schema", "kind", "number"}) item.erase(extra);
      }
    }
  }
  return doc;
}

TEST(ir_json, describe_document_has_the_documented_shape) {
  ir value;
  query q;
  q.name = "GetAuthor";
  q.cmd = command::one;
  q.location = {"query.sql", 3, 1};
  q.rewritten_sql = "SELECT id FROM authors WHERE id = $1";
  q.params.push_back({1, "id", make_type(20, "int8", type_kind::base), false});
  column c;
  c.name = "id";
  c.type = make_type(20, "int8", type_kind::base);
  c.nullable = false;
  q.columns.push_back(c);
  value.queries.push_back(q);

  const auto doc = describe_json(value);
  EXPECT_EQ(documented_keys_only(doc).dump(),
            R"({"queries":[{"name":"GetAuthor","command":"one","file":"query.sql","line":3,)"
            R"("params":[{"name":"id","type":"int8","nullable":false,"array_dims":0}],)"
            R"("columns":[{"name":"id","type":"int8","nullable":false,"array_dims":0}],)"
            R"("exactly_one_row":false}]})");
  // The read-replica classification (docs/replicas.md): an unclassified query writes.
  EXPECT_EQ(doc["queries"][0]["read_only"], false);
  EXPECT_EQ(doc["queries"][0]["route"], "primary");
  q.access = {true, ""};
  q.route = query_route::replica;
  q.route_override = query_route::replica;
  value.queries = {q};
  const auto routed = describe_json(value);
  EXPECT_EQ(routed["queries"][0]["read_only"], true);
  EXPECT_EQ(routed["queries"][0]["route"], "replica");
  EXPECT_EQ(routed["queries"][0]["route_override"], "replica");
  EXPECT_FALSE(routed["queries"][0].contains("writes_because"));
  // And the IR round-trips it (the result cache stores it).
  const ir back = nlohmann::json(value).get<ir>();
  EXPECT_TRUE(back.queries[0].access.read_only);
  EXPECT_EQ(back.queries[0].route, query_route::replica);
  EXPECT_EQ(back.queries[0].route_override, query_route::replica);
  // The extra keys carry what other tools need beyond the contract.
  EXPECT_EQ(doc["queries"][0]["sql"], "SELECT id FROM authors WHERE id = $1");
  EXPECT_EQ(doc["queries"][0]["params"][0]["number"], 1);
  EXPECT_EQ(doc["queries"][0]["columns"][0]["kind"], "base");
}

TEST(ir_json, describe_document_names_element_types_and_dimensions) {
  const auto doc = describe_json(full_ir());
  const auto& q = doc["queries"][0];
  EXPECT_EQ(q["command"], "batchmany");
  EXPECT_EQ(q["file"], "sql/users.sql");
  EXPECT_EQ(q["line"], 12);
  EXPECT_EQ(q["params"][0]["type"], "varchar");
  EXPECT_EQ(q["params"][0]["array_dims"], 1);
  EXPECT_EQ(q["params"][0]["nullable"], true);
  EXPECT_EQ(q["columns"][1]["type"], "record");
  EXPECT_EQ(q["columns"][1]["kind"], "pseudo");
  EXPECT_EQ(doc["queries"][1]["params"].dump(), "[]");
  EXPECT_EQ(doc["queries"][1]["columns"].dump(), "[]");
}

TEST(ir_json, describe_document_of_no_queries) {
  EXPECT_EQ(describe_json(ir{}).dump(), R"({"queries":[]})");
}

}  // namespace
}  // namespace soong::gen
