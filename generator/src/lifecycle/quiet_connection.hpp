#pragma once
// The connections `soong db` opens: the server's NOTICEs (`drop cascades to table ...`,
// `schema "soong" already exists, skipping`) are not printed, since the commands report each
// action in one line of their own.

#include "lifecycle/database_target.hpp"
#include "soong/connection.hpp"

namespace soong::gen::lifecycle {

/// Connects to `target`; throws soong::connection_error (never quoting a secret).
[[nodiscard]] connection connect_quietly(const database_target& target);

}  // namespace soong::gen::lifecycle
