#pragma once
// What `soong db` prints: one line per action, as text for people or (`--format json`) as one
// JSON object per line for machines. Never given a secret: callers pass redacted settings.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

namespace soong::gen::lifecycle {

enum class output_format { text, json };

class action_output {
 public:
  action_output(std::ostream& out, output_format format) : out_(out), format_(format) {}

  /// One action: `text` for people; in JSON `{"action": ..., "database": ..., "message":
  /// text, ...fields}`.
  void line(std::string_view action, std::string_view database, const std::string& text,
            const nlohmann::json& fields = nlohmann::json::object());

  [[nodiscard]] output_format format() const { return format_; }

 private:
  std::ostream& out_;
  output_format format_;
};

}  // namespace soong::gen::lifecycle
