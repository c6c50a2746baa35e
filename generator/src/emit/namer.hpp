#pragma once
// All naming policy of the generated code lives here (STYLE.md: protoc's Namer), so the
// emitters never invent a name themselves:
//
//  - C++ names are snake_case: `GetUser` → `get_user`, `HTTPStatus` → `http_status`, `userName`
//    → `user_name`; characters that cannot appear in an identifier become `_`, and a leading
//    digit gets a `_` prefix (`1st` → `_1st`).
//  - C++ keywords, alternative tokens (`and`, `not`) and the names the generated code itself
//    uses at namespace scope (`std`, `soong`, `detail`, ...) get a trailing `_`: `class` →
//    `class_`. Function arguments also avoid the generated functions' own locals (`conn`).
//  - Table and view structs are the singular of the table name, by simple English rules:
//    `-ies` → `-y` (activities → activity), `-sses`/`-xes`/`-ches`/`-shes` drop `-es`
//    (addresses → address, boxes → box), a final `-s` is dropped unless the word ends in
//    `-ss`, `-us` or `-is` (users → user, status stays); anything else stays (data, people).
//  - Types outside the `public` schema are prefixed with their schema: `audit.events` →
//    `audit_event`.
//  - Within one scope, a name already taken gets `_2`, `_3`, ... (name_scope).

#include <set>
#include <string>
#include <string_view>

namespace soong::gen {

/// Pure naming functions (no state).
namespace naming {

/// `GetUser` → `get_user`; never empty ("unnamed" when nothing usable is left).
[[nodiscard]] std::string snake_case(std::string_view name);
/// Whether `name` cannot be used as-is (C++ keyword, alternative token, or a name generated
/// code relies on).
[[nodiscard]] bool is_reserved(std::string_view name);
/// `name` with a trailing `_` when is_reserved(name).
[[nodiscard]] std::string escape_reserved(std::string name);
/// snake_case + escape_reserved: a safe identifier for any SQL or annotation name.
[[nodiscard]] std::string identifier(std::string_view name);
/// The singular of an English plural, by the rules in this header's comment.
[[nodiscard]] std::string singular(std::string_view plural);

}  // namespace naming

/// A set of names in one C++ scope; hands out unique names, deterministically in call order.
class name_scope {
 public:
  /// `base` if free, else `base_2`, `base_3`, ...; the returned name is then taken.
  [[nodiscard]] std::string claim(std::string_view base);
  /// Marks a name as taken without claiming it (e.g. names the generated code uses itself).
  void reserve(std::string_view name) { taken_.emplace(name); }
  [[nodiscard]] bool contains(std::string_view name) const {
    return taken_.find(std::string(name)) != taken_.end();
  }

 private:
  std::set<std::string> taken_;
};

}  // namespace soong::gen
