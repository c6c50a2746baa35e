#pragma once
// The overloads of a query's functions that take a soong::cluster or one of its handles
// (soong/cluster.hpp) instead of a connection: templates in the header that hand the
// connection overload to the cluster, with the route the generator chose (docs/replicas.md).

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Writes the cluster overload of the query's main function and of its `_json` variant. For a
/// statement that writes, each carries a static_assert naming the query, so passing a
/// read-only handle (a snapshot, `at_least` reads) does not compile.
void write_cluster_overloads(code_writer& w, const query_model& q);

}  // namespace soong::gen
