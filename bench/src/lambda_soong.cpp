// lambda_soong: the Lambda-shaped invocation of the Cruddur post-confirmation trigger and the
// home feed, as the examples/lambda bootstrap runs them, with stdin standing in for the
// Runtime API: each line read is one invocation's Cognito event; the answer is one JSON line
//   {"confirmed": <event>, "feed": <API Gateway proxy response of the home feed>}
// on stdout. Configuration comes from the environment only (PG_HOST, PG_PORT, PG_DBNAME,
// PG_USER, PGSSLMODE), read on first use by soong::default_connection(), which warm
// invocations reuse (and check after an idle second), as in the bootstrap.
//
// After each answer a line "cpu <user µs> <system µs>" (getrusage of this process, cumulative)
// goes to stderr so the benchmark can tell a warm invocation's CPU from the process's.

#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cruddur/lambda_functions.hpp"

namespace {

long long micros(const timeval& t) { return t.tv_sec * 1'000'000LL + t.tv_usec; }

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const nlohmann::json event = nlohmann::json::parse(line);
    nlohmann::json answer = {{"confirmed", cruddur::lambda::post_confirmation(event)},
                             {"feed", cruddur::lambda::home_activities(nlohmann::json::object())}};
    std::cout << answer.dump() << std::endl;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::fprintf(stderr, "cpu %lld %lld\n", micros(usage.ru_utime), micros(usage.ru_stime));
  }
  return 0;
}
