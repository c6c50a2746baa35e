// Data API error reports to soong exceptions, and the DatabaseErrorException message format.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "soong/data_api/service_error.hpp"

// detail::throw_sql_error: the runtime's one mapping from SQLSTATE to exception class.
#include "connection_state.hpp"

namespace soong::data_api {

namespace {

constexpr std::string_view sqlstate_marker = "; SQLState: ";
constexpr std::string_view error_prefix = "ERROR: ";

/// The JDBC layout puts each field on its own line, indented by two spaces.
struct labelled_field {
  std::string_view label;
  std::string sql_error_fields::*member;
};
constexpr labelled_field text_fields[] = {
    {"\n  Detail: ", &sql_error_fields::detail},
    {"\n  Hint: ", &sql_error_fields::hint},
};
constexpr std::string_view position_label = "\n  Position: ";

bool is_sqlstate(std::string_view text) {
  if (text.size() != 5) return false;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string error_type_name(std::string_view header) {
  if (const auto hash = header.find('#'); hash != std::string_view::npos) {
    header.remove_prefix(hash + 1);
  }
  header = header.substr(0, header.find_first_of(":,"));
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  return std::string(header);
}

std::optional<sql_error_fields> parse_database_error(std::string_view message) {
  const auto marker = message.rfind(sqlstate_marker);
  if (marker == std::string_view::npos) return std::nullopt;
  const std::string_view state = message.substr(marker + sqlstate_marker.size());
  if (!is_sqlstate(state)) return std::nullopt;

  sql_error_fields fields;
  fields.sqlstate = std::string(state);
  std::string_view body = message.substr(0, marker);
  if (body.substr(0, error_prefix.size()) == error_prefix) body.remove_prefix(error_prefix.size());

  // The primary message runs to the first labelled line; each field to the next one.
  std::size_t primary_end = body.size();
  const auto field_end = [&](std::size_t start) {
    const auto next = body.find("\n  ", start);
    return next == std::string_view::npos ? body.size() : next;
  };
  for (const labelled_field& f : text_fields) {
    if (const auto at = body.find(f.label); at != std::string_view::npos) {
      primary_end = std::min(primary_end, at);
      const std::size_t start = at + f.label.size();
      fields.*f.member = std::string(body.substr(start, field_end(start) - start));
    }
  }
  if (const auto at = body.find(position_label); at != std::string_view::npos) {
    primary_end = std::min(primary_end, at);
    const std::size_t start = at + position_label.size();
    const std::string_view digits = body.substr(start, field_end(start) - start);
    int position = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), position);
    if (ec == std::errc{} && end == digits.data() + digits.size()) fields.position = position;
  }
  if (const auto other = body.find("\n  "); other != std::string_view::npos) {
    primary_end = std::min(primary_end, other);
  }
  fields.message = std::string(body.substr(0, primary_end));
  return fields;
}

std::string format_database_error(const sql_error_fields& fields) {
  std::string text(error_prefix);
  text += fields.message;
  for (const labelled_field& f : text_fields) {
    if (!(fields.*f.member).empty()) {
      text += f.label;
      text += fields.*f.member;
    }
  }
  if (fields.position) {
    text += position_label;
    text += std::to_string(*fields.position);
  }
  text += sqlstate_marker;
  text += fields.sqlstate;
  return text;
}

service_error::service_error(std::string_view query_name, service_error_report report)
    : error(std::string(query_name) + ": Data API " + report.type + " (HTTP " +
            std::to_string(report.http_status) + "): " + report.message),
      report_(std::move(report)) {}

bool cancelled_before_running(const service_error_report& report) {
  return report.type == "DatabaseResumingException";
}

bool outcome_unknown(const service_error_report& report) {
  return report.type == "StatementTimeoutException" || report.http_status >= 500;
}

void throw_service_error(std::string_view query_name, const service_error_report& report) {
  const std::string name(query_name);
  if (report.type == "DatabaseErrorException") {
    if (auto fields = parse_database_error(report.message)) {
      detail::throw_sql_error(name, std::move(*fields), std::nullopt);
    }
  }
  if (report.type == "StatementTimeoutException") {
    sql_error_fields fields;
    fields.sqlstate = "57014";
    fields.message =
        "the Data API ended the statement at its timeout (it may have run): " + report.message;
    throw query_canceled(name, std::move(fields));
  }
  if (report.type == "TransactionNotFoundException") {
    throw transaction_aborted(name +
                              ": the Data API no longer knows the transaction (it ends one "
                              "that was idle for 3 minutes, and after a failed statement): " +
                              report.message);
  }
  if (cancelled_before_running(report) || report.type == "DatabaseUnavailableException" ||
      report.http_status >= 500) {
    throw connection_error(name + ": Data API " + report.type + " (HTTP " +
                           std::to_string(report.http_status) + "): " + report.message);
  }
  throw service_error(query_name, report);
}

}  // namespace soong::data_api
