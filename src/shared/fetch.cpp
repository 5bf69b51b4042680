#include "shared/fetch.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cctype>
#include <memory>
#include <mutex>

namespace mosaik::shared {
namespace {

struct Transfer {
  const FetchOptions* options;
  FetchResult result;
  bool too_large = false;
  std::string refused_address;  // a private address the transfer wanted to connect to
};

bool private_v4(std::uint32_t a) {  // host byte order
  auto in = [&](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0x64400000, 10) ||
         in(0xA9FE0000, 16) || in(0xAC100000, 12) || in(0xC0A80000, 16) || a >= 0xE0000000;
}

// Whether `address` is one the fetch must not reach (see FetchOptions); sets `text`.
bool private_address(const curl_sockaddr* address, std::string& text) {
  std::array<char, INET6_ADDRSTRLEN> buffer{};
  if (address->family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address->addr);
    text = inet_ntop(AF_INET, &v4->sin_addr, buffer.data(), buffer.size());
    return private_v4(ntohl(v4->sin_addr.s_addr));
  }
  if (address->family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
    text = inet_ntop(AF_INET6, &v6->sin6_addr, buffer.data(), buffer.size());
    const auto* b = v6->sin6_addr.s6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr))
      return private_v4(std::uint32_t{b[12]} << 24 | std::uint32_t{b[13]} << 16 |
                        std::uint32_t{b[14]} << 8 | b[15]);
    return IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr) || IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr) ||
           IN6_IS_ADDR_LINKLOCAL(&v6->sin6_addr) || IN6_IS_ADDR_MULTICAST(&v6->sin6_addr) ||
           (b[0] & 0xFE) == 0xFC;
  }
  text = "an address of an unknown family";
  return true;
}

curl_socket_t open_socket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  std::string text;
  if (!t->options->allow_private_networks && private_address(address, text)) {
    t->refused_address = text;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  if (t->result.body.size() + n > t->options->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->result.body.append(data, n);
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool header_is(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  return true;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  // A redirect starts a new header block: keep only the final response's headers.
  if (line.starts_with("HTTP/")) {
    t->result.etag.clear();
    t->result.last_modified.clear();
    t->result.content_type.clear();
  } else if (header_is(line, "etag")) {
    t->result.etag = trim(line.substr(5));
  } else if (header_is(line, "last-modified")) {
    t->result.last_modified = trim(line.substr(14));
  } else if (header_is(line, "content-type")) {
    t->result.content_type = trim(line.substr(13));
  }
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

bool http_url(std::string_view url) {
  auto lower = [&](std::string_view prefix) {
    if (url.size() <= prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  return lower("http://") || lower("https://");
}

}  // namespace

Result<FetchResult> fetch(std::string_view url, const FetchOptions& options) {
  if (!http_url(url)) return Error(Errc::validation_failed, "only http:// and https:// URLs");
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error(Errc::unavailable, "cannot start an HTTP transfer");
  Transfer transfer{.options = &options};
  std::string target(url);
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  if (!options.if_none_match.empty()) add_header("If-None-Match: " + options.if_none_match);
  if (!options.if_modified_since.empty())
    add_header("If-Modified-Since: " + options.if_modified_since);

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, target.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Mosaik/0.1 (feed import)");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &transfer);
  std::array<char, CURL_ERROR_SIZE> error{};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error.data());

  CURLcode rc = curl_easy_perform(c);
  if (transfer.too_large)
    return Error(Errc::unavailable,
                 fmt::format("the response is larger than {} bytes", options.max_bytes));
  if (!transfer.refused_address.empty() && rc != CURLE_OK)
    return Error(Errc::unavailable,
                 fmt::format("{} is a private or local network address; fetching from there is "
                             "not allowed (imports.allow_private_networks)",
                             transfer.refused_address));
  if (rc != CURLE_OK)
    return Error(Errc::unavailable, fmt::format("{}: {}", curl_easy_strerror(rc),
                                                error[0] ? error.data() : "no details"));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &transfer.result.status);
  return std::move(transfer.result);
}

}  // namespace mosaik::shared
