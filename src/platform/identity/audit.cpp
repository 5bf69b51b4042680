#include "platform/identity/audit.hpp"

#include <unistd.h>

#include <cstdlib>

#include "core/clock.hpp"
#include "platform/identity/roles.hpp"

namespace mosaik::identity {

Actor actor_of(const http::RequestContext& ctx) {
  const Principal& p = *ctx.principal;
  return {p.kind == Principal::Kind::user ? "user" : "token", std::to_string(p.id), p.label,
          ctx.request_id};
}

Actor cli_actor() {
  const char* user = std::getenv("USER");
  std::string id = user && *user ? user : "uid " + std::to_string(geteuid());
  return {"cli", id, "mosaik CLI", ""};
}

void record_audit(storage::Transaction& tx, const Actor& actor, const AuditEntry& e) {
  auto as_text = [](const json::value& v) -> storage::Value {
    if (v.is_null()) return storage::null_value();
    return json::serialize(v);
  };
  tx.execute(
      "INSERT INTO audit_log (at, city, actor_kind, actor_id, actor_label, action, object_type, "
      "object_id, before_json, after_json, request_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {unix_millis(), e.city, actor.kind, actor.id, actor.label, e.action, e.object_type,
       e.object_id, as_text(e.before), as_text(e.after), actor.request_id});
}

Result<json::object> list_audit(storage::Store& store, std::string_view city,
                                const http::PageRequest& page) {
  auto before_id = http::integer_cursor(page, INT64_MAX);
  if (!before_id) return std::move(before_id).error();
  auto rows = store.read([&](storage::Transaction& tx) {
    return tx.query(
        "SELECT id, at, actor_kind, actor_id, actor_label, action, object_type, object_id, "
        "before_json, after_json, request_id FROM audit_log "
        "WHERE city = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        {std::string(city), *before_id, static_cast<std::int64_t>(page.limit + 1)});
  });
  if (!rows) return std::move(rows).error();
  json::array items;
  json::value next = nullptr;
  for (std::size_t i = 0; i < rows->rows.size(); ++i) {
    const auto& r = rows->rows[i];
    if (i == page.limit) {
      next = http::encode_cursor(std::to_string(rows->rows[i - 1].integer(0)));
      break;
    }
    auto parsed = [](const std::optional<std::string>& text) -> json::value {
      if (!text) return nullptr;
      auto v = parse_json(*text);
      return v ? std::move(*v) : json::value(*text);
    };
    items.push_back(json::object{
        {"id", r.integer(0)},
        {"at", rfc3339_utc(r.integer(1))},
        {"actor", json::object{{"kind", r.text(2)}, {"id", r.text(3)}, {"label", r.text(4)}}},
        {"action", r.text(5)},
        {"object", json::object{{"type", r.text(6)}, {"id", r.text(7)}}},
        {"before", parsed(r.opt_text(8))},
        {"after", parsed(r.opt_text(9))},
        {"request_id", r.text(10).empty() ? json::value(nullptr) : json::value(r.text(10))}});
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace mosaik::identity
