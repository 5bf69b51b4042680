#include "modules/reports/reports_store.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "platform/identity/secrets.hpp"
#include "shared/german_text.hpp"

namespace mosaik::modules::reports {

std::vector<storage::Migration> reports_migrations() {
  constexpr std::string_view kTables =
      "CREATE TABLE reports ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " submission_id TEXT NOT NULL,"
      " token_digest TEXT NOT NULL,"
      " category TEXT NOT NULL,"
      " department TEXT NOT NULL,"
      " status TEXT NOT NULL,"
      " lat DOUBLE PRECISION,"
      " lon DOUBLE PRECISION,"
      " address TEXT NOT NULL,"
      " district TEXT NOT NULL,"
      " description TEXT NOT NULL,"
      " attributes TEXT NOT NULL,"
      " public_answer TEXT NOT NULL,"
      " forwarded_to TEXT NOT NULL,"
      " duplicate_of BIGINT,"
      " published INTEGER NOT NULL,"
      " supporters BIGINT NOT NULL,"
      " locale TEXT NOT NULL,"
      " source TEXT NOT NULL,"
      " email TEXT,"
      " name TEXT,"
      " client_key TEXT,"
      " personal_deleted_at BIGINT,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL,"
      " closed_at BIGINT,"
      " UNIQUE (city_id, submission_id));"
      "CREATE INDEX reports_public ON reports (city_id, published, id);"
      "CREATE INDEX reports_position ON reports (city_id, lat, lon);"
      "CREATE INDEX reports_client ON reports (city_id, client_key, created_at);"
      "CREATE INDEX reports_closed ON reports (city_id, closed_at);"
      "CREATE TABLE report_photos ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " report_id BIGINT NOT NULL REFERENCES reports(id),"
      " position INTEGER NOT NULL,"
      " content_type TEXT NOT NULL,"
      " width INTEGER NOT NULL,"
      " height INTEGER NOT NULL,"
      " hidden INTEGER NOT NULL,"
      " image {blob} NOT NULL,"
      " thumbnail {blob} NOT NULL,"
      " thumbnail_type TEXT NOT NULL,"
      " PRIMARY KEY (report_id, position));"
      "CREATE TABLE report_history ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " report_id BIGINT NOT NULL REFERENCES reports(id),"
      " at BIGINT NOT NULL,"
      " kind TEXT NOT NULL,"
      " status TEXT,"
      " text TEXT NOT NULL,"
      " internal INTEGER NOT NULL,"
      " actor TEXT NOT NULL);"
      "CREATE INDEX report_history_report ON report_history (report_id, id);"
      "CREATE TABLE report_supports ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " report_id BIGINT NOT NULL REFERENCES reports(id),"
      " client_key TEXT,"
      " at BIGINT NOT NULL,"
      " UNIQUE (report_id, client_key));"
      "CREATE TABLE report_mail ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " report_id BIGINT NOT NULL REFERENCES reports(id),"
      " to_address TEXT NOT NULL,"
      " subject TEXT NOT NULL,"
      " body TEXT NOT NULL,"
      " attempts INTEGER NOT NULL,"
      " next_attempt_at BIGINT,"
      " sent_at BIGINT,"
      " last_error TEXT NOT NULL,"
      " created_at BIGINT NOT NULL);"
      "CREATE INDEX report_mail_due ON report_mail (next_attempt_at);"
      "CREATE TABLE report_keys ("
      " id INTEGER PRIMARY KEY,"
      " secret TEXT NOT NULL);";
  return {storage::portable_migration("reports", 1, "defect reports", kTables)};
}

namespace {

constexpr std::string_view kColumns =
    "id, city_id, category, department, status, lat, lon, address, district, description,"
    " attributes, public_answer, forwarded_to, duplicate_of, published, supporters, locale,"
    " source, email, name, personal_deleted_at, created_at, updated_at, closed_at";

Status status_of(const std::string& text) {
  auto s = parse_status(text);
  if (!s) throw Error(Errc::internal, fmt::format("reports: a stored status is invalid: {}", text));
  return *s;
}

Report report_of(const storage::Row& row) {
  Report r;
  r.id = row.integer(0);
  r.city_id = row.integer(1);
  r.category = row.text(2);
  r.department = row.text(3);
  r.status = status_of(row.text(4));
  if (!row.is_null(5) && !row.is_null(6)) r.position = Position{row.real(5), row.real(6)};
  r.address = row.text(7);
  r.district = row.text(8);
  r.description = row.text(9);
  auto attributes = parse_json_object(row.text(10));
  if (attributes) r.attributes = std::move(*attributes);
  r.public_answer = row.text(11);
  r.forwarded_to = row.text(12);
  r.duplicate_of = row.opt_integer(13);
  r.published = row.integer(14) != 0;
  r.supporters = row.integer(15);
  r.locale = row.text(16);
  r.source = row.text(17);
  r.email = row.opt_text(18);
  r.name = row.opt_text(19);
  r.personal_data_deleted = !row.is_null(20);
  r.created_at = row.integer(21);
  r.updated_at = row.integer(22);
  r.closed_at = row.opt_integer(23);
  return r;
}

storage::Value opt(const std::optional<std::string>& s) {
  return s ? storage::Value(*s) : storage::null_value();
}
storage::Value opt(const std::optional<std::int64_t>& v) {
  return v ? storage::Value(*v) : storage::null_value();
}

void load_details(storage::Transaction& tx, Report& r) {
  for (const auto& row :
       tx.query("SELECT position, width, height, hidden, content_type FROM report_photos"
                " WHERE city_id = $1 AND report_id = $2 ORDER BY position",
                {r.city_id, r.id})
           .rows)
    r.photos.push_back({static_cast<int>(row.integer(0)), static_cast<int>(row.integer(1)),
                        static_cast<int>(row.integer(2)), row.integer(3) != 0, row.text(4)});
  for (const auto& row :
       tx.query("SELECT at, kind, status, text, internal, actor FROM report_history"
                " WHERE city_id = $1 AND report_id = $2 ORDER BY id",
                {r.city_id, r.id})
           .rows) {
    HistoryEntry h{row.integer(0), row.text(1),         std::nullopt,
                   row.text(3),    row.integer(4) != 0, row.text(5)};
    if (!row.is_null(2)) h.status = status_of(row.text(2));
    r.history.push_back(std::move(h));
  }
}

std::vector<Report> reports_of(storage::Transaction& tx, const storage::Rows& rows, bool details) {
  std::vector<Report> out;
  out.reserve(rows.size());
  for (const auto& row : rows.rows) {
    out.push_back(report_of(row));
    if (details) load_details(tx, out.back());
  }
  return out;
}

// Appends "AND <condition>" with its parameters to a WHERE clause being built.
struct Where {
  std::string sql;
  std::vector<storage::Value> params;
  void add(std::string_view condition, std::initializer_list<storage::Value> values) {
    std::string text(condition);
    for (const auto& v : values) {
      params.push_back(v);
      auto marker = text.find('?');
      text.replace(marker, 1, fmt::format("${}", params.size()));
    }
    sql += " AND " + text;
  }
  // `by_position`: let the database use the position index (small boxes). Otherwise "+lat" keeps
  // it from doing so, and a query ordered by id walks the newest reports and filters them: a box
  // of most of the city holds most reports, and reading all of them to sort them by id costs
  // ~100 times more (bench/reports).
  void box(const Box& b, bool by_position = true) {
    add(by_position ? "lat >= ? AND lat <= ? AND lon >= ? AND lon <= ?"
                    : "+lat >= ? AND +lat <= ? AND +lon >= ? AND +lon <= ?",
        {b.south, b.north, b.west, b.east});
  }
  void open(std::optional<bool> open) {
    if (!open) return;
    sql += *open ? " AND status IN ('received', 'in_progress')"
                 : " AND status NOT IN ('received', 'in_progress')";
  }
};

}  // namespace

std::string client_key_secret(storage::Transaction& tx) {
  if (auto row = tx.query_one("SELECT secret FROM report_keys WHERE id = 1")) return row->text(0);
  tx.execute("INSERT INTO report_keys (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
             {identity::random_secret()});
  return tx.query_one("SELECT secret FROM report_keys WHERE id = 1")->text(0);
}

void insert_report(storage::Transaction& tx, std::int64_t city_id, NewReport& n, std::int64_t now) {
  auto& r = n.report;
  r.city_id = city_id;
  r.created_at = r.updated_at = now;
  auto row = tx.query_one(
      "INSERT INTO reports (city_id, submission_id, token_digest, category, department, status,"
      " lat, lon, address, district, description, attributes, public_answer, forwarded_to,"
      " duplicate_of, published, supporters, locale, source, email, name, client_key,"
      " personal_deleted_at, created_at, updated_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6,"
      " $7, $8, $9, $10, $11, $12, '', '', NULL, $13, 0, $14, $15, $16, $17, $18, NULL, $19, $19,"
      " NULL) RETURNING id",
      {city_id, n.submission_id, n.token_digest, r.category, r.department,
       std::string(to_string(r.status)),
       r.position ? storage::Value(r.position->lat) : storage::null_value(),
       r.position ? storage::Value(r.position->lon) : storage::null_value(), r.address, r.district,
       r.description, json::serialize(r.attributes), std::int64_t{r.published ? 1 : 0}, r.locale,
       r.source, opt(r.email), opt(r.name),
       n.client_key.empty() ? storage::null_value() : storage::Value(n.client_key), now});
  r.id = row->integer(0);
  r.photos.clear();
  for (auto& p : n.photos) {
    tx.execute(
        "INSERT INTO report_photos (city_id, report_id, position, content_type, width, height,"
        " hidden, image, thumbnail, thumbnail_type) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)",
        {city_id, r.id, std::int64_t{p.photo.position}, p.photo.content_type,
         std::int64_t{p.photo.width}, std::int64_t{p.photo.height}, storage::Blob{p.image},
         storage::Blob{p.thumbnail}, p.thumbnail_type});
    r.photos.push_back(p.photo);
  }
  HistoryEntry created{now, "created", r.status, "", false, ""};
  add_history(tx, city_id, r.id, created);
  r.history = {created};
}

std::optional<std::int64_t> report_of_submission(storage::Transaction& tx, std::int64_t city_id,
                                                 std::string_view submission_id) {
  auto row = tx.query_one("SELECT id FROM reports WHERE city_id = $1 AND submission_id = $2",
                          {city_id, std::string(submission_id)});
  if (!row) return std::nullopt;
  return row->integer(0);
}

void set_token_digest(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                      std::string_view token_digest) {
  tx.execute("UPDATE reports SET token_digest = $3 WHERE city_id = $1 AND id = $2",
             {city_id, id, std::string(token_digest)});
}

bool token_matches(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                   std::string_view token_digest) {
  auto row = tx.query_one("SELECT token_digest FROM reports WHERE city_id = $1 AND id = $2",
                          {city_id, id});
  return row && identity::equal_in_constant_time(row->text(0), token_digest);
}

std::optional<Report> load_report(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                                  bool details) {
  auto row =
      tx.query_one(fmt::format("SELECT {} FROM reports WHERE city_id = $1 AND id = $2", kColumns),
                   {city_id, id});
  if (!row) return std::nullopt;
  auto r = report_of(*row);
  if (details) load_details(tx, r);
  return r;
}

std::int64_t reports_of_client(storage::Transaction& tx, std::int64_t city_id,
                               std::string_view client_key, std::int64_t since_ms) {
  return tx
      .query_one(
          "SELECT COUNT(*) FROM reports WHERE city_id = $1 AND client_key = $2 AND created_at >= "
          "$3",
          {city_id, std::string(client_key), since_ms})
      ->integer(0);
}

std::vector<Report> list_public(storage::Transaction& tx, std::int64_t city_id,
                                const PublicFilter& filter, std::int64_t before_id,
                                std::size_t limit, bool details) {
  Where where;
  where.params = {city_id, before_id};
  if (filter.box) where.box(*filter.box);
  if (!filter.category.empty()) where.add("category = ?", {filter.category});
  where.open(filter.open);
  if (filter.from_ms) where.add("created_at >= ?", {*filter.from_ms});
  if (filter.to_ms) where.add("created_at <= ?", {*filter.to_ms});
  if (filter.ids) {
    if (filter.ids->empty()) return {};
    std::string list;
    for (auto id : *filter.ids) {
      where.params.emplace_back(id);
      list += fmt::format("{}${}", list.empty() ? "" : ", ", where.params.size());
    }
    where.sql += fmt::format(" AND id IN ({})", list);
  }
  where.params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx.query(fmt::format("SELECT {} FROM reports WHERE city_id = $1 AND published = 1 AND"
                                   " status <> 'rejected' AND id < $2{} ORDER BY id DESC LIMIT ${}",
                                   kColumns, where.sql, where.params.size()),
                       where.params);
  return reports_of(tx, rows, details);
}

std::vector<MapPoint> map_points(storage::Transaction& tx, std::int64_t city_id, const Box& box,
                                 std::optional<bool> open, std::size_t limit, bool wide) {
  Where where;
  where.params = {city_id};
  where.box(box, /*by_position=*/!wide);
  where.open(open);
  where.params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows =
      tx.query(fmt::format("SELECT id, lat, lon, category, status, created_at FROM reports"
                           " WHERE city_id = $1 AND published = 1 AND status <> 'rejected'{}"
                           " ORDER BY id DESC LIMIT ${}",
                           where.sql, where.params.size()),
               where.params);
  std::vector<MapPoint> out;
  out.reserve(rows.size());
  for (const auto& row : rows.rows)
    out.push_back({row.integer(0), row.real(1), row.real(2), row.text(3), status_of(row.text(4)),
                   row.integer(5)});
  return out;
}

std::vector<Report> open_reports_in(storage::Transaction& tx, std::int64_t city_id,
                                    std::string_view category, const Box& box) {
  Where where;
  where.params = {city_id, std::string(category)};
  where.box(box);
  where.open(true);
  auto rows = tx.query(fmt::format("SELECT {} FROM reports WHERE city_id = $1 AND category = $2"
                                   "{} ORDER BY id DESC LIMIT 200",
                                   kColumns, where.sql),
                       where.params);
  return reports_of(tx, rows, false);
}

std::vector<Report> list_cases(storage::Transaction& tx, std::int64_t city_id,
                               const CaseFilter& filter, std::int64_t after_id, std::size_t limit) {
  Where where;
  where.params = {city_id, after_id};
  if (filter.status) where.add("status = ?", {std::string(to_string(*filter.status))});
  where.open(filter.open);
  if (!filter.category.empty()) where.add("category = ?", {filter.category});
  if (!filter.department.empty()) where.add("department = ?", {filter.department});
  if (!filter.district.empty()) where.add("district = ?", {filter.district});
  if (filter.created_before_ms) where.add("created_at < ?", {*filter.created_before_ms});
  auto select = [&](std::int64_t after, std::size_t count) {
    auto params = where.params;
    params[1] = after;
    params.emplace_back(static_cast<std::int64_t>(count));
    return tx.query(fmt::format("SELECT {} FROM reports WHERE city_id = $1 AND id > $2{}"
                                " ORDER BY id LIMIT ${}",
                                kColumns, where.sql, params.size()),
                    params);
  };
  if (filter.query.empty()) return reports_of(tx, select(after_id, limit), false);
  // The text search folds German text here (shared/german_text), not with the database's
  // LOWER(), so that "mueller" finds "Müller" and both backends answer alike: the other filters
  // narrow the rows in SQL, the text is matched in batches until the page is full.
  constexpr std::size_t kTextBatch = 1000;
  auto needle = shared::fold_german(filter.query);
  std::vector<Report> out;
  for (std::int64_t cursor = after_id; out.size() < limit;) {
    auto rows = select(cursor, kTextBatch);
    for (auto& r : reports_of(tx, rows, false)) {
      cursor = r.id;
      if (shared::fold_german(r.description).find(needle) == std::string::npos &&
          shared::fold_german(r.address).find(needle) == std::string::npos)
        continue;
      out.push_back(std::move(r));
      if (out.size() == limit) break;
    }
    if (rows.rows.size() < kTextBatch) break;
  }
  return out;
}

void update_report(storage::Transaction& tx, const Report& r) {
  tx.execute(
      "UPDATE reports SET category = $3, department = $4, status = $5, public_answer = $6,"
      " forwarded_to = $7, duplicate_of = $8, published = $9, updated_at = $10, closed_at = $11,"
      " district = $12 WHERE city_id = $1 AND id = $2",
      {r.city_id, r.id, r.category, r.department, std::string(to_string(r.status)), r.public_answer,
       r.forwarded_to, opt(r.duplicate_of), std::int64_t{r.published ? 1 : 0}, r.updated_at,
       opt(r.closed_at), r.district});
}

void add_history(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                 const HistoryEntry& h) {
  tx.execute(
      "INSERT INTO report_history (city_id, report_id, at, kind, status, text, internal, actor)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {city_id, report_id, h.at, h.kind,
       h.status ? storage::Value(std::string(to_string(*h.status))) : storage::null_value(), h.text,
       std::int64_t{h.internal ? 1 : 0}, h.actor});
}

std::optional<PhotoBytes> load_photo(storage::Transaction& tx, std::int64_t city_id,
                                     std::int64_t report_id, int position, bool thumbnail) {
  auto row = tx.query_one(thumbnail ? "SELECT thumbnail, thumbnail_type, hidden FROM report_photos"
                                      " WHERE city_id = $1 AND report_id = $2 AND position = $3"
                                    : "SELECT image, content_type, hidden FROM report_photos"
                                      " WHERE city_id = $1 AND report_id = $2 AND position = $3",
                          {city_id, report_id, std::int64_t{position}});
  if (!row) return std::nullopt;
  return PhotoBytes{row->blob(0), row->text(1), row->integer(2) != 0};
}

bool set_photo_hidden(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                      int position, bool hidden) {
  return tx.execute(
             "UPDATE report_photos SET hidden = $4 WHERE city_id = $1 AND report_id = $2"
             " AND position = $3",
             {city_id, report_id, std::int64_t{position}, std::int64_t{hidden ? 1 : 0}}) > 0;
}

std::int64_t add_support(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                         std::string_view client_key) {
  auto added = tx.execute(
      "INSERT INTO report_supports (city_id, report_id, client_key, at) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (report_id, client_key) DO NOTHING",
      {city_id, report_id, std::string(client_key), unix_millis()});
  if (added > 0)
    tx.execute("UPDATE reports SET supporters = supporters + 1 WHERE city_id = $1 AND id = $2",
               {city_id, report_id});
  return tx
      .query_one("SELECT supporters FROM reports WHERE city_id = $1 AND id = $2",
                 {city_id, report_id})
      ->integer(0);
}

void delete_personal_data(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                          std::int64_t now) {
  tx.execute(
      "UPDATE reports SET email = NULL, name = NULL, client_key = NULL,"
      " personal_deleted_at = COALESCE(personal_deleted_at, $3) WHERE city_id = $1 AND id = $2",
      {city_id, report_id, now});
  tx.execute("UPDATE report_supports SET client_key = NULL WHERE city_id = $1 AND report_id = $2",
             {city_id, report_id});
  tx.execute("DELETE FROM report_mail WHERE city_id = $1 AND report_id = $2 AND sent_at IS NULL",
             {city_id, report_id});
  tx.execute(
      "UPDATE report_mail SET to_address = '', body = '' WHERE city_id = $1 AND"
      " report_id = $2",
      {city_id, report_id});
}

std::size_t apply_retention(storage::Transaction& tx, std::int64_t city_id,
                            std::int64_t closed_before_ms, std::int64_t now) {
  auto rows = tx.query(
      "SELECT id FROM reports WHERE city_id = $1 AND closed_at IS NOT NULL AND closed_at < $2"
      " AND personal_deleted_at IS NULL",
      {city_id, closed_before_ms});
  for (const auto& row : rows.rows) delete_personal_data(tx, city_id, row.integer(0), now);
  return rows.size();
}

void queue_mail(storage::Transaction& tx, const OutgoingMail& m, std::int64_t now) {
  tx.execute(
      "INSERT INTO report_mail (city_id, report_id, to_address, subject, body, attempts,"
      " next_attempt_at, sent_at, last_error, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6,"
      " NULL, '', $6)",
      {m.city_id, m.report_id, m.to, m.subject, m.body, now});
}

std::vector<OutgoingMail> due_mail(storage::Transaction& tx, std::int64_t now, std::size_t limit) {
  auto rows = tx.query(
      "SELECT id, city_id, report_id, to_address, subject, body, attempts FROM report_mail"
      " WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
      {now, static_cast<std::int64_t>(limit)});
  std::vector<OutgoingMail> out;
  for (const auto& row : rows.rows)
    out.push_back({row.integer(0), row.integer(1), row.integer(2), row.text(3), row.text(4),
                   row.text(5), static_cast<int>(row.integer(6))});
  return out;
}

bool claim_mail(storage::Transaction& tx, std::int64_t id, std::int64_t now,
                std::int64_t lease_until_ms) {
  return tx.execute(
             "UPDATE report_mail SET next_attempt_at = $3 WHERE id = $1 AND"
             " next_attempt_at IS NOT NULL AND next_attempt_at <= $2",
             {id, now, lease_until_ms}) > 0;
}

void mark_mail_sent(storage::Transaction& tx, std::int64_t id, std::int64_t now) {
  tx.execute(
      "UPDATE report_mail SET sent_at = $2, next_attempt_at = NULL, attempts = attempts + 1"
      " WHERE id = $1",
      {id, now});
}

void mark_mail_failed(storage::Transaction& tx, std::int64_t id, std::string_view error,
                      std::optional<std::int64_t> next_attempt_ms) {
  tx.execute(
      "UPDATE report_mail SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3"
      " WHERE id = $1",
      {id, std::string(error.substr(0, 500)), opt(next_attempt_ms)});
}

}  // namespace mosaik::modules::reports
