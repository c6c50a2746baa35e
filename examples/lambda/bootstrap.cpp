// The Cruddur Cognito post-confirmation trigger as a Lambda custom runtime (`provided.al2023`):
// Lambda runs this program as `bootstrap`; it polls the Runtime API and answers each event with
// cruddur::lambda::post_confirmation over soong::default_connection().
//
// All configuration comes from the environment: AWS_LAMBDA_RUNTIME_API (set by Lambda), and the
// database settings read by soong::connection_config::from_environment() on first use
// (PG_HOST / PG_PORT / PG_DBNAME / PG_USER, or DATABASE_URL). With no password set, running on
// Lambda (AWS_LAMBDA_FUNCTION_NAME) turns RDS IAM authentication on, with the region and
// credentials Lambda provides, and TLS (sslmode=require unless PGSSLMODE says otherwise).

#include <cstdlib>
#include <iostream>

#include "cruddur/lambda_functions.hpp"
#include "event_loop.hpp"
#include "runtime_api.hpp"

int main() {
  const char* runtime_api_address = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (runtime_api_address == nullptr || *runtime_api_address == '\0') {
    std::cerr << "bootstrap: AWS_LAMBDA_RUNTIME_API is not set (this program runs inside AWS "
                 "Lambda, or against a local Runtime API emulator)\n";
    return 2;
  }
  cruddur::lambda_runtime::runtime_api api(runtime_api_address);
  // No connection is made here: the first invocation makes it (a cold start that never gets an
  // event costs no database connection), and later ones reuse and re-check it.
  return cruddur::lambda_runtime::serve(api, cruddur::lambda::post_confirmation);
}
