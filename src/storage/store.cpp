#include "storage/store.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaik::storage {

std::string_view to_string(Backend b) noexcept {
  return b == Backend::sqlite ? "sqlite" : "postgres";
}

namespace {
[[noreturn]] void type_error(std::size_t i, const char* wanted) {
  throw Error(Errc::internal, fmt::format("result column {} is not {}", i, wanted));
}
}  // namespace

const Value& Row::at(std::size_t i) const {
  if (i >= cells_.size()) throw Error(Errc::internal, fmt::format("result has no column {}", i));
  return cells_[i];
}

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::monostate>(at(i));
}

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = at(i);
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v); d && std::floor(*d) == *d)
    return static_cast<std::int64_t>(*d);
  type_error(i, "an integer");
}

double Row::real(std::size_t i) const {
  const Value& v = at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  type_error(i, "a number");
}

const std::string& Row::text(std::size_t i) const {
  const Value& v = at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  type_error(i, "text");
}

const std::string& Row::blob(std::size_t i) const {
  const Value& v = at(i);
  if (auto* b = std::get_if<Blob>(&v)) return b->bytes;
  type_error(i, "binary data");
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}
std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOptions& options) {
  if (url.starts_with("sqlite:")) {
    auto path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);  // tolerate sqlite://PATH
    if (path.empty())
      return Error(Errc::validation_failed, "sqlite: URL needs a file path", "database.url");
    return open_sqlite_store(path, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return open_postgres_store(url, options);
  return Error(Errc::validation_failed, fmt::format("unsupported database URL '{}'", url),
               "database.url");
}

}  // namespace mosaik::storage
