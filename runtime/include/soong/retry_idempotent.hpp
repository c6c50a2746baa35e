#pragma once
// soong::retry_idempotent: the one way to opt in to re-running a statement whose connection broke.

#include "soong/error.hpp"

namespace soong {

/// Runs `fn()`; when it throws connection_error, runs it once more and returns that result (a
/// second connection_error propagates). Every other exception propagates at once.
///
/// soong never retries on its own: a statement in flight when its connection died may or may
/// not have run, so re-sending a write could apply it twice. Wrap only work that is safe to run
/// twice (reads, upserts that converge, deletes by key). `fn` should fetch its connection itself,
/// e.g. soong::default_connection() (which reconnects on the next call) or a new pool lease, so
/// the second run gets a working connection.
template <class Fn>
decltype(auto) retry_idempotent(Fn&& fn) {
  try {
    return fn();
  } catch (const connection_error&) {
    // Fall through: the first attempt's connection is broken; the retry gets a new one.
  }
  return fn();
}

}  // namespace soong
