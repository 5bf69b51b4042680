#include "platform/identity/accounts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "platform/identity/password.hpp"

namespace mosaik::identity {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, email, display_name, disabled, created_at, last_login_at FROM staff_users";

StaffMember member_from_row(const storage::Row& r) {
  return {r.integer(0), r.text(1),        r.text(2), r.integer(3) != 0,
          r.integer(4), r.opt_integer(5), {}};
}

std::vector<Role> load_roles(storage::Transaction& tx, std::int64_t id) {
  std::vector<Role> roles;
  for (const auto& row :
       tx.query("SELECT role FROM staff_roles WHERE user_id = $1 ORDER BY role", {id}).rows) {
    if (auto role = parse_role(row.text(0))) roles.push_back(std::move(*role));
  }
  return roles;
}

void insert_roles(storage::Transaction& tx, std::int64_t id, const std::vector<Role>& roles) {
  std::set<std::string> seen;
  for (const auto& role : roles) {
    auto text = to_string(role);
    if (!seen.insert(text).second) continue;
    tx.execute("INSERT INTO staff_roles (user_id, role, city) VALUES ($1, $2, $3)",
               {id, text, role.city});
  }
}

std::vector<Role> read_roles(JsonReader& r, bool required) {
  std::vector<Role> roles;
  auto texts = r.text_list("roles", 50, 200,
                           required ? std::nullopt : std::optional<std::vector<std::string>>({}));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto role = parse_role(texts[i]);
    if (!role) r.fail(fmt::format("roles[{}]", i), role.error().detail());
    roles.push_back(std::move(*role));
  }
  return roles;
}

std::set<std::string> cities_of(const std::vector<Role>& roles) {
  std::set<std::string> out;
  for (const auto& r : roles) out.insert(r.city);
  if (out.empty()) out.insert("");
  return out;
}

}  // namespace

json::object to_json(const StaffMember& m, std::string_view city) {
  json::array roles;
  for (const auto& role : m.roles)
    if (city.empty() || role.city == city) roles.push_back(json::string(to_string(role)));
  return {{"id", m.id},
          {"email", m.email},
          {"display_name", m.display_name},
          {"disabled", m.disabled},
          {"created_at", rfc3339_utc(m.created_at)},
          {"last_login_at",
           m.last_login_at ? json::value(rfc3339_utc(*m.last_login_at)) : json::value(nullptr)},
          {"roles", std::move(roles)}};
}

Result<std::string> normalise_email(std::string_view email) {
  std::string out(email);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = out.find('@');
  bool ok = out.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < out.size() &&
            out.find('@', at + 1) == std::string::npos &&
            out.find_first_of(" \t\r\n\"(),:;<>[\\]") == std::string::npos &&
            out.find('.', at) != std::string::npos && out.back() != '.';
  if (!ok) return validation_error("email", "This is not an e-mail address");
  return out;
}

Result<NewStaffMember> parse_new_staff_member(const json::object& body) {
  return read_strictly<NewStaffMember>([&] {
    JsonReader r(body);
    NewStaffMember m;
    auto email = normalise_email(r.text("email", 254));
    if (!email) throw std::move(email).error();
    m.email = std::move(*email);
    m.display_name = r.text("display_name", 200);
    if (m.display_name.empty()) r.fail("display_name", "must not be empty");
    m.password = r.text("password", kMaxPasswordBytes);
    m.roles = read_roles(r, true);
    r.finish();
    return m;
  });
}

Result<StaffChange> parse_staff_change(const json::object& body) {
  return read_strictly<StaffChange>([&] {
    JsonReader r(body);
    StaffChange c;
    if (body.contains("display_name")) {
      c.display_name = r.text("display_name", 200);
      if (c.display_name->empty()) r.fail("display_name", "must not be empty");
    }
    if (body.contains("disabled")) c.disabled = r.boolean("disabled");
    if (body.contains("password")) c.password = r.text("password", kMaxPasswordBytes);
    if (body.contains("roles")) c.roles = read_roles(r, true);
    r.finish();
    if (!c.display_name && !c.disabled && !c.password && !c.roles)
      throw validation_error("/", "Send at least one of display_name, disabled, password, roles");
    return c;
  });
}

std::optional<StaffMember> load_member(storage::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string(kColumns) + " WHERE id = $1", {id});
  if (!row) return std::nullopt;
  auto m = member_from_row(*row);
  m.roles = load_roles(tx, id);
  return m;
}

Result<StaffMember> StaffAccounts::create(const NewStaffMember& member, const Actor& actor) {
  if (auto rules = check_password_rules(member.password, member.email); !rules)
    return std::move(rules).error();
  auto hash = hash_password(member.password);  // before the transaction: it takes ~50 ms
  if (!hash) return std::move(hash).error();
  return store_.write([&](storage::Transaction& tx) {
    if (tx.query_one("SELECT 1 FROM staff_users WHERE email = $1", {member.email}))
      throw Error(Errc::conflict, "An account with this e-mail address exists already", "email");
    auto now = unix_millis();
    auto id = tx.query_one(
                    "INSERT INTO staff_users (email, display_name, password_hash, disabled, "
                    "created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id",
                    {member.email, member.display_name, *hash, now})
                  ->integer(0);
    insert_roles(tx, id, member.roles);
    auto created = *load_member(tx, id);
    for (const auto& city : cities_of(created.roles))
      record_audit(
          tx, actor,
          {city, "staff.create", "staff", std::to_string(id), nullptr, to_json(created, city)});
    return created;
  });
}

Result<json::object> StaffAccounts::list(std::string_view city, const http::PageRequest& page) {
  return store_.read([&](storage::Transaction& tx) {
    auto rows = tx.query(
        std::string(kColumns) +
            " WHERE email > $2 AND id IN (SELECT user_id FROM staff_roles WHERE city = $1) "
            "ORDER BY email LIMIT $3",
        {std::string(city), page.after.value_or(""), static_cast<std::int64_t>(page.limit + 1)});
    json::array items;
    json::value next = nullptr;
    for (std::size_t i = 0; i < rows.rows.size(); ++i) {
      if (i == page.limit) {
        next = http::encode_cursor(rows.rows[i - 1].text(1));
        break;
      }
      auto m = member_from_row(rows.rows[i]);
      m.roles = load_roles(tx, m.id);
      items.push_back(to_json(m, city));
    }
    return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
  });
}

Result<std::optional<StaffMember>> StaffAccounts::find(std::int64_t id) {
  return store_.read([&](storage::Transaction& tx) { return load_member(tx, id); });
}

Result<std::optional<StaffMember>> StaffAccounts::find_by_email(std::string_view email) {
  auto normal = normalise_email(email);
  if (!normal) return std::optional<StaffMember>();
  return store_.read([&](storage::Transaction& tx) -> std::optional<StaffMember> {
    auto row = tx.query_one("SELECT id FROM staff_users WHERE email = $1", {*normal});
    if (!row) return std::nullopt;
    return load_member(tx, row->integer(0));
  });
}

Result<StaffMember> StaffAccounts::update(
    std::int64_t id, const StaffChange& change, std::string_view city, const Actor& actor,
    const std::function<Result<void>(const StaffMember&)>& may_change_account) {
  auto existing = find(id);
  if (!existing) return std::move(existing).error();
  if (!*existing ||
      (!city.empty() && std::none_of((*existing)->roles.begin(), (*existing)->roles.end(),
                                     [&](const Role& r) { return r.city == city; })))
    return Error(Errc::not_found, fmt::format("There is no staff member {} here", id), "id");
  bool account_change = change.display_name || change.disabled || change.password;
  if (account_change) {
    if (auto allowed = may_change_account(**existing); !allowed) return std::move(allowed).error();
  }
  std::optional<std::string> hash;
  if (change.password) {
    if (auto rules = check_password_rules(*change.password, (*existing)->email); !rules)
      return std::move(rules).error();
    auto h = hash_password(*change.password);
    if (!h) return std::move(h).error();
    hash = std::move(*h);
  }
  return store_.write([&](storage::Transaction& tx) {
    auto before = load_member(tx, id);
    if (!before) throw Error(Errc::not_found, fmt::format("There is no staff member {}", id), "id");
    auto now = unix_millis();
    if (change.display_name)
      tx.execute("UPDATE staff_users SET display_name = $2, updated_at = $3 WHERE id = $1",
                 {id, *change.display_name, now});
    if (change.disabled)
      tx.execute("UPDATE staff_users SET disabled = $2, updated_at = $3 WHERE id = $1",
                 {id, std::int64_t{*change.disabled ? 1 : 0}, now});
    if (hash)
      tx.execute("UPDATE staff_users SET password_hash = $2, updated_at = $3 WHERE id = $1",
                 {id, *hash, now});
    if (change.roles) {
      if (city.empty())
        tx.execute("DELETE FROM staff_roles WHERE user_id = $1", {id});
      else
        tx.execute("DELETE FROM staff_roles WHERE user_id = $1 AND city = $2",
                   {id, std::string(city)});
      insert_roles(tx, id, *change.roles);
    }
    if (hash || (change.disabled && *change.disabled))
      tx.execute("DELETE FROM staff_sessions WHERE user_id = $1", {id});
    auto after = *load_member(tx, id);
    // Audited for the city the change was made for, or (CLI, platform-wide) for every city the
    // account worked or works for.
    std::set<std::string> cities{std::string(city)};
    if (city.empty()) {
      cities = cities_of(before->roles);
      cities.merge(cities_of(after.roles));
    }
    for (const auto& c : cities) {
      auto after_json = to_json(after, c);
      if (hash) after_json["password"] = "changed";  // that it changed, never the value
      record_audit(tx, actor,
                   {c, "staff.update", "staff", std::to_string(id), to_json(*before, c),
                    std::move(after_json)});
    }
    return after;
  });
}

}  // namespace mosaik::identity
