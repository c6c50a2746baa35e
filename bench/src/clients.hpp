#pragma once
// The C++ benchmark clients. Each runs one variant of one workload (names below), timing only
// the workload itself (connecting, preparing by one warm-up call, emptying `sink` and checksum
// read-backs are outside the measured region), and throws for a variant it does not have.
//
// Variants: w1 (point select; TCP or Unix socket is the conninfo's business), w2_vector,
// w2_stream, w3_exec, w3_batch, w3_copy, w4_server_json, w4_client_json, w4_direct_json.

#include <stdexcept>
#include <string>
#include <string_view>

#include "bench_common.hpp"

namespace soong::bench {

/// Thrown for a client/variant pair that is not implemented; bench_client exits with 3 and the
/// report shows "n/a".
class unsupported_variant : public std::runtime_error {
 public:
  unsupported_variant(std::string_view client, std::string_view variant)
      : std::runtime_error(std::string(client) + " has no variant " + std::string(variant)) {}
};

[[nodiscard]] run_result run_soong(std::string_view variant, const run_options& options);
[[nodiscard]] run_result run_libpq_binary(std::string_view variant, const run_options& options);
[[nodiscard]] run_result run_libpq_text(std::string_view variant, const run_options& options);
[[nodiscard]] run_result run_libpqxx(std::string_view variant, const run_options& options);

}  // namespace soong::bench
