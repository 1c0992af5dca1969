#include "heed/serve/http.h"

namespace heed::serve {

std::string Request::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

void Router::add(const std::string& method, const std::string& path, Handler handler, bool quick) {
  routes_[{path, method}] = {std::move(handler), quick};
}

void Router::add_prefix(const std::string& method, const std::string& prefix, Handler handler, bool quick) {
  prefixes_.push_back({{prefix, method}, {std::move(handler), quick}});
}

const Router::Route* Router::find(const Request& request, int& status) const {
  const auto it = routes_.find({request.path, request.method});
  if (it != routes_.end()) return &it->second;
  bool other_method = false;
  for (const auto& [key, route] : prefixes_)
    if (request.path.rfind(key.first, 0) == 0) {
      if (key.second == request.method) return &route;
      other_method = true;
    }
  if (other_method) {
    status = 405;
    return nullptr;
  }
  // Another method at the same path: 405.
  const auto at = routes_.lower_bound({request.path, ""});
  status = at != routes_.end() && at->first.first == request.path ? 405 : 404;
  return nullptr;
}

}  // namespace heed::serve
