#pragma once
// "Did you mean ...?" suggestions for misspelt words.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen {

/// Levenshtein distance (insertions, deletions, substitutions) between `a` and `b`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo (at most half
/// of the longer word's letters differ, and at most 3 edits). Ties go to the earlier candidate.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);

}  // namespace soong::gen
