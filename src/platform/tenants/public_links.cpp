#include "platform/tenants/public_links.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "platform/tenants/city.hpp"

namespace mosaik::tenants {

PublicLinks::PublicLinks(std::string public_url)
    : origin_(std::move(public_url)), configured_(!origin_.empty()) {
  if (origin_.starts_with("https://")) scheme_ = "https";
}

void PublicLinks::use_listen_address(std::string_view host, std::uint16_t port) {
  if (configured_) return;
  std::string name(host);
  if (name.empty() || name == "0.0.0.0" || name == "::" || name == "[::]")
    name = "localhost";
  else if (name.find(':') != std::string::npos && !name.starts_with('['))
    name = "[" + name + "]";
  origin_ = fmt::format("http://{}:{}", name, port);
}

std::string PublicLinks::origin_for(const City* city, std::string_view host) const {
  if (city && !host.empty() &&
      std::find(city->domains.begin(), city->domains.end(), host) != city->domains.end())
    return fmt::format("{}://{}", scheme_, host);
  return origin_;
}

std::string PublicLinks::origin(const http::RequestContext& ctx) const {
  if (!ctx.city || ctx.city->domains.empty()) return origin_;
  return origin_for(ctx.city.get(), http::request_host_name(ctx.request));
}

std::string PublicLinks::api_prefix(const http::RequestContext& ctx) const {
  auto o = origin(ctx);
  if (configured_ || o != origin_) return o;
  return {};
}

}  // namespace mosaik::tenants
