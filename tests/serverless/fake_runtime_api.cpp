#include "fake_runtime_api.hpp"

#include <stdexcept>
#include <utility>

#include "background_http_server.hpp"

namespace soong::test {

fake_runtime_api::fake_runtime_api() {
  server_.Get("/2018-06-01/runtime/invocation/next",
              [this](const httplib::Request&, httplib::Response& res) {
                std::unique_lock lock(mutex_);
                // Long-poll like the real API, but never forever: a test that goes wrong ends.
                changed_.wait_for(lock, std::chrono::seconds(30),
                                  [this] { return closed_ || !events_.empty(); });
                if (events_.empty()) {
                  res.status = 500;
                  return;
                }
                auto [request_id, payload, time_left] = std::move(events_.front());
                events_.pop_front();
                handed_out_[request_id] = std::chrono::steady_clock::now();
                // Milliseconds since the Unix epoch, as the real API sends it.
                const auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
                    (std::chrono::system_clock::now() + time_left).time_since_epoch());
                res.set_header("Lambda-Runtime-Aws-Request-Id", request_id);
                res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(deadline.count()));
                res.set_header("Lambda-Runtime-Invoked-Function-Arn",
                               "arn:aws:lambda:us-east-1:123456789012:function:cruddur");
                res.set_content(payload, "application/json");
              });
  server_.Post(R"(/2018-06-01/runtime/invocation/([^/]+)/(response|error))",
               [this](const httplib::Request& req, httplib::Response& res) {
                 {
                   const std::lock_guard lock(mutex_);
                   const std::string request_id = req.matches[1];
                   const auto handed_out = handed_out_.find(request_id);
                   answers_[request_id] = {
                       req.matches[2], req.body,
                       req.get_header_value("Lambda-Runtime-Function-Error-Type"),
                       handed_out != handed_out_.end()
                           ? std::chrono::steady_clock::now() - handed_out->second
                           : std::chrono::steady_clock::duration::max()};
                 }
                 changed_.notify_all();
                 res.status = 202;  // what the real API answers
                 res.set_content(R"({"status":"OK"})", "application/json");
               });
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake_runtime_api: cannot bind a loopback port");
  thread_ = soong::testing::serve_in_background(server_);
}

fake_runtime_api::~fake_runtime_api() {
  stop_handing_out_events();
  server_.stop();
  thread_.join();
}

std::string fake_runtime_api::address() const { return "127.0.0.1:" + std::to_string(port_); }

void fake_runtime_api::invoke(const std::string& request_id, const std::string& payload,
                              std::chrono::milliseconds time_left) {
  {
    const std::lock_guard lock(mutex_);
    events_.push_back({request_id, payload, time_left});
  }
  changed_.notify_all();
}

std::optional<posted_answer> fake_runtime_api::wait_for_answer(const std::string& request_id,
                                                               std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_for(lock, timeout, [&] { return answers_.count(request_id) != 0; })) {
    return std::nullopt;
  }
  return answers_.at(request_id);
}

void fake_runtime_api::stop_handing_out_events() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

}  // namespace soong::test
