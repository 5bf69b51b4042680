#include "http/middleware.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <ctime>
#include <random>

#include "core/json.hpp"
#include "http/problem.hpp"

namespace mosaik::http {

namespace {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char digits[] = "0123456789abcdef";
  std::uint64_t a = rng(), b = rng();
  std::string id(32, '0');
  for (int i = 0; i < 16; ++i) {
    id[static_cast<std::size_t>(i)] = digits[(a >> (i * 4)) & 0xF];
    id[static_cast<std::size_t>(16 + i)] = digits[(b >> (i * 4)) & 0xF];
  }
  return id;
}

bool compressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("application/problem+json") ||
         type.starts_with("application/javascript") || type.starts_with("application/xml") ||
         type.starts_with("application/rss+xml") || type.starts_with("application/atom+xml") ||
         type.starts_with("application/geo+json") ||
         type.starts_with("application/manifest+json") || type.starts_with("image/svg+xml");
}

void append(fmt::memory_buffer& out, std::string_view text) {
  out.append(text);
}

void append_number(fmt::memory_buffer& out, std::uint64_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

// A duration in milliseconds with three decimals ("0.042"), as fmt's {:.3f} wrote it, from whole
// microseconds: no floating-point formatting on the hot path.
void append_milliseconds(fmt::memory_buffer& out, std::chrono::nanoseconds elapsed) {
  auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(0, (elapsed.count() + 500) / 1000));
  append_number(out, us / 1000);
  const char frac[] = {'.', static_cast<char>('0' + us / 100 % 10),
                       static_cast<char>('0' + us / 10 % 10), static_cast<char>('0' + us % 10)};
  out.append(frac, frac + sizeof frac);
}

// Appends `s` as a JSON string. Almost every value needs no escaping and is copied as is; the
// others go through Boost.JSON, our one JSON writer.
void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  for (char c : s) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      append(out, json::serialize(json::string_view(s.data(), s.size())));
      return;
    }
  }
  out.push_back('"');
  append(out, s);
  out.push_back('"');
}

// RFC 3339 UTC with milliseconds, e.g. "2026-11-24T03:05:59.123Z". The part up to the seconds is
// formatted at most once a second per thread.
void append_utc_timestamp(fmt::memory_buffer& out, std::chrono::system_clock::time_point now) {
  thread_local std::time_t cached_second = -1;
  thread_local char prefix[32];
  thread_local std::size_t length = 0;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  auto second = static_cast<std::time_t>(ms / 1000);
  if (second != cached_second) {
    std::tm tm{};
    gmtime_r(&second, &tm);
    length = std::strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_second = second;
  }
  append(out, std::string_view(prefix, length));
  auto frac = static_cast<int>(ms % 1000);
  const char tail[] = {'.', static_cast<char>('0' + frac / 100),
                       static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10),
                       'Z'};
  append(out, std::string_view(tail, sizeof tail));
}

}  // namespace

Response RequestIdMiddleware::handle(RequestContext& ctx, Next next) {
  auto incoming = ctx.request.header("X-Request-Id");
  ctx.request_id = valid_request_id(incoming) ? std::string(incoming) : new_request_id();
  Response r = next(ctx);
  r.set_header("X-Request-Id", ctx.request_id);
  return r;
}

Response ObservabilityMiddleware::handle(RequestContext& ctx, Next next) {
  Response r = next(ctx);
  auto elapsed_ns = std::chrono::steady_clock::now() - ctx.started;
  auto elapsed = std::chrono::duration<double>(elapsed_ns).count();
  std::size_t route = ctx.match.route ? ctx.match.route->metrics_index : metrics_.unmatched_route();
  metrics_.record(route, to_string(ctx.request.method), r.status, elapsed);
  if (log_.enabled()) {
    // One line per request on the hot path: written straight into a reused buffer, without a
    // json::object (a hash map and a string per field) and without formatting the date anew.
    thread_local fmt::memory_buffer line;
    line.clear();
    append(line, R"({"time":")");
    append_utc_timestamp(line, std::chrono::system_clock::now());
    append(line, R"(","request_id":)");
    append_json_string(line, ctx.request_id);
    append(line, R"(,"remote":)");
    append_json_string(line, client_address(ctx.request, trusted_proxies_));
    append(line, R"(,"method":")");
    append(line, to_string(ctx.request.method));
    append(line, R"(","path":)");
    append_json_string(line, ctx.request.path);
    append(line, R"(,"route":)");
    append_json_string(
        line, ctx.match.route ? std::string_view(ctx.match.route->pattern) : std::string_view{});
    append(line, R"(,"status":)");
    append_number(line, static_cast<std::uint64_t>(r.status));
    append(line, R"(,"bytes":)");
    append_number(line, r.omit_body ? 0 : r.body_view().size());
    append(line, R"(,"duration_ms":)");
    append_milliseconds(line, std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed_ns));
    append(line, R"(,"user_agent":)");
    append_json_string(line, ctx.request.header("User-Agent"));
    line.push_back('}');
    log_.write(std::string_view(line.data(), line.size()));
  }
  return r;
}

Response ProblemMiddleware::handle(RequestContext& ctx, Next next) {
  Response r;
  try {
    r = next(ctx);
  } catch (const Error& e) {
    if (e.code() == Errc::internal) spdlog::error("request {}: {}", ctx.request_id, e.detail());
    r = problem_response(e);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: unhandled exception: {}", ctx.request_id,
                  to_string(ctx.request.method), ctx.request.path, e.what());
    r = problem_response(Error(Errc::internal, e.what()));
  } catch (...) {
    spdlog::error("request {} {} {}: unhandled non-standard exception", ctx.request_id,
                  to_string(ctx.request.method), ctx.request.path);
    r = problem_response(Error(Errc::internal, "unknown exception"));
  }
  if (r.status >= 400) {
    // The raw (still percent-encoded) path: RFC 9457 wants a URI reference.
    auto target = ctx.request.target;
    stamp_problem(r, target.substr(0, target.find('?')), ctx.request_id);
  }
  return r;
}

SecurityHeadersMiddleware::SecurityHeadersMiddleware(const Config& config) {
  block_ = fmt::format(
      "Content-Security-Policy: {}\r\n"
      "X-Content-Type-Options: nosniff\r\n"
      "Referrer-Policy: strict-origin-when-cross-origin\r\n"
      "X-Frame-Options: DENY\r\n"
      "Cross-Origin-Opener-Policy: same-origin\r\n"
      "Permissions-Policy: geolocation=(self), camera=(self), microphone=(), payment=()\r\n",
      config.http.content_security_policy);
  if (config.server.public_url.starts_with("https://"))
    block_ += "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n";
}

Response SecurityHeadersMiddleware::handle(RequestContext& ctx, Next next) {
  Response r = next(ctx);
  r.header_block = &block_;
  return r;
}

bool CorsMiddleware::allowed(std::string_view origin) const {
  for (const auto& o : origins_)
    if (o == "*" || o == origin) return true;
  return false;
}

Response CorsMiddleware::handle(RequestContext& ctx, Next next) {
  auto origin = ctx.request.header("Origin");
  if (origin.empty() || origins_.empty()) return next(ctx);
  bool preflight = ctx.request.method == Method::options &&
                   !ctx.request.header("Access-Control-Request-Method").empty();
  Response r = next(ctx);
  if (!allowed(origin)) return r;
  bool wildcard = origins_.size() == 1 && origins_.front() == "*";
  r.set_header("Access-Control-Allow-Origin", wildcard ? "*" : std::string(origin));
  if (!wildcard) r.add_header("Vary", "Origin");
  r.set_header("Access-Control-Expose-Headers", "ETag, X-Request-Id, Retry-After, Location");
  if (preflight && r.status == 204) {
    r.set_header("Access-Control-Allow-Methods", std::string(r.header("Allow")));
    r.set_header("Access-Control-Allow-Headers",
                 "Content-Type, Authorization, If-None-Match, X-Request-Id, X-CSRF-Token");
    r.set_header("Access-Control-Max-Age", "600");
  }
  return r;
}

bool etag_matches(std::string_view inm, std::string_view etag) noexcept {
  auto strip_weak = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
  etag = strip_weak(etag);
  while (!inm.empty()) {
    auto comma = inm.find(',');
    auto item = inm.substr(0, comma);
    inm = comma == std::string_view::npos ? std::string_view{} : inm.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == "*" || strip_weak(item) == etag) return true;
  }
  return false;
}

Response ConditionalMiddleware::handle(RequestContext& ctx, Next next) {
  Response r = next(ctx);
  bool cacheable_method = ctx.request.method == Method::get || ctx.request.method == Method::head;
  if (!cacheable_method || r.status != 200) {
    if (r.header("Cache-Control").empty()) r.set_header("Cache-Control", "no-store");
    return r;
  }
  std::string etag;
  if (auto existing = r.header("ETag"); !existing.empty()) {
    etag = existing;
  } else {
    etag = r.entity ? r.entity->etag : etag_for(r.body_view());
    if (r.use_gzip) etag.insert(etag.size() - 1, "-gz");  // a distinct validator per encoding
    r.set_header("ETag", etag);
  }
  if (r.header("Cache-Control").empty())
    r.set_header("Cache-Control", r.entity && !r.entity->cache_control.empty()
                                      ? r.entity->cache_control
                                      : "no-cache");
  auto inm = ctx.request.header("If-None-Match");
  if (!inm.empty() && etag_matches(inm, etag)) {
    r.status = 304;
    r.omit_body = true;
  }
  return r;
}

bool accepts_gzip(std::string_view ae) noexcept {
  while (!ae.empty()) {
    auto comma = ae.find(',');
    auto item = ae.substr(0, comma);
    ae = comma == std::string_view::npos ? std::string_view{} : ae.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    auto semi = item.find(';');
    auto coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (!iequals(coding, "gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    auto params = item.substr(semi + 1);
    auto q = params.find("q=");
    if (q == std::string_view::npos) return true;
    auto value = params.substr(q + 2);
    return !(value.starts_with("0") && value.find_first_not_of("0.", 0) == std::string_view::npos);
  }
  return false;
}

Response CompressionMiddleware::handle(RequestContext& ctx, Next next) {
  Response r = next(ctx);
  if (!enabled_ || r.status != 200 || !r.header("Content-Encoding").empty() ||
      !compressible(r.type()))
    return r;
  r.add_header("Vary", "Accept-Encoding");
  if (!accepts_gzip(ctx.request.header("Accept-Encoding"))) return r;
  if (r.entity) {
    if (!r.entity->gzip_body.empty()) {
      r.use_gzip = true;
      r.set_header("Content-Encoding", "gzip");
    }
    return r;
  }
  if (r.body.size() < min_bytes_) return r;
  auto z = gzip_compress(r.body);
  if (z.empty() || z.size() >= r.body.size()) return r;
  // The ETag must describe the representation actually sent.
  if (r.header("ETag").empty()) {
    auto etag = etag_for(r.body);
    etag.insert(etag.size() - 1, "-gz");
    r.set_header("ETag", etag);
  }
  r.body = std::move(z);
  r.set_header("Content-Encoding", "gzip");
  return r;
}

Response RoutingMiddleware::handle(RequestContext& ctx, Next next) {
  using Kind = RouteMatch::Kind;
  if (ctx.bad_target) return problem_response(*ctx.bad_target);
  const auto& m = ctx.match;
  const auto method = ctx.request.method;
  if (m.kind == Kind::found) {
    Response r = next(ctx);
    if (method == Method::head) r.omit_body = true;
    return r;
  }
  if (m.kind == Kind::method_not_allowed) {
    if (method == Method::options) {
      Response r = no_content();
      r.set_header("Allow", m.allow);
      return r;
    }
    Response r = problem_response(
        Error(Errc::method_not_allowed,
              fmt::format("{} is not allowed here; allowed: {}", to_string(method), m.allow)));
    r.set_header("Allow", m.allow);
    return r;
  }
  bool is_api = ctx.request.path.starts_with("/api/") || ctx.request.path == "/api";
  if (!is_api && fallback_ && (method == Method::get || method == Method::head)) {
    Response r = fallback_(ctx);
    if (method == Method::head) r.omit_body = true;
    return r;
  }
  return problem_response(
      Error(Errc::not_found, fmt::format("Nothing is at {}", ctx.request.path)));
}

}  // namespace mosaik::http
