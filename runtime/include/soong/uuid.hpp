#pragma once
// soong::uuid: PostgreSQL `uuid`, 16 bytes in network order.

#include <array>
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

namespace soong {

/// A UUID as 16 raw bytes (the `uuid` wire format); value type, comparable, hashable.
struct uuid {
  std::array<std::byte, 16> bytes{};

  /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex in either case, hyphens optional,
  /// optional braces); throws soong::error on anything else.
  [[nodiscard]] static uuid parse(std::string_view text);
  /// Lower-case canonical form, as PostgreSQL prints it.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const uuid&, const uuid&) = default;
  friend auto operator<=>(const uuid&, const uuid&) = default;
};

}  // namespace soong

template <>
struct std::hash<soong::uuid> {
  std::size_t operator()(const soong::uuid& u) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(u.bytes.data()), u.bytes.size()));
  }
};
