#pragma once
// Durations on the command line (`--idle-for 10m`, `--timeout 30s`).

#include <chrono>
#include <string_view>

namespace soong::gen::lifecycle {

/// Parses `500ms`, `30s`, `10m`, `2h`, `1d` and sums such as `1h30m`; a bare number is
/// seconds. Throws soong::error naming the text when it is not a duration.
[[nodiscard]] std::chrono::milliseconds parse_duration(std::string_view text);

}  // namespace soong::gen::lifecycle
