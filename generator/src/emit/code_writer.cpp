#include "emit/code_writer.hpp"

#include <stdexcept>

namespace soong::gen {

void code_writer::line(std::string_view text) {
  if (!text.empty()) out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  out_.append(text);
  out_.push_back('\n');
}

void code_writer::blank() {
  if (out_.empty() || out_.ends_with("\n\n") || out_.ends_with("{\n")) return;
  out_.push_back('\n');
}

void code_writer::raw(std::string_view text) { out_.append(text); }

void code_writer::lines(std::string_view text) {
  while (!text.empty()) {
    const auto end = text.find('\n');
    line(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

void code_writer::dedent() {
  // An unbalanced dedent is a bug in an emitter, not a user error.
  if (depth_ == 0) throw std::logic_error("code_writer: dedent below zero");
  --depth_;
}

std::string code_writer::take() {
  depth_ = 0;
  return std::exchange(out_, {});
}

}  // namespace soong::gen
