#include "http/router.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace mosaik::http {

std::string_view to_string(Access access) noexcept {
  switch (access) {
    case Access::undeclared:
      return "undeclared";
    case Access::public_:
      return "public";
    case Access::staff:
      return "staff";
    case Access::city_admin:
      return "city_admin";
    case Access::city_content:
      return "city_content";
    case Access::city_cases:
      return "city_cases";
    case Access::platform_admin:
      return "platform_admin";
  }
  return "undeclared";
}

Result<void> Router::check_access_declared() const {
  for (const auto& r : routes_) {
    auto name = fmt::format("{} {}", to_string(r->method), r->pattern);
    if (r->options.access == Access::undeclared)
      return Error(Errc::internal, name + " declares no access requirement");
    // Case work always belongs to a module (case workers are named for one); content may also
    // be a core route of the city (media).
    if ((r->options.access == Access::city_content && !r->has_city) ||
        (r->options.access == Access::city_cases && (r->options.module.empty() || !r->has_city)))
      return Error(Errc::internal, fmt::format("{} is {} but not a module route under /{{city}}",
                                               name, to_string(r->options.access)));
    if (r->options.access == Access::city_admin && !r->has_city)
      return Error(Errc::internal, name + " is city_admin but has no {city}");
  }
  return {};
}

struct Router::Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::array<Route*, 8> by_method{};
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  if (path.empty()) return segments;
  // One allocation instead of one per doubling (four for a six-segment path).
  segments.reserve(static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) + 1);
  while (true) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::size_t method_index(Method m) {
  return static_cast<std::size_t>(m);
}

}  // namespace

Route& Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::logic_error("route pattern must start with '/': " + pattern);
  if (options.access != Access::public_ && options.access != Access::undeclared)
    options.blocking = true;
  auto route =
      std::make_unique<Route>(Route{method, pattern, std::move(handler), std::move(options)});
  Node* node = root_.get();
  for (auto seg : split(route->pattern)) {
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string name(seg.substr(1, seg.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param->param_name = name;
      } else if (node->param->param_name != name) {
        throw std::logic_error("conflicting parameter names at the same position: " + pattern);
      }
      if (name == "city") route->has_city = true;
      node = node->param.get();
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos)
        throw std::logic_error("a parameter must be a whole segment: " + pattern);
      Node* next = nullptr;
      for (auto& [lit, child] : node->literals)
        if (lit == seg) next = child.get();
      if (!next) {
        node->literals.emplace_back(std::string(seg), std::make_unique<Node>());
        next = node->literals.back().second.get();
      }
      node = next;
    }
  }
  auto& slot = node->by_method[method_index(method)];
  if (slot)
    throw std::logic_error("duplicate route: " + std::string(to_string(method)) + " " + pattern);
  slot = route.get();
  routes_.push_back(std::move(route));
  return *routes_.back();
}

namespace {

using Params = std::vector<std::pair<std::string_view, std::string>>;

template <class NodeT>
const NodeT* walk(const NodeT* node, const std::vector<std::string_view>& segs, std::size_t i,
                  Params& params) {
  if (i == segs.size()) {
    for (auto* r : node->by_method)
      if (r) return node;
    return nullptr;
  }
  if (segs[i].empty()) return nullptr;
  for (const auto& [lit, child] : node->literals)
    if (lit == segs[i])
      if (auto* found = walk(child.get(), segs, i + 1, params)) return found;
  if (node->param) {
    params.emplace_back(node->param->param_name, std::string(segs[i]));
    if (auto* found = walk(node->param.get(), segs, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}

}  // namespace

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch m;
  auto segs = split(path);
  if (path.empty() || path.front() != '/') return m;
  const Node* node = walk(root_.get(), segs, 0, m.params);
  if (!node) {
    m.params.clear();
    return m;
  }
  const Route* route = node->by_method[method_index(method)];
  if (!route && method == Method::head) route = node->by_method[method_index(Method::get)];
  if (route) {
    m.kind = RouteMatch::Kind::found;
    m.route = route;
    return m;
  }
  m.kind = RouteMatch::Kind::method_not_allowed;
  for (Method candidate :
       {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::delete_}) {
    bool has = node->by_method[method_index(candidate)] != nullptr ||
               (candidate == Method::head && node->by_method[method_index(Method::get)] != nullptr);
    if (!has) continue;
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += to_string(candidate);
  }
  m.allow += ", OPTIONS";
  return m;
}

std::string_view RequestContext::param(std::string_view name) const noexcept {
  for (const auto& [k, v] : match.params)
    if (k == name) return v;
  return {};
}

}  // namespace mosaik::http
