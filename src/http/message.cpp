#include "http/message.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>

#include "core/hash.hpp"
#include "core/json.hpp"
#include "http/problem.hpp"

namespace mosaik::http {

std::string_view to_string(Method m) noexcept {
  switch (m) {
    case Method::get:
      return "GET";
    case Method::head:
      return "HEAD";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::delete_:
      return "DELETE";
    case Method::options:
      return "OPTIONS";
    case Method::other:
      return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view t) noexcept {
  if (t == "GET") return Method::get;
  if (t == "HEAD") return Method::head;
  if (t == "POST") return Method::post;
  if (t == "PUT") return Method::put;
  if (t == "PATCH") return Method::patch;
  if (t == "DELETE") return Method::delete_;
  if (t == "OPTIONS") return Method::options;
  return Method::other;
}

namespace {
// ASCII only, like std::tolower in the "C" locale mosaikd runs in, without its call and locale
// lookup per character: header names are compared several times per request.
constexpr unsigned char ascii_lower(unsigned char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(static_cast<unsigned char>(a[i])) !=
        ascii_lower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view Request::header(std::string_view name) const noexcept {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return {};
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes; `plus_is_space` for query strings. Returns nullopt on bad escapes or NUL.
std::optional<std::string> decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      if (c == '\0') return std::nullopt;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    out += c;
  }
  return out;
}

}  // namespace

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    auto eq = pair.find('=');
    auto key = decode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string{};
    return decode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : decode(pair.substr(eq + 1), true);
    if (!key || !value) return std::nullopt;
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

std::string request_host_name(const Request& request) {
  std::string_view raw = request.header("Host");
  if (auto colon = raw.rfind(':');
      colon != std::string_view::npos && raw.find(']') == std::string_view::npos)
    raw = raw.substr(0, colon);
  if (raw.ends_with('.')) raw.remove_suffix(1);
  // Host names are case-insensitive (RFC 9110).
  std::string host(raw);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

std::string_view client_address(const Request& request,
                                const std::vector<std::string>& trusted_proxies) noexcept {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  std::string_view client = request.remote_address;
  if (!trusted(client)) return client;
  std::string_view forwarded = request.header("X-Forwarded-For");
  while (!forwarded.empty()) {
    auto comma = forwarded.rfind(',');
    auto hop = comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    forwarded = comma == std::string_view::npos ? std::string_view{} : forwarded.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    if (hop.empty()) break;
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

Result<void> split_target(Request& request) {
  std::string_view t = request.target;
  if (t.empty() || t.front() != '/')
    return Error(Errc::bad_request, "The request target must be an absolute path");
  auto qm = t.find('?');
  auto raw_path = t.substr(0, qm);
  request.query = qm == std::string_view::npos ? std::string_view{} : t.substr(qm + 1);
  if (!decode(request.query, true))
    return Error(Errc::bad_request, "The query string has invalid percent-encoding");
  auto decoded = decode(raw_path, false);
  if (!decoded) return Error(Errc::bad_request, "The request path has invalid percent-encoding");
  // Reject dot-segments outright: no legitimate client sends them, and static file lookup
  // must never climb out of its root.
  std::string_view p = *decoded;
  std::size_t pos = 0;
  while (pos <= p.size()) {
    auto end = p.find('/', pos);
    if (end == std::string_view::npos) end = p.size();
    auto seg = p.substr(pos, end - pos);
    if (seg == ".." || seg == ".")
      return Error(Errc::bad_request, "The request path must not contain dot-segments");
    pos = end + 1;
  }
  request.path = std::move(*decoded);
  return {};
}

namespace {

std::string gzip(std::string_view in) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string{};
}

}  // namespace

std::string etag_for(std::string_view body) {
  return '"' + fnv1a_64_hex(body) + '"';
}
std::string gzip_compress(std::string_view body) {
  return gzip(body);
}

std::shared_ptr<const Entity> make_entity(std::string content_type, std::string body, bool compress,
                                          std::string cache_control) {
  auto e = std::make_shared<Entity>();
  e->content_type = std::move(content_type);
  e->etag = etag_for(body);
  if (compress && body.size() >= 256) {
    auto z = gzip(body);
    if (!z.empty() && z.size() < body.size()) e->gzip_body = std::move(z);
  }
  e->body = std::move(body);
  e->cache_control = std::move(cache_control);
  return e;
}

Response::Response(const Error& error) : Response(problem_response(error)) {
  if (error.retry_after() > 0) set_header("Retry-After", std::to_string(error.retry_after()));
}

std::string_view Response::header(std::string_view name) const noexcept {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  if (header_block) {
    std::string_view block = *header_block;
    while (!block.empty()) {
      auto eol = block.find("\r\n");
      auto line = block.substr(0, eol);
      block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
      auto colon = line.find(':');
      if (colon != std::string_view::npos && iequals(line.substr(0, colon), name)) {
        auto value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return value;
      }
    }
  }
  return {};
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers)
    if (iequals(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::body_view() const noexcept {
  if (!entity) return body;
  return use_gzip ? std::string_view(entity->gzip_body) : std::string_view(entity->body);
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response text_response(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

Response entity_response(std::shared_ptr<const Entity> entity) {
  Response r;
  // The standard middleware adds about four headers (Vary, ETag, Cache-Control, X-Request-Id):
  // one allocation instead of three on the hottest path.
  r.headers.reserve(6);
  r.entity = std::move(entity);
  return r;
}

std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

}  // namespace mosaik::http
