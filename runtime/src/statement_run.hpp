#pragma once
// Private: the steps of running a generated statement that soong::execute (one result) and
// soong::stream_rows (single-row mode) share.

#include <libpq-fe.h>

#include <chrono>
#include <string_view>

#include "connection_state.hpp"
#include "soong/execute.hpp"

namespace soong::detail {

/// Reports one finished statement to the connection's hook (call only when one is installed).
void report_to_hook(connection_state& s, std::string_view name, std::string_view sql,
                    const oid_t* types, const param_slots& params,
                    std::chrono::steady_clock::duration duration, bool succeeded);

/// After the first attempt of `p` failed with `failed`, before any row was delivered: the
/// statement to send once more (unnamed when the name went astray on a pooler, else prepared
/// again after the server lost it), having cleared `failed`; or nullptr when the failure is the
/// statement's own (`failed` is then still the caller's).
[[nodiscard]] const prepared_statement* rerun_after_failure(connection& conn, const statement& stmt,
                                                            const prepared_statement& p,
                                                            PGresult* failed);

}  // namespace soong::detail
