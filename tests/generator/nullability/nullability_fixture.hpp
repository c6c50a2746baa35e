#pragma once
// Test fixture for the nullability stage: a small schema as catalog facts, and libpg_query
// parsing (the stage itself never includes pg_query.h; tests produce its input with it).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "nullability/catalog_facts.hpp"

namespace soong::gen::testing {

/// The stmt node of the single statement in `sql`; a test failure (null) if it does not parse.
nlohmann::json parse_statement(std::string_view sql);

/// users, posts, comments, tags, post_tags, tag_aliases, public.events, audit.events, three
/// views, and function/aggregate facts (see the .cpp for the exact DDL they stand for).
const catalog_facts& blog_catalog();

}  // namespace soong::gen::testing
