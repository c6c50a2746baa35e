#pragma once
// What generated query functions need for their soong::cluster overloads, without the cluster
// itself (soong/cluster.hpp, with its pools): the route a statement takes and the concept the
// cluster and its handles satisfy. The overloads are templates, instantiated only by a program
// that includes soong/cluster.hpp and passes a cluster.

#include <concepts>
#include <type_traits>

namespace soong {

/// Where a generated function wants to run: `replica` for a statement the generator classified
/// as read-only, `primary` for one that writes (or a `-- soong:route primary` line).
enum class route { primary, replica };

namespace detail {
template <class T>
concept cluster_handle = requires {
  { T::can_write } -> std::convertible_to<bool>;
};
}  // namespace detail

/// What generated functions accept besides soong::connection: the cluster and its handles.
template <class T>
concept cluster_target = detail::cluster_handle<std::remove_cvref_t<T>>;

/// Whether a handle may run writing statements (false for snapshots and at_least reads).
template <class T>
inline constexpr bool can_write = std::remove_cvref_t<T>::can_write;

}  // namespace soong
