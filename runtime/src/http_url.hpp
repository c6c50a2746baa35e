#pragma once
// Private: the parts of an http(s) URL that soong's AWS clients need.

#include <string>
#include <string_view>

namespace soong::aws {

struct http_url {
  std::string scheme;            ///< "http" or "https"
  std::string authority;         ///< host[:port], as sent in the Host header
  std::string host;              ///< without the port; an IPv6 literal keeps its brackets
  std::string scheme_host_port;  ///< what httplib::Client takes
  std::string path;              ///< with the query, "/" when absent
};

/// Splits `url`; throws soong::error "<what> is not an http(s) URL" otherwise.
[[nodiscard]] http_url split_http_url(const std::string& url, std::string_view what);

}  // namespace soong::aws
