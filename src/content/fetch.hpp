// TEMPORARY SHIM (events branch): replaced by main's src/content/fetch.* on merge.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mosaik::content {

struct FetchOptions {
  std::chrono::milliseconds timeout{10000};
  std::size_t max_bytes = 5 << 20;
  std::string if_none_match, if_modified_since;
};
struct FetchResult {
  long status = 0;
  std::string content_type, body, etag, last_modified;
};

Result<FetchResult> fetch(std::string_view url, const FetchOptions& options = {});

}  // namespace mosaik::content
