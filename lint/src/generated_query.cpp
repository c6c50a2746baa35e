#include "generated_query.hpp"

#include <clang/AST/RawCommentList.h>

#include <regex>

#include "clang_position.hpp"

namespace soong::lint {

std::optional<query_origin> parse_query_reference(std::string_view comment) {
  // Doc comments wrap at 100 columns, so the reference may be split over `///` lines.
  std::string flat;
  for (std::size_t i = 0; i < comment.size(); ++i) {
    if (comment.substr(i).starts_with("///")) {
      flat += ' ';
      i += 2;
    } else if (comment[i] == '\n' || comment[i] == '\r' || comment[i] == '\t') {
      flat += ' ';
    } else {
      flat += comment[i];
    }
  }
  static const std::regex reference(
      R"(`([A-Za-z_][A-Za-z0-9_]*) :([a-z]+)`,\s+(\S+\.sql):([0-9]+))");
  std::smatch match;
  if (!std::regex_search(flat, match, reference)) return std::nullopt;
  return query_origin{match[1].str(), match[2].str(), match[3].str(),
                      static_cast<unsigned>(std::stoul(match[4].str()))};
}

std::optional<query_origin> generated_query_of(const clang::FunctionDecl& fn,
                                               const clang::ASTContext& context) {
  // A call to the row-callback overload names a specialisation; its comment is on the template.
  const clang::FunctionDecl* pattern = fn.getTemplateInstantiationPattern();
  const clang::FunctionDecl& declared = pattern != nullptr ? *pattern : fn;
  const clang::SourceManager& sm = context.getSourceManager();
  for (const clang::FunctionDecl* redecl : declared.redecls()) {
    const clang::PresumedLoc where = sm.getPresumedLoc(sm.getFileLoc(redecl->getLocation()));
    if (where.isInvalid() || !std::string_view(where.getFilename()).ends_with(".sql.hpp")) {
      continue;
    }
    const clang::RawComment* comment = context.getRawCommentForDeclNoCache(redecl);
    if (comment == nullptr) continue;
    if (auto origin = parse_query_reference(comment->getRawText(sm).str())) return origin;
  }
  return std::nullopt;
}

}  // namespace soong::lint
