#include "core/json.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>

// Boost.JSON is header-only here (Debian ships no compiled library for it): its implementation
// is compiled once, in this file.
#include <boost/json/src.hpp>

namespace mosaik {

namespace json {
namespace {

// One pass over the tree into one string; Boost's serializer only escapes the strings.
class Writer {
 public:
  std::string take() { return std::move(out_); }

  void write(const value& v) {
    switch (v.kind()) {
      case kind::null:
        out_ += "null";
        break;
      case kind::bool_:
        out_ += v.get_bool() ? "true" : "false";
        break;
      case kind::int64:
        write_integer(v.get_int64());
        break;
      case kind::uint64:
        write_integer(v.get_uint64());
        break;
      case kind::double_:
        write_double(v.get_double());
        break;
      case kind::string:
        write(string_view(v.get_string()));
        break;
      case kind::array:
        write(v.get_array());
        break;
      case kind::object:
        write(v.get_object());
        break;
    }
  }

  void write(const array& a) {
    out_ += '[';
    bool first = true;
    for (const auto& item : a) {
      if (!first) out_ += ',';
      first = false;
      write(item);
    }
    out_ += ']';
  }

  void write(const object& o) {
    out_ += '{';
    bool first = true;
    for (const auto& member : o) {
      if (!first) out_ += ',';
      first = false;
      write(member.key());
      out_ += ':';
      write(member.value());
    }
    out_ += '}';
  }

  void write(string_view s) {
    strings_.reset(s);
    char buffer[256];
    while (!strings_.done()) {
      auto chunk = strings_.read(buffer, sizeof buffer);
      out_.append(chunk.data(), chunk.size());
    }
  }

 private:
  template <class Integer>
  void write_integer(Integer n) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    out_.append(buffer, end);
  }

  void write_double(double d) {
    if (!std::isfinite(d)) {
      out_ += "null";
      return;
    }
    const double magnitude = std::fabs(d);
    const bool plain = magnitude == 0 || (magnitude >= 1e-7 && magnitude < 1e21);
    // Without a precision, to_chars writes the shortest digits that round-trip. In plain
    // notation within these bounds that is at most 1 + 21 + 1 + 24 characters.
    char buffer[64];
    auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, d,
                      plain ? std::chars_format::fixed : std::chars_format::scientific);
    if (ec != std::errc{}) {  // unreachable with this buffer; never write a broken number
      out_ += "null";
      return;
    }
    std::string_view digits(buffer, static_cast<std::size_t>(end - buffer));
    if (plain) {
      out_ += digits;
      if (digits.find('.') == std::string_view::npos) out_ += ".0";
      return;
    }
    // "1e-07" -> "1e-7", as JavaScript writes it.
    auto e = digits.find('e');
    out_ += digits.substr(0, e + 2);  // mantissa, 'e' and the exponent's sign
    auto exponent = digits.substr(e + 2);
    while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
    out_ += exponent;
  }

  std::string out_;
  boost::json::serializer strings_;
};

template <class T>
std::string write_all(const T& v) {
  Writer w;
  w.write(v);
  return w.take();
}

}  // namespace

std::string serialize(const value& v) {
  return write_all(v);
}
std::string serialize(const object& o) {
  return write_all(o);
}
std::string serialize(const array& a) {
  return write_all(a);
}
std::string serialize(const string& s) {
  return write_all(string_view(s));
}
std::string serialize(string_view s) {
  return write_all(s);
}

}  // namespace json

Result<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value v = json::parse(text, ec, {}, options);
  if (ec)
    return Error(Errc::bad_request, fmt::format("The body is not valid JSON: {}", ec.message()));
  return v;
}

Result<json::object> parse_json_object(std::string_view text) {
  auto v = parse_json(text);
  if (!v) return std::move(v).error();
  if (!v->is_object()) return Error(Errc::validation_failed, "The body must be a JSON object", "/");
  return std::move(v->as_object());
}

}  // namespace mosaik
