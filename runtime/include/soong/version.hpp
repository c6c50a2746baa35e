#pragma once
// The runtime's version, and the ABI number generated code checks at compile time.

/// Semantic version of soong::runtime.
#define SOONG_VERSION_MAJOR 0
#define SOONG_VERSION_MINOR 1
#define SOONG_VERSION_PATCH 0

/// Bumped whenever the contract with generated code changes (descriptor layout, codec traits,
/// execute/result signatures). Generated headers `static_assert(SOONG_RUNTIME_ABI == N)` so a
/// stale generator output fails to compile instead of misbehaving.
#define SOONG_RUNTIME_ABI 1
