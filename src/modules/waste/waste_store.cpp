#include "modules/waste/waste_store.hpp"

#include <fmt/format.h>

#include <chrono>

#include "core/error.hpp"

namespace mosaik::modules::waste {

std::vector<storage::Migration> waste_migrations() {
  constexpr std::string_view kTables =
      "CREATE TABLE waste_revisions ("
      " city_id BIGINT PRIMARY KEY REFERENCES cities(id),"
      " revision BIGINT NOT NULL);"
      "CREATE TABLE waste_areas ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " code TEXT NOT NULL,"
      " name TEXT NOT NULL,"
      " district TEXT NOT NULL,"
      " PRIMARY KEY (city_id, code));"
      "CREATE TABLE waste_streets ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " position BIGINT NOT NULL,"
      " street TEXT NOT NULL,"
      " district TEXT NOT NULL,"
      " house_from TEXT,"
      " house_to TEXT,"
      " parity TEXT NOT NULL,"
      " area TEXT NOT NULL,"
      " PRIMARY KEY (city_id, position));"
      "CREATE TABLE waste_rhythms ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " area TEXT NOT NULL,"
      " type TEXT NOT NULL,"
      " first_date TEXT NOT NULL,"
      " last_date TEXT NOT NULL,"
      " every_weeks INTEGER NOT NULL,"
      " year INTEGER NOT NULL);"
      "CREATE INDEX waste_rhythms_city ON waste_rhythms (city_id, year, area);"
      "CREATE TABLE waste_dates ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " area TEXT NOT NULL,"
      " type TEXT NOT NULL,"
      " pickup_date TEXT NOT NULL,"
      " year INTEGER NOT NULL,"
      " PRIMARY KEY (city_id, area, type, pickup_date));"
      "CREATE TABLE waste_changes ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " area TEXT NOT NULL,"
      " type TEXT NOT NULL,"
      " planned_date TEXT NOT NULL,"
      " new_date TEXT,"
      " note TEXT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " UNIQUE (city_id, area, type, planned_date));"
      "CREATE TABLE waste_shifts ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " from_date TEXT NOT NULL,"
      " to_date TEXT NOT NULL,"
      " days INTEGER NOT NULL,"
      " types TEXT NOT NULL,"
      " reason TEXT NOT NULL,"
      " created_at BIGINT NOT NULL);";
  return {storage::portable_migration("waste", 1, "waste collection plan", kTables)};
}

namespace {

Day day_of(const storage::Row& row, std::size_t i) {
  auto d = parse_day(row.text(i));
  if (!d)
    throw Error(Errc::internal, fmt::format("waste: a stored date is invalid: {}", row.text(i)));
  return *d;
}

std::optional<HouseNumber> house_of(const storage::Row& row, std::size_t i) {
  auto text = row.opt_text(i);
  if (!text) return std::nullopt;
  return parse_house_number(*text);
}

storage::Value house_value(const std::optional<HouseNumber>& n) {
  return n ? storage::Value(format_house_number(*n)) : storage::null_value();
}

std::string join_types(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : "|") + t;
  return out;
}

std::vector<std::string> split_types(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('|', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void bump_revision(storage::Transaction& tx, std::int64_t city_id) {
  tx.execute(
      "INSERT INTO waste_revisions (city_id, revision) VALUES ($1, 1) "
      "ON CONFLICT (city_id) DO UPDATE SET revision = waste_revisions.revision + 1",
      {city_id});
}

// Inserts rows of `columns` values each, many per statement (10,000 streets are one import).
void insert_many(storage::Transaction& tx, std::string_view head, std::size_t columns,
                 const std::vector<storage::Value>& values) {
  constexpr std::size_t kRowsPerStatement = 400;
  std::size_t rows = values.size() / columns;
  for (std::size_t first = 0; first < rows; first += kRowsPerStatement) {
    std::size_t n = std::min(kRowsPerStatement, rows - first);
    std::string sql(head);
    sql += " VALUES ";
    for (std::size_t r = 0; r < n; ++r) {
      sql += r ? ",(" : "(";
      for (std::size_t c = 0; c < columns; ++c)
        sql += fmt::format("{}${}", c ? "," : "", r * columns + c + 1);
      sql += ")";
    }
    tx.execute(sql, std::span<const storage::Value>(values.data() + first * columns, n * columns));
  }
}

}  // namespace

Plan load_plan(storage::Transaction& tx, std::int64_t city_id) {
  Plan plan;
  for (const auto& row :
       tx.query("SELECT code, name, district FROM waste_areas WHERE city_id = $1 ORDER BY code",
                {city_id})
           .rows)
    plan.areas.push_back({row.text(0), row.text(1), row.text(2)});
  auto streets = tx.query(
      "SELECT street, district, house_from, house_to, parity, area FROM waste_streets"
      " WHERE city_id = $1 ORDER BY position",
      {city_id});
  plan.streets.reserve(streets.size());
  for (const auto& row : streets.rows)
    plan.streets.push_back({row.text(0), row.text(1), house_of(row, 2), house_of(row, 3),
                            parse_parity(row.text(4)).value_or(Parity::all), row.text(5)});
  for (const auto& row : tx.query("SELECT area, type, first_date, last_date, every_weeks"
                                  " FROM waste_rhythms WHERE city_id = $1",
                                  {city_id})
                             .rows)
    plan.rhythms.push_back({row.text(0), row.text(1), day_of(row, 2), day_of(row, 3),
                            static_cast<int>(row.integer(4))});
  for (const auto& row : tx.query("SELECT area, type, pickup_date FROM waste_dates"
                                  " WHERE city_id = $1",
                                  {city_id})
                             .rows)
    plan.one_offs.push_back({row.text(0), row.text(1), day_of(row, 2)});
  for (const auto& row :
       tx.query("SELECT id, area, type, planned_date, new_date, note FROM waste_changes"
                " WHERE city_id = $1 ORDER BY planned_date, id",
                {city_id})
           .rows) {
    Change c{row.integer(0), row.text(1), row.text(2), day_of(row, 3), std::nullopt, row.text(5)};
    if (!row.is_null(4)) c.new_date = day_of(row, 4);
    plan.changes.push_back(std::move(c));
  }
  for (const auto& row :
       tx.query("SELECT id, from_date, to_date, days, types, reason FROM waste_shifts"
                " WHERE city_id = $1 ORDER BY from_date, id",
                {city_id})
           .rows)
    plan.shifts.push_back({row.integer(0), day_of(row, 1), day_of(row, 2),
                           static_cast<int>(row.integer(3)), split_types(row.text(4)),
                           row.text(5)});
  return plan;
}

std::int64_t plan_revision(storage::Transaction& tx, std::int64_t city_id) {
  auto row = tx.query_one("SELECT revision FROM waste_revisions WHERE city_id = $1", {city_id});
  return row ? row->integer(0) : 0;
}

Replaced replace_streets(storage::Transaction& tx, std::int64_t city_id,
                         const std::vector<Area>& areas,
                         const std::vector<StreetSegment>& streets) {
  Replaced removed;
  removed.streets = static_cast<std::size_t>(
      tx.execute("DELETE FROM waste_streets WHERE city_id = $1", {city_id}));
  for (const auto& a : areas)
    tx.execute(
        "INSERT INTO waste_areas (city_id, code, name, district) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (city_id, code) DO UPDATE SET name = $3, district = $4",
        {city_id, a.code, a.name, a.district});
  std::vector<storage::Value> values;
  values.reserve(streets.size() * 8);
  std::int64_t position = 0;
  for (const auto& s : streets) {
    values.insert(values.end(), {city_id, ++position, s.street, s.district, house_value(s.from),
                                 house_value(s.to), std::string(to_string(s.parity)), s.area});
  }
  insert_many(tx,
              "INSERT INTO waste_streets (city_id, position, street, district, house_from,"
              " house_to, parity, area)",
              8, values);
  removed.areas = static_cast<std::size_t>(
      tx.execute("DELETE FROM waste_areas WHERE city_id = $1"
                 " AND code NOT IN (SELECT area FROM waste_streets WHERE city_id = $1)"
                 " AND code NOT IN (SELECT area FROM waste_rhythms WHERE city_id = $1)"
                 " AND code NOT IN (SELECT area FROM waste_dates WHERE city_id = $1)",
                 {city_id}));
  bump_revision(tx, city_id);
  return removed;
}

Replaced replace_year(storage::Transaction& tx, std::int64_t city_id, int year,
                      std::string_view area, const std::vector<Rhythm>& rhythms,
                      const std::vector<OneOff>& one_offs) {
  Replaced removed;
  std::string where = area.empty() ? "" : " AND area = $3";
  auto params = [&]() -> std::vector<storage::Value> {
    if (area.empty()) return {city_id, std::int64_t{year}};
    return {city_id, std::int64_t{year}, std::string(area)};
  }();
  removed.rhythms = static_cast<std::size_t>(
      tx.execute("DELETE FROM waste_rhythms WHERE city_id = $1 AND year = $2" + where, params));
  removed.dates = static_cast<std::size_t>(
      tx.execute("DELETE FROM waste_dates WHERE city_id = $1 AND year = $2" + where, params));
  std::vector<storage::Value> values;
  values.reserve(rhythms.size() * 7);
  for (const auto& r : rhythms)
    values.insert(values.end(), {city_id, r.area, r.type, format_day(r.first), format_day(r.last),
                                 std::int64_t{r.every_weeks}, std::int64_t{year_of(r.first)}});
  insert_many(tx,
              "INSERT INTO waste_rhythms (city_id, area, type, first_date, last_date,"
              " every_weeks, year)",
              7, values);
  values.clear();
  values.reserve(one_offs.size() * 5);
  for (const auto& d : one_offs)
    values.insert(values.end(),
                  {city_id, d.area, d.type, format_day(d.date), std::int64_t{year_of(d.date)}});
  insert_many(tx, "INSERT INTO waste_dates (city_id, area, type, pickup_date, year)", 5, values);
  bump_revision(tx, city_id);
  return removed;
}

void insert_change(storage::Transaction& tx, std::int64_t city_id, Change& change,
                   std::int64_t now) {
  auto existing = tx.query_one(
      "SELECT id FROM waste_changes WHERE city_id = $1 AND area = $2 AND type = $3"
      " AND planned_date = $4",
      {city_id, change.area, change.type, format_day(change.date)});
  if (existing)
    throw Error(Errc::conflict,
                fmt::format("This pickup has a change already (id {}); delete it first",
                            existing->integer(0)),
                "date");
  auto row = tx.query_one(
      "INSERT INTO waste_changes (city_id, area, type, planned_date, new_date, note, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {city_id, change.area, change.type, format_day(change.date),
       change.new_date ? storage::Value(format_day(*change.new_date)) : storage::null_value(),
       change.note, now});
  change.id = row->integer(0);
  bump_revision(tx, city_id);
}

std::optional<Change> delete_change(storage::Transaction& tx, std::int64_t city_id,
                                    std::int64_t id) {
  auto row = tx.query_one(
      "SELECT id, area, type, planned_date, new_date, note FROM waste_changes"
      " WHERE city_id = $1 AND id = $2",
      {city_id, id});
  if (!row) return std::nullopt;
  Change c{row->integer(0), row->text(1), row->text(2),
           day_of(*row, 3), std::nullopt, row->text(5)};
  if (!row->is_null(4)) c.new_date = day_of(*row, 4);
  tx.execute("DELETE FROM waste_changes WHERE city_id = $1 AND id = $2", {city_id, id});
  bump_revision(tx, city_id);
  return c;
}

void insert_shift(storage::Transaction& tx, std::int64_t city_id, Shift& shift, std::int64_t now) {
  auto row = tx.query_one(
      "INSERT INTO waste_shifts (city_id, from_date, to_date, days, types, reason, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {city_id, format_day(shift.from), format_day(shift.to), std::int64_t{shift.days},
       join_types(shift.types), shift.reason, now});
  shift.id = row->integer(0);
  bump_revision(tx, city_id);
}

std::optional<Shift> delete_shift(storage::Transaction& tx, std::int64_t city_id, std::int64_t id) {
  auto row = tx.query_one(
      "SELECT id, from_date, to_date, days, types, reason FROM waste_shifts"
      " WHERE city_id = $1 AND id = $2",
      {city_id, id});
  if (!row) return std::nullopt;
  Shift s{row->integer(0),           day_of(*row, 1),
          day_of(*row, 2),           static_cast<int>(row->integer(3)),
          split_types(row->text(4)), row->text(5)};
  tx.execute("DELETE FROM waste_shifts WHERE city_id = $1 AND id = $2", {city_id, id});
  bump_revision(tx, city_id);
  return s;
}

}  // namespace mosaik::modules::waste
