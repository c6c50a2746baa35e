#include "http_url.hpp"

#include "soong/error.hpp"

namespace soong::aws {

http_url split_http_url(const std::string& url, std::string_view what) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    throw error(std::string(what) + " is not an http(s) URL");
  }
  http_url parts;
  parts.scheme = url.substr(0, scheme_end);
  const auto authority_start = scheme_end + 3;
  const auto path_start = url.find('/', authority_start);
  parts.authority = url.substr(authority_start, path_start - authority_start);
  parts.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  parts.scheme_host_port = parts.scheme + "://" + parts.authority;
  if (!parts.authority.empty() && parts.authority.front() == '[') {
    parts.host = parts.authority.substr(0, parts.authority.find(']') + 1);
  } else {
    parts.host = parts.authority.substr(0, parts.authority.find(':'));
  }
  if ((parts.scheme != "http" && parts.scheme != "https") || parts.host.empty()) {
    throw error(std::string(what) + " is not an http(s) URL");
  }
  return parts;
}

}  // namespace soong::aws
