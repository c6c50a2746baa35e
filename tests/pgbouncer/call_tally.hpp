#pragma once
// Counting generated calls from many threads, shared by the pgbouncer workloads: every call
// counts once, as correct, as an error, or as a wrong value (a result without an error that is
// not what the query must return). Each thread counts into its own tally; the totals are added
// up after the threads end.

#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "value_text.hpp"

namespace pgbouncer_test {

/// How many wrong values and errors a tally keeps as text for the failure message.
inline constexpr std::size_t max_samples = 4;

/// Appends `text` to `samples` unless they hold max_samples already.
void add_sample(std::vector<std::string>& samples, std::string text);

/// The counts of generated calls.
struct call_tally {
  int calls = 0;
  int correct = 0;
  int wrong_values = 0;
  /// Exceptions of generated calls, of any kind (including those counted below).
  int errors = 0;
  /// Exceptions not derived from soong::error.
  int untyped_errors = 0;
  /// soong::error whose message does not name the query it came from.
  int errors_without_query_name = 0;
  /// Connections that could not be opened (their thread made no calls).
  int failed_connections = 0;
  /// Errors counted by "<query> <SQLSTATE, or soong exception class>".
  std::map<std::string, int> errors_by_kind;
  /// The first few wrong values and errors, for the failure message.
  std::vector<std::string> wrong_value_samples;
  std::vector<std::string> error_samples;

  /// Adds the counts of `other` (not its samples: see add_samples_of).
  void add_counts(const call_tally& other);
  /// Adds the samples of `threads` up to max_samples, the first sample of each thread first:
  /// threads often fail differently.
  void add_samples_of(const std::vector<const call_tally*>& threads);
  /// "wrong value: ..." and "error: ..." lines, each starting with a newline.
  [[nodiscard]] std::string samples_text() const;
};

/// What kind of failure `e` is: its SQLSTATE for a server error, else its soong class.
[[nodiscard]] std::string error_kind(const std::exception& e);

/// One thread's generated calls, counted into `tally`.
class tally_caller {
 public:
  tally_caller(int thread_id, call_tally& tally) : thread_id_(thread_id), tally_(tally) {}

  /// Calls `call` (which names `query`, called with `arguments`), expecting `expected`; true
  /// when it returned exactly that.
  template <class Call, class Expected>
  bool check(std::string_view query, const std::string& arguments, Call&& call,
             const Expected& expected) {
    ++tally_.calls;
    try {
      const auto actual = call();
      if (actual == expected) {
        ++tally_.correct;
        return true;
      }
      ++tally_.wrong_values;
      sample(tally_.wrong_value_samples, std::string(query) + "(" + arguments + ") returned " +
                                             describe(actual) + ", expected " + describe(expected));
    } catch (const std::exception& e) {
      count_error(query, e);
    }
    return false;
  }

  /// Runs the :exec or :batchexec `call` (which names `query`); true when it returned normally.
  template <class Call>
  bool run(std::string_view query, Call&& call) {
    ++tally_.calls;
    try {
      call();
      ++tally_.correct;
      return true;
    } catch (const std::exception& e) {
      count_error(query, e);
    }
    return false;
  }

  /// A connection this thread could not open.
  void failed_connection(const std::exception& e);

  /// Adds `text`, marked with the thread, to `samples`.
  void sample(std::vector<std::string>& samples, std::string text) const;

 private:
  void count_error(std::string_view query, const std::exception& e);

  int thread_id_;
  call_tally& tally_;
};

}  // namespace pgbouncer_test
