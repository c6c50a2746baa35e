#include "oracle_fixture.hpp"

#include "diag/source_file.hpp"
#include "oracle/text_position.hpp"
#include "test_server.hpp"

namespace soong::gen::testing {

void oracle_test::SetUp() {
  oracle_session_options options;
  options.database_url = soong::testing::conninfo();
  session_ = oracle_session::open(options);
  types_ = std::make_unique<type_catalog>(session_->connection());
}

void oracle_test::apply(std::string_view sql) {
  const auto error = apply_schema(conn(), {schema_chunk{"schema.sql", std::string(sql)}});
  ASSERT_FALSE(error.has_value()) << to_string(*error);
}

position_mapper oracle_test::identity_mapper(std::string sql, std::string file) {
  return [sql = std::move(sql), file = std::move(file)](int position) {
    file_position start{{file, 1, 1}, 0};
    return oracle_detail::position_in_chunk(sql, start, byte_offset_of_position(sql, position));
  };
}

statement_description oracle_test::describe(std::string_view sql) {
  return describe_statement(conn(), *types_, sql, identity_mapper(std::string(sql)));
}

}  // namespace soong::gen::testing
