// The one error type of Mosaik and its HTTP mapping.
//
// Expected failures travel as values (`Result<T>`); each carries an `Errc` that maps to exactly
// one HTTP status and one stable RFC 9457 problem `type`, defined in error.cpp and nowhere else.
#pragma once

#include <cassert>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mosaik {

enum class Errc {
  bad_request,             // 400: the request cannot be parsed (malformed JSON, bad syntax)
  validation_failed,       // 422: well-formed but a field is invalid; `field` names it
  unauthorized,            // 401
  forbidden,               // 403
  not_found,               // 404
  method_not_allowed,      // 405
  request_timeout,         // 408
  conflict,                // 409: unique key taken, concurrent change
  precondition_failed,     // 412: If-Match names a version that is no longer current
  payload_too_large,       // 413
  unsupported_media_type,  // 415
  too_many_requests,       // 429
  header_too_large,        // 431
  internal,                // 500: a bug; details go to the log, never to the client
  unavailable,             // 503: a dependency (database) is unreachable or we are shutting down
};

struct ErrcInfo {
  int status;
  std::string_view slug;   // stable, part of the public problem `type`
  std::string_view title;  // short human summary, same for every occurrence
};

// REQUIRES: `code` is a valid enumerator. Never fails.
const ErrcInfo& errc_info(Errc code) noexcept;

// The problem `type` URI for a code, e.g. "urn:mosaik:problem:not-found".
std::string problem_type(Errc code);

// An expected failure. Thrown only inside storage transactions (see storage/store.hpp), where
// `Store::transact` turns it back into a value; everywhere else it is returned in a Result.
class Error : public std::exception {
 public:
  Error(Errc code, std::string detail, std::string field = {})
      : code_(code), detail_(std::move(detail)), field_(std::move(field)) {}

  Errc code() const noexcept { return code_; }
  const std::string& detail() const noexcept { return detail_; }
  // The offending input field for validation errors (a JSON path like "branding.primary_color"
  // or a parameter name); empty otherwise.
  const std::string& field() const noexcept { return field_; }
  int http_status() const noexcept { return errc_info(code_).status; }
  const char* what() const noexcept override { return detail_.c_str(); }

  // Seconds after which a retry may succeed (too_many_requests, unavailable); 0: not known.
  // Sent as the Retry-After header.
  long long retry_after() const noexcept { return retry_after_; }
  Error& with_retry_after(long long seconds) & noexcept {
    retry_after_ = seconds;
    return *this;
  }
  Error&& with_retry_after(long long seconds) && noexcept {
    retry_after_ = seconds;
    return std::move(*this);
  }

 private:
  Errc code_;
  std::string detail_;
  std::string field_;
  long long retry_after_ = 0;
};

inline Error validation_error(std::string field, std::string detail) {
  return Error(Errc::validation_failed, std::move(detail), std::move(field));
}

// A value or an Error. Cheap to move; check before use.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // REQUIRES: ok().
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok().
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_{Errc::internal, {}};
  bool ok_ = true;
};

}  // namespace mosaik
