#include "core/json_reader.hpp"

#include <gtest/gtest.h>

namespace mosaik {
namespace {

json::object doc(std::string_view text) {
  return json::parse(text).as_object();
}

Error failure(std::function<void(JsonReader&)> read, std::string_view text) {
  auto o = doc(text);
  auto r = read_strictly<int>([&] {
    JsonReader reader(o, "root");
    read(reader);
    reader.finish();
    return 0;
  });
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? Error(Errc::internal, "read") : r.error();
}

TEST(JsonReaderTest, ReadsTypedValuesWithDefaults) {
  auto o = doc(
      R"({"name":"Hörde","n":3,"x":0.5,"on":true,"tags":["a","b"],"site":"https://x.example"})");
  JsonReader r(o);
  EXPECT_EQ(r.text("name", 10), "Hörde");
  EXPECT_EQ(r.integer("n", 0, 5), 3);
  EXPECT_DOUBLE_EQ(r.number("x", 0, 1), 0.5);
  EXPECT_TRUE(r.boolean("on"));
  EXPECT_EQ(r.text_list("tags", 5, 5), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.link("site", 100, false), "https://x.example");
  EXPECT_EQ(r.text("missing", 10, "fallback"), "fallback");
  EXPECT_NO_THROW(r.finish());
}

TEST(JsonReaderTest, FailuresNameTheFullPath) {
  EXPECT_EQ(failure([](JsonReader& r) { r.text("name", 3); }, R"({"name":"toolong"})").field(),
            "root.name");
  EXPECT_EQ(failure([](JsonReader& r) { r.text("name", 30); }, R"({"name":5})").field(),
            "root.name");
  EXPECT_EQ(failure([](JsonReader& r) { r.text("name", 30); }, R"({})").field(), "root.name");
  EXPECT_EQ(failure([](JsonReader& r) { r.integer("n", 0, 5); }, R"({"n":6})").field(), "root.n");
  EXPECT_EQ(failure([](JsonReader& r) { r.integer("n", 0, 5); }, R"({"n":1.5})").field(), "root.n");
  EXPECT_EQ(failure([](JsonReader& r) { r.text_list("t", 5, 5); }, R"({"t":["ok",7]})").field(),
            "root.t[1]");
  EXPECT_EQ(failure([](JsonReader&) {}, R"({"surprise":1})").field(), "root.surprise");
  auto bad_link =
      failure([](JsonReader& r) { r.link("u", 100, true); }, R"j({"u":"javascript:alert(1)"})j");
  EXPECT_EQ(bad_link.field(), "root.u");
  EXPECT_EQ(
      failure([](JsonReader& r) { r.link("u", 100, true); }, R"({"u":"//evil.example/x"})").field(),
      "root.u");
  EXPECT_EQ(failure([](JsonReader& r) { r.link("u", 100, false); }, R"({"u":"/relative"})").field(),
            "root.u");
}

TEST(JsonReaderTest, RejectsControlCharactersAndBrokenUtf8) {
  EXPECT_TRUE(is_clean_utf8("Straße\tmit Tab\nund Zeile"));
  EXPECT_FALSE(is_clean_utf8(std::string("a\x01", 2)));
  EXPECT_FALSE(is_clean_utf8("\xC3"));
  EXPECT_FALSE(is_clean_utf8("\xC0\xAF"));  // overlong '/'
  EXPECT_FALSE(is_clean_utf8("\xFF"));
}

}  // namespace
}  // namespace mosaik
