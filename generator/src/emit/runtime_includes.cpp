#include "emit/runtime_includes.hpp"

#include <string_view>
#include <utility>

namespace soong::gen {
namespace {

// A runtime type as it appears in a mapped C++ type, and the header declaring it.
constexpr std::pair<std::string_view, std::string_view> type_headers[] = {
    {"soong::date", "soong/chrono_types.hpp"},
    {"soong::time_of_day", "soong/chrono_types.hpp"},
    {"soong::local_timestamp", "soong/chrono_types.hpp"},
    {"soong::timestamptz", "soong/chrono_types.hpp"},
    {"soong::interval", "soong/chrono_types.hpp"},
    {"soong::numeric", "soong/numeric.hpp"},
    {"soong::uuid", "soong/uuid.hpp"},
    {"nlohmann::json", "soong/codec_json.hpp"},
    {"soong::array_param", "soong/array_param.hpp"},
    {"soong::optional_array", "soong/array_param.hpp"},  // and optional_array_param
};

}  // namespace

void add_type_headers(runtime_headers& headers, const std::vector<field_model>& fields) {
  for (const field_model& f : fields) {
    for (const auto& [type, header] : type_headers) {
      if (f.type.find(type) != std::string::npos) headers.emplace(header);
    }
  }
}

void write_common_includes(code_writer& w, const runtime_headers& headers) {
  for (std::string_view header : {"concepts", "cstddef", "cstdint", "optional", "span", "string",
                                  "string_view", "tuple", "utility", "vector"}) {
    w.linef("#include <{}>", header);
  }
  w.blank();
  for (const std::string& header : headers) w.linef("#include <{}>", header);
}

}  // namespace soong::gen
