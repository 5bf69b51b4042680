// tenants::PublicLinks: the origin of absolute links comes from configuration (server.public_url,
// a city's own domains, or the listen address) and never from a request's Host.
#include "platform/tenants/public_links.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "http/message.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::tenants {
namespace {

struct Asked {
  http::Request request;
  http::RequestContext ctx{request};
  Asked(std::shared_ptr<const City> city, std::string_view host) {
    if (!host.empty()) request.headers.emplace_back("Host", host);
    ctx.city = std::move(city);
  }
};

std::shared_ptr<const City> city_with_domains(std::vector<std::string> domains) {
  auto city = std::make_shared<City>();
  city->slug = "dortmund";
  city->domains = std::move(domains);
  return city;
}

TEST(PublicLinks, TheConfiguredUrlWinsOverAnyHost) {
  PublicLinks links("https://app.stadt.example");
  EXPECT_TRUE(links.configured());
  links.use_listen_address("127.0.0.1", 8080);  // no effect once configured
  auto city = city_with_domains({});
  for (std::string_view host : {"evil.example", "app.stadt.example:444", "", "a b\"<>"}) {
    Asked asked(city, host);
    EXPECT_EQ(links.origin(asked.ctx), "https://app.stadt.example") << host;
    EXPECT_EQ(links.api_prefix(asked.ctx), "https://app.stadt.example") << host;
  }
  Asked asked(nullptr, "evil.example");  // no city (e.g. /open311/v2)
  EXPECT_EQ(links.origin(asked.ctx), "https://app.stadt.example");
  EXPECT_EQ(links.origin(), "https://app.stadt.example");
  EXPECT_EQ(links.api_prefix(), "https://app.stadt.example");
}

TEST(PublicLinks, ACityDomainGetsLinksOnItselfWithoutTheRequestsPort) {
  PublicLinks links("https://app.stadt.example");
  auto city = city_with_domains({"app.dortmund.example", "dortmund.example"});
  for (std::string_view host : {"app.dortmund.example", "APP.Dortmund.example",
                                "app.dortmund.example.", "app.dortmund.example:8443"}) {
    Asked asked(city, host);
    EXPECT_EQ(links.origin(asked.ctx), "https://app.dortmund.example") << host;
    EXPECT_EQ(links.api_prefix(asked.ctx), "https://app.dortmund.example") << host;
  }
  Asked other(city, "dortmund.example");
  EXPECT_EQ(links.origin(other.ctx), "https://dortmund.example");
  // A name that merely contains or extends a domain is foreign.
  for (std::string_view host : {"x.app.dortmund.example", "app.dortmund.example.evil", "evil"}) {
    Asked asked(city, host);
    EXPECT_EQ(links.origin(asked.ctx), "https://app.stadt.example") << host;
  }
  // Another city's domain is no link origin for this city.
  Asked elsewhere(city_with_domains({"app.schwerte.example"}), "app.dortmund.example");
  EXPECT_EQ(links.origin(elsewhere.ctx), "https://app.stadt.example");
  EXPECT_EQ(links.origin_for(city.get(), "dortmund.example"), "https://dortmund.example");
  EXPECT_EQ(links.origin_for(nullptr, "dortmund.example"), "https://app.stadt.example");
}

TEST(PublicLinks, WithoutPublicUrlTheListenAddressIsTheOrigin) {
  PublicLinks links("");
  EXPECT_FALSE(links.configured());
  links.use_listen_address("127.0.0.1", 8080);
  auto city = city_with_domains({"app.dortmund.example"});
  Asked forged(city, "evil.example:80");
  EXPECT_EQ(links.origin(forged.ctx), "http://127.0.0.1:8080");
  // JSON links stay root-relative, unless the request came through the city's domain.
  EXPECT_EQ(links.api_prefix(forged.ctx), "");
  EXPECT_EQ(links.api_prefix(), "");
  Asked on_domain(city, "app.dortmund.example");
  EXPECT_EQ(links.origin(on_domain.ctx), "http://app.dortmund.example");
  EXPECT_EQ(links.api_prefix(on_domain.ctx), "http://app.dortmund.example");

  PublicLinks any("");
  any.use_listen_address("0.0.0.0", 80);
  EXPECT_EQ(any.origin(), "http://localhost:80");
  PublicLinks v6("");
  v6.use_listen_address("::1", 8080);
  EXPECT_EQ(v6.origin(), "http://[::1]:8080");
  PublicLinks v6_any("");
  v6_any.use_listen_address("::", 8080);
  EXPECT_EQ(v6_any.origin(), "http://localhost:8080");
}

TEST(RequestHostName, LowerCaseWithoutPortOrTrailingDot) {
  http::Request request;
  EXPECT_EQ(http::request_host_name(request), "");
  request.headers.emplace_back("Host", "App.Dortmund.DE.:8443");
  EXPECT_EQ(http::request_host_name(request), "app.dortmund.de");
  http::Request v6;
  v6.headers.emplace_back("Host", "[::1]");
  EXPECT_EQ(http::request_host_name(v6), "[::1]");
}

}  // namespace
}  // namespace mosaik::tenants
