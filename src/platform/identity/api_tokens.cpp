#include "platform/identity/api_tokens.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "platform/identity/secrets.hpp"

namespace mosaik::identity {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, city, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at "
    "FROM api_tokens";
constexpr std::size_t kShownPrefix = 12;

ApiToken token_from_row(const storage::Row& r) {
  ApiToken t{r.integer(0),     r.text(1),    r.text(2),        r.text(3),       {},
             r.opt_integer(5), r.integer(6), r.opt_integer(7), r.opt_integer(8)};
  std::istringstream words(r.text(4));
  for (std::string w; words >> w;)
    if (auto s = parse_scope(w)) t.scopes.push_back(std::move(*s));
  return t;
}

json::value optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? json::value(rfc3339_utc(*ms)) : json::value(nullptr);
}

}  // namespace

json::object to_json(const ApiToken& t) {
  json::array scopes;
  for (const auto& s : t.scopes) scopes.push_back(json::string(to_string(s)));
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"scopes", std::move(scopes)},
          {"created_at", rfc3339_utc(t.created_at)},
          {"last_used_at", optional_time(t.last_used_at)},
          {"revoked_at", optional_time(t.revoked_at)}};
}

Result<NewApiToken> parse_new_api_token(const json::object& body) {
  return read_strictly<NewApiToken>([&] {
    JsonReader r(body);
    NewApiToken t;
    t.name = r.text("name", 100);
    if (t.name.empty()) r.fail("name", "must not be empty");
    auto scopes = r.text_list("scopes", 50, 100);
    if (scopes.empty()) r.fail("scopes", "must name at least one scope");
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      auto s = parse_scope(scopes[i]);
      if (!s) r.fail(fmt::format("scopes[{}]", i), s.error().detail());
      t.scopes.push_back(std::move(*s));
    }
    r.finish();
    return t;
  });
}

Result<std::pair<ApiToken, std::string>> create_api_token(storage::Store& store,
                                                          std::string_view city,
                                                          const NewApiToken& token,
                                                          std::optional<std::int64_t> created_by,
                                                          const Actor& actor) {
  std::string secret = std::string(kTokenPrefix) + random_secret();
  std::string scopes;
  for (const auto& s : token.scopes) {
    if (!scopes.empty()) scopes += ' ';
    scopes += to_string(s);
  }
  auto created = store.write([&](storage::Transaction& tx) {
    auto id =
        tx.query_one(
              "INSERT INTO api_tokens (city, name, token_digest, prefix, scopes, created_by, "
              "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
              {std::string(city), token.name, secret_digest(secret), secret.substr(0, kShownPrefix),
               scopes, created_by ? storage::Value(*created_by) : storage::null_value(),
               unix_millis()})
            ->integer(0);
    auto t = token_from_row(*tx.query_one(std::string(kColumns) + " WHERE id = $1", {id}));
    record_audit(
        tx, actor,
        {std::string(city), "token.create", "token", std::to_string(id), nullptr, to_json(t)});
    return t;
  });
  if (!created) return std::move(created).error();
  return std::pair{std::move(*created), std::move(secret)};
}

Result<json::object> list_api_tokens(storage::Store& store, std::string_view city,
                                     const http::PageRequest& page) {
  auto after = http::integer_cursor(page, 0);
  if (!after) return std::move(after).error();
  return store.read([&](storage::Transaction& tx) {
    auto rows =
        tx.query(std::string(kColumns) + " WHERE city = $1 AND id > $2 ORDER BY id LIMIT $3",
                 {std::string(city), *after, static_cast<std::int64_t>(page.limit + 1)});
    json::array items;
    json::value next = nullptr;
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
      if (i == page.limit) {
        next = http::encode_cursor(std::to_string(rows.rows[i - 1].integer(0)));
        break;
      }
      items.push_back(to_json(token_from_row(rows.rows[i])));
    }
    return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
  });
}

Result<void> revoke_api_token(storage::Store& store, std::string_view city, std::int64_t id,
                              const Actor& actor) {
  return store.transact(storage::Access::write, [&](storage::Transaction& tx) {
    auto row = tx.query_one(std::string(kColumns) + " WHERE id = $1 AND city = $2",
                            {id, std::string(city)});
    if (!row) throw Error(Errc::not_found, fmt::format("There is no API token {} here", id), "id");
    auto before = token_from_row(*row);
    if (before.revoked_at) return;
    tx.execute("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1", {id, unix_millis()});
    auto after = token_from_row(*tx.query_one(std::string(kColumns) + " WHERE id = $1", {id}));
    record_audit(tx, actor,
                 {std::string(city), "token.revoke", "token", std::to_string(id), to_json(before),
                  to_json(after)});
  });
}

Result<std::optional<ApiToken>> find_active_token(storage::Store& store, std::string_view secret) {
  if (!secret.starts_with(kTokenPrefix) || secret.size() > 200) return std::optional<ApiToken>();
  return store.read([&](storage::Transaction& tx) -> std::optional<ApiToken> {
    auto row =
        tx.query_one(std::string(kColumns) + " WHERE token_digest = $1 AND revoked_at IS NULL",
                     {secret_digest(secret)});
    if (!row) return std::nullopt;
    return token_from_row(*row);
  });
}

}  // namespace mosaik::identity
