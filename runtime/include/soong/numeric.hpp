#pragma once
// soong::numeric: PostgreSQL `numeric`, exact, kept as decimal text.

#include <cstdint>
#include <string>
#include <string_view>

namespace soong {

/// An exact decimal held as text (`"-12.50"`, `"NaN"`, `"Infinity"`, `"-Infinity"`). soong
/// does no arithmetic on it: convert with your decimal library of choice. Values read from the
/// server are in PostgreSQL's canonical rendering (scale kept: `1.50` stays `1.50`).
class numeric {
 public:
  /// Zero.
  numeric() = default;
  /// Validates `text` (optional sign, digits, optional fraction, optional exponent, or
  /// NaN/Infinity/-Infinity in any case); throws soong::error when it is not a number.
  explicit numeric(std::string_view text);
  /// An integer value.
  explicit numeric(std::int64_t value);

  /// The decimal text.
  [[nodiscard]] const std::string& str() const noexcept { return text_; }
  [[nodiscard]] bool is_nan() const noexcept;
  [[nodiscard]] bool is_infinite() const noexcept;

  /// Textual equality: `1.5` and `1.50` differ (as their scale differs).
  friend bool operator==(const numeric&, const numeric&) = default;

 private:
  std::string text_ = "0";
};

}  // namespace soong
