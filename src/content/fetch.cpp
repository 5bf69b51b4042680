// TEMPORARY SHIM (events branch): replaced by main's src/content/fetch.* on merge.
#include "content/fetch.hpp"

#include <curl/curl.h>

namespace mosaik::content {

namespace {
std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<FetchResult*>(user);
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "etag") r->etag = value;
    if (name == "last-modified") r->last_modified = value;
  }
  return size * n;
}
}  // namespace

Result<FetchResult> fetch(std::string_view url, const FetchOptions& options) {
  CURL* curl = curl_easy_init();
  if (!curl) return Error(Errc::unavailable, "curl init failed");
  FetchResult result;
  std::string u(url);
  curl_easy_setopt(curl, CURLOPT_URL, u.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
  curl_slist* headers = nullptr;
  if (!options.if_none_match.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + options.if_none_match).c_str());
  if (!options.if_modified_since.empty())
    headers =
        curl_slist_append(headers, ("If-Modified-Since: " + options.if_modified_since).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  char* type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
  if (type) result.content_type = type;
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return Error(Errc::unavailable, curl_easy_strerror(rc));
  if (result.body.size() > options.max_bytes) return Error(Errc::unavailable, "too large");
  return result;
}

}  // namespace mosaik::content
