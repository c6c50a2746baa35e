// bench_client --client <soong|libpq_binary|libpq_text|libpqxx> --variant <v> --conninfo <c>
//              [--users N] [--w1-calls N] [--w3-rows N]
// Prints one JSON line: {"wall_s":..,"cpu_s":..,"items":..,"checksum":".."}.
// Exit 3: the client has no such variant; 1: the run failed (message on stderr).

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "clients.hpp"

namespace {

int usage() {
  std::cerr << "usage: bench_client --client <name> --variant <v> --conninfo <c> [--users N] "
               "[--w1-calls N] [--w3-rows N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace soong::bench;
  run_options options;
  std::string client;
  std::string variant;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--client") {
      client = value;
    } else if (flag == "--variant") {
      variant = value;
    } else if (flag == "--conninfo") {
      options.conninfo = value;
    } else if (flag == "--users") {
      options.users = std::stoll(value);
    } else if (flag == "--w1-calls") {
      options.w1_calls = std::stoi(value);
    } else if (flag == "--w3-rows") {
      options.w3_rows = std::stoi(value);
    } else {
      return usage();
    }
  }
  if (client.empty() || variant.empty() || options.conninfo.empty()) return usage();
  try {
    run_result result;
    if (client == "soong") {
      result = run_soong(variant, options);
    } else if (client == "libpq_binary") {
      result = run_libpq_binary(variant, options);
    } else if (client == "libpq_text") {
      result = run_libpq_text(variant, options);
    } else if (client == "libpqxx") {
#ifdef SOONG_BENCH_HAVE_PQXX
      result = run_libpqxx(variant, options);
#else
      throw unsupported_variant(client, variant);
#endif
    } else {
      return usage();
    }
    std::printf("{\"wall_s\":%.9f,\"cpu_s\":%.9f,\"items\":%lld,\"checksum\":\"%llu\"}\n",
                result.wall_s, result.cpu_s, static_cast<long long>(result.items),
                static_cast<unsigned long long>(result.checksum));
    return 0;
  } catch (const unsupported_variant& e) {
    std::cerr << e.what() << '\n';
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "bench_client " << client << " " << variant << ": " << e.what() << '\n';
    return 1;
  }
}
