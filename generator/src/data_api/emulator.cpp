#include "data_api/emulator.hpp"

#include <httplib.h>
#include <openssl/rand.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "data_api/request_signature.hpp"
#include "data_api/service_failure.hpp"
#include "data_api/statement_execution.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"

namespace soong::gen::data_api {

namespace {

using clock = std::chrono::steady_clock;

constexpr std::size_t max_batch_request_bytes = 4 * 1024 * 1024;

/// A transaction the service holds open between calls: its own connection, its last use, and
/// whether a statement is running in it (the service runs one at a time per transaction).
struct open_transaction {
  explicit open_transaction(soong::connection session) : conn(std::move(session)) {}
  soong::connection conn;
  std::mutex busy;
  clock::time_point last_used = clock::now();
};

std::string new_transaction_id() {
  unsigned char bytes[48];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw error("no random bytes for a transaction id");
  static constexpr char digits[] = "0123456789abcdef";
  std::string id;
  for (const unsigned char b : bytes) {
    id += digits[b >> 4];
    id += digits[b & 0x0f];
  }
  return id;
}

/// Sessions run in UTC with ISO dates so the text the answers carry does not depend on the
/// server's settings.
soong::connection open_session(const connection_config& config) {
  soong::connection conn(config);
  (void)run_command(conn.native_handle(),
                    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = "
                    "'postgres'; SET extra_float_digits = 1");
  return conn;
}

}  // namespace

struct emulator::state {
  emulator_options options;
  httplib::Server server;
  int port = 0;

  std::mutex idle_mutex;  // guards idle
  std::vector<soong::connection> idle;

  std::mutex transactions_mutex;  // guards transactions
  std::map<std::string, std::shared_ptr<open_transaction>> transactions;

  std::atomic<std::size_t> resuming_left{0};

  std::mutex reaper_mutex;  // guards stopping, and reaper while serve() starts it
  std::condition_variable reaper_wake;
  bool stopping = false;
  std::thread reaper;
  // From serve()'s start until its accept loop has ended.
  std::atomic<bool> serving{false};

  void log(const std::string& line) const {
    if (options.log) options.log(line);
  }

  // Connections for calls outside a transaction, reused.
  soong::connection take_connection() {
    {
      const std::lock_guard lock(idle_mutex);
      if (!idle.empty()) {
        soong::connection conn = std::move(idle.back());
        idle.pop_back();
        return conn;
      }
    }
    return open_session(options.database);
  }
  void give_back(soong::connection conn) {
    if (PQtransactionStatus(conn.native_handle()) != PQTRANS_IDLE) return;  // drop a broken one
    const std::lock_guard lock(idle_mutex);
    idle.push_back(std::move(conn));
  }

  std::shared_ptr<open_transaction> find_transaction(const std::string& id) {
    const std::lock_guard lock(transactions_mutex);
    const auto found = transactions.find(id);
    if (found == transactions.end()) {
      throw service_failure(404, "TransactionNotFoundException",
                            "Transaction " + id + " is not found");
    }
    return found->second;
  }

  void check_resources(const nlohmann::json& body) const {
    for (const auto& [member, configured] : {std::pair{"resourceArn", options.resource_arn},
                                             std::pair{"secretArn", options.secret_arn}}) {
      if (!body.contains(member) || !body[member].is_string() ||
          body[member].get<std::string>().empty()) {
        throw bad_request(std::string("1 validation error detected: '") + member +
                          "' must not be null");
      }
      if (!configured.empty() && body[member].get<std::string>() != configured) {
        throw bad_request(std::string(member) + " " + body[member].get<std::string>() +
                          " is not the one this endpoint serves");
      }
    }
  }

  bool resuming_now() {
    std::size_t left = resuming_left.load();
    while (left > 0) {
      if (resuming_left.compare_exchange_weak(left, left - 1)) return true;
    }
    return false;
  }

  nlohmann::json execute(const nlohmann::json& body) {
    if (resuming_now()) {
      throw service_failure(
          400, "DatabaseResumingException",
          "The Aurora DB instance is resuming after being auto-paused. Wait a few "
          "seconds and try again.");
    }
    const prepared_call call = prepare_call(body.value("sql", std::string()));
    const nlohmann::json parameters = body.value("parameters", nlohmann::json::array());
    const bool metadata = body.value("includeResultMetadata", false);
    if (const std::string id = body.value("transactionId", std::string()); !id.empty()) {
      const auto transaction = find_transaction(id);
      const std::unique_lock running(transaction->busy, std::try_to_lock);
      if (!running.owns_lock()) throw bad_request("Transaction is still running a query");
      transaction->last_used = clock::now();
      nlohmann::json answer = execute_call(transaction->conn.native_handle(), call, parameters,
                                           metadata, options.statement_timeout);
      transaction->last_used = clock::now();
      return answer;
    }
    soong::connection conn = take_connection();
    nlohmann::json answer =
        execute_call(conn.native_handle(), call, parameters, metadata, options.statement_timeout);
    give_back(std::move(conn));
    return answer;
  }

  nlohmann::json batch_execute(const nlohmann::json& body, std::size_t request_bytes) {
    if (request_bytes > max_batch_request_bytes) {
      throw bad_request("Request size exceeds the 4 MB limit of BatchExecuteStatement");
    }
    if (resuming_now()) {
      throw service_failure(
          400, "DatabaseResumingException",
          "The Aurora DB instance is resuming after being auto-paused. Wait a few "
          "seconds and try again.");
    }
    const prepared_call call = prepare_call(body.value("sql", std::string()));
    const nlohmann::json sets = body.value("parameterSets", nlohmann::json::array());
    if (!sets.is_array()) throw bad_request("parameterSets must be a list of parameter lists");

    const auto run_all = [&](PGconn* conn) {
      nlohmann::json results = nlohmann::json::array();
      for (const nlohmann::json& set : sets) {
        (void)execute_call(conn, call, set, false, options.statement_timeout);
        results.push_back({{"generatedFields", nlohmann::json::array()}});
      }
      return nlohmann::json{{"updateResults", std::move(results)}};
    };
    if (const std::string id = body.value("transactionId", std::string()); !id.empty()) {
      const auto transaction = find_transaction(id);
      const std::unique_lock running(transaction->busy, std::try_to_lock);
      if (!running.owns_lock()) throw bad_request("Transaction is still running a query");
      nlohmann::json answer = run_all(transaction->conn.native_handle());
      transaction->last_used = clock::now();
      return answer;
    }
    // Outside a transaction the batch is applied as a whole or not at all (our reading).
    soong::connection conn = take_connection();
    PGconn* native = conn.native_handle();
    (void)run_command(native, "BEGIN");
    try {
      nlohmann::json answer = run_all(native);
      (void)run_command(native, "COMMIT");
      give_back(std::move(conn));
      return answer;
    } catch (...) {
      (void)PQclear(PQexec(native, "ROLLBACK"));
      give_back(std::move(conn));
      throw;
    }
  }

  nlohmann::json begin() {
    auto transaction = std::make_shared<open_transaction>(open_session(options.database));
    (void)run_command(transaction->conn.native_handle(), "BEGIN");
    const std::string id = new_transaction_id();
    const std::lock_guard lock(transactions_mutex);
    transactions.emplace(id, std::move(transaction));
    return {{"transactionId", id}};
  }

  nlohmann::json finish(const nlohmann::json& body, bool commit) {
    const std::string id = body.value("transactionId", std::string());
    if (id.empty())
      throw bad_request("1 validation error detected: 'transactionId' must not be null");
    const auto transaction = find_transaction(id);
    const std::unique_lock running(transaction->busy, std::try_to_lock);
    if (!running.owns_lock()) throw bad_request("Transaction is still running a query");
    {
      const std::lock_guard lock(transactions_mutex);
      transactions.erase(id);
    }
    PGconn* native = transaction->conn.native_handle();
    if (!commit) {
      (void)run_command(native, "ROLLBACK");
      return {{"transactionStatus", "Rollback Complete"}};
    }
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK.
    if (run_command(native, "COMMIT") != "COMMIT") {
      throw bad_request("Transaction " + id +
                        " was rolled back: a statement in it failed, so it cannot commit");
    }
    return {{"transactionStatus", "Transaction Committed"}};
  }

  /// Ends transactions idle for longer than the limit, as the service does.
  void reap_idle() {
    std::unique_lock lock(reaper_mutex);
    while (!stopping) {
      reaper_wake.wait_for(lock, std::chrono::milliseconds(100));
      std::vector<std::shared_ptr<open_transaction>> expired;
      {
        const std::lock_guard guard(transactions_mutex);
        for (auto it = transactions.begin(); it != transactions.end();) {
          const std::unique_lock running(it->second->busy, std::try_to_lock);
          if (running.owns_lock() &&
              clock::now() - it->second->last_used > options.transaction_idle_timeout) {
            log("transaction " + it->first.substr(0, 8) + "... expired after idling");
            expired.push_back(it->second);
            it = transactions.erase(it);
          } else {
            ++it;
          }
        }
      }
      // Their connections close (rolling back) as the last references go.
    }
  }

  /// The service's error answer: status, x-amzn-ErrorType and {"message"}.
  void respond_failure(httplib::Response& response, const std::string& operation,
                       const service_failure& failure) const {
    response.status = failure.http_status();
    response.set_header("x-amzn-ErrorType", failure.type());
    response.set_content(nlohmann::json{{"message", failure.what()}}.dump(), "application/json");
    log(operation + " " + std::to_string(failure.http_status()) + " " + failure.type());
  }

  void answer(const httplib::Request& request, httplib::Response& response,
              const std::string& operation) {
    try {
      signed_request_view view{request.method, request.path, {}, request.body};
      for (const auto& [name, value] : request.headers) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        view.headers[lower] = value;
      }
      if (const auto refusal =
              check_signature(view, options.keys, "rds-data", std::chrono::system_clock::now())) {
        throw service_failure(403, refusal->type, refusal->message);
      }
      const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
      if (body.is_discarded() || !body.is_object())
        throw bad_request("The request body is not a JSON object");
      check_resources(body);
      nlohmann::json result;
      if (operation == "Execute") result = execute(body);
      if (operation == "BatchExecute") result = batch_execute(body, request.body.size());
      if (operation == "BeginTransaction") result = begin();
      if (operation == "CommitTransaction") result = finish(body, true);
      if (operation == "RollbackTransaction") result = finish(body, false);
      response.status = 200;
      response.set_content(result.dump(), "application/json");
      log(operation + " 200");
    } catch (const service_failure& failure) {
      respond_failure(response, operation, failure);
    } catch (const connection_error& e) {
      respond_failure(response, operation,
                      service_failure(504, "DatabaseUnavailableException", e.what()));
    } catch (const nlohmann::json::exception& e) {
      // A member of the wrong JSON type (e.g. a number where sql's string belongs).
      respond_failure(response, operation, bad_request(e.what()));
    } catch (const std::exception& e) {
      respond_failure(response, operation,
                      service_failure(500, "InternalServerErrorException", e.what()));
    }
  }
};

emulator::emulator(emulator_options options) : state_(std::make_unique<state>()) {
  state_->options = std::move(options);
  state_->resuming_left = state_->options.resuming_first;
  for (const char* operation : {"Execute", "BatchExecute", "BeginTransaction", "CommitTransaction",
                                "RollbackTransaction"}) {
    const std::string name = operation;
    state_->server.Post("/" + name,
                        [this, name](const httplib::Request& request, httplib::Response& response) {
                          state_->answer(request, response, name);
                        });
  }
  state_->server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.status == 404) {
      response.set_header("x-amzn-ErrorType", "UnknownOperationException");
      response.set_content(R"({"message":"Unknown operation"})", "application/json");
    }
  });
}

emulator::~emulator() { stop(); }

int emulator::bind() {
  state_->port =
      state_->options.port == 0
          ? state_->server.bind_to_any_port("127.0.0.1")
          : (state_->server.bind_to_port("127.0.0.1", state_->options.port) ? state_->options.port
                                                                            : -1);
  if (state_->port <= 0) {
    throw error("soong data-api serve: cannot listen on 127.0.0.1:" +
                std::to_string(state_->options.port));
  }
  return state_->port;
}

void emulator::serve() {
  {
    const std::lock_guard lock(state_->reaper_mutex);
    if (state_->stopping) return;  // stopped before it served
    state_->serving = true;
    state_->reaper = std::thread([this] { state_->reap_idle(); });
  }
  state_->server.listen_after_bind();
  state_->serving = false;
}

void emulator::stop() {
  {
    const std::lock_guard lock(state_->reaper_mutex);
    state_->stopping = true;
  }
  // httplib's stop() acts only on a server whose accept loop has begun (the loop marks itself
  // running first thing); a stop() between serve()'s call and that moment would be lost and
  // serve() would accept forever. The wait is the few instructions before the loop.
  while (state_->serving && !state_->server.is_running()) std::this_thread::yield();
  state_->server.stop();
  state_->reaper_wake.notify_all();
  if (state_->reaper.joinable()) state_->reaper.join();
}

}  // namespace soong::gen::data_api
