#include "data_api/field_values.hpp"

#include <openssl/evp.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "soong/error.hpp"

namespace soong::gen::data_api {

namespace {

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) throw error("blobValue is not base64");
  std::string out(3 * text.size() / 4, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) throw error("blobValue is not base64");
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t length = static_cast<std::size_t>(written);
  if (!text.empty() && text.back() == '=') --length;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --length;
  out.resize(length);
  return out;
}

std::string hex_bytea(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out = "\\x";
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += digits[byte >> 4];
    out += digits[byte & 0x0f];
  }
  return out;
}

std::string bytes_of_hex_bytea(std::string_view text) {
  if (text.substr(0, 2) != "\\x") throw error("bytea output is not in hex format");
  std::string out;
  const auto nibble = [](char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  };
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    out += static_cast<char>(nibble(text[i]) * 16 + nibble(text[i + 1]));
  }
  return out;
}

/// The type a typeHint gives a stringValue; varchar without one (the service binds strings as
/// character varying).
oid_t hinted_type(const nlohmann::json& parameter) {
  const auto hint = parameter.find("typeHint");
  if (hint == parameter.end() || hint->is_null()) return oids::varchar;
  const std::string name = hint->is_string() ? hint->get<std::string>() : std::string();
  if (name == "UUID") return oids::uuid;
  if (name == "TIMESTAMP") return oids::timestamp;
  if (name == "DATE") return oids::date;
  if (name == "TIME") return oids::time;
  if (name == "DECIMAL") return oids::numeric;
  if (name == "JSON") return oids::json;
  throw error("1 validation error detected: Value '" + name +
              "' at 'parameters.member.typeHint' failed to satisfy constraint: Member must "
              "satisfy enum value set: [JSON, UUID, TIMESTAMP, DATE, TIME, DECIMAL]");
}

/// Elements of a one-dimensional array's text output; nullopt entries are NULLs.
std::vector<std::optional<std::string>> array_elements(std::string_view text) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
    throw error("UnsupportedResultException: arrays with explicit bounds are not supported");
  }
  std::vector<std::optional<std::string>> elements;
  std::size_t i = 1;
  const std::size_t end = text.size() - 1;
  while (i < end) {
    if (text[i] == '{') throw error("UnsupportedResultException: multidimensional arrays are not supported");
    std::string element;
    bool quoted = false;
    if (text[i] == '"') {
      quoted = true;
      for (++i; i < end && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < end) ++i;
        element += text[i];
      }
      ++i;  // closing quote
    } else {
      for (; i < end && text[i] != ','; ++i) element += text[i];
    }
    if (!quoted && element == "NULL") {
      elements.emplace_back(std::nullopt);
    } else {
      elements.emplace_back(std::move(element));
    }
    if (i < end && text[i] == ',') ++i;
  }
  return elements;
}

nlohmann::json scalar_field(std::string_view text, oid_t type) {
  switch (type) {
    case oids::bool_:
      return {{"booleanValue", text == "t"}};
    case oids::int2:
    case oids::int4:
    case oids::int8:
    case 26:  // oid
      return {{"longValue", std::stoll(std::string(text))}};
    case oids::float4:
    case oids::float8: {
      const double value = std::stod(std::string(text));
      // JSON has no NaN or infinities: the text travels as a string (our reading).
      if (!std::isfinite(value)) return {{"stringValue", std::string(text)}};
      return {{"doubleValue", value}};
    }
    case oids::bytea:
      return {{"blobValue", base64_encode(bytes_of_hex_bytea(text))}};
    case oids::timestamptz: {
      // The session runs in UTC, so the output ends in +00; the service sends UTC without it.
      std::string_view utc = text;
      if (utc.size() > 3 && utc.substr(utc.size() - 3) == "+00") utc.remove_suffix(3);
      return {{"stringValue", std::string(utc)}};
    }
    default:
      return {{"stringValue", std::string(text)}};
  }
}

}  // namespace

bound_parameter bind_parameter(const nlohmann::json& parameter) {
  if (!parameter.is_object() || !parameter.contains("value") || !parameter["value"].is_object()) {
    throw error("each parameter needs a value");
  }
  const nlohmann::json& value = parameter["value"];
  if (value.size() != 1) throw error("a Field sets exactly one of its members");
  const std::string kind = value.begin().key();
  const nlohmann::json& v = value.begin().value();
  if (kind == "isNull") return {std::nullopt, 0};
  if (kind == "booleanValue" && v.is_boolean()) return {v.get<bool>() ? "t" : "f", oids::bool_};
  if (kind == "longValue" && v.is_number_integer()) {
    return {std::to_string(v.get<std::int64_t>()), oids::int8};
  }
  if (kind == "doubleValue" && v.is_number()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", v.get<double>());
    return {std::string(text), oids::float8};
  }
  if (kind == "stringValue" && v.is_string()) return {v.get<std::string>(), hinted_type(parameter)};
  if (kind == "blobValue" && v.is_string()) {
    return {hex_bytea(base64_decode(v.get<std::string>())), oids::bytea};
  }
  if (kind == "arrayValue") throw error("Array parameters are not supported.");
  throw error("the Field member " + std::string(kind) + " does not hold a value of its type");
}

nlohmann::json result_field(const std::optional<std::string_view>& text, oid_t type_oid) {
  if (!text) return {{"isNull", true}};
  const oid_t element = builtin_element_of(type_oid);
  if (element == 0) return scalar_field(*text, type_oid);

  const std::vector<std::optional<std::string>> items = array_elements(*text);
  // arrayValue holds one list named after its elements' Field member; elements the service
  // returns as strings (numeric, uuid, dates, NaN among floats) make it a list of strings.
  std::vector<nlohmann::json> fields;
  bool all_same_kind = true;
  for (const auto& item : items) {
    if (!item) throw error("UnsupportedResultException: an array holding NULL cannot be returned");
    fields.push_back(scalar_field(*item, element));
    all_same_kind = all_same_kind && fields.back().begin().key() == fields.front().begin().key();
  }
  const std::string kind = fields.empty() || !all_same_kind ? "stringValue" : fields.front().begin().key();
  std::string list = "stringValues";
  if (kind == "booleanValue") list = "booleanValues";
  if (kind == "longValue") list = "longValues";
  if (kind == "doubleValue") list = "doubleValues";
  nlohmann::json plain = nlohmann::json::array();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (list == "stringValues" && fields[i].begin().key() != "stringValue") {
      plain.push_back(*items[i]);  // a number among NaNs: its text
    } else {
      plain.push_back(fields[i].begin().value());
    }
  }
  return {{"arrayValue", {{list, plain}}}};
}

}  // namespace soong::gen::data_api
