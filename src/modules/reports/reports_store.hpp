// The reports tables: reports (with the reporter's personal data in their own columns, so the
// retention rule can clear them), photos (re-encoded image and thumbnail), history, supports
// (one per client), the e-mail outbox, and the module's key for client hashes. Every statement
// is scoped by city_id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/reports/report.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::reports {

std::vector<storage::Migration> reports_migrations();

// The secret that client keys are made with; created on first use.
std::string client_key_secret(storage::Transaction& tx);

struct StoredPhoto {
  Photo photo;
  std::string image;      // re-encoded bytes
  std::string thumbnail;  // JPEG/PNG thumbnail bytes
  std::string thumbnail_type;
};

struct NewReport {
  Report report;  // category ... locale, email, name, source; id and times are set by insert
  std::string submission_id;
  std::string token_digest;  // secret_digest of the access token
  std::string client_key;    // keyed hash of the client address; may be empty (CLI)
  std::vector<StoredPhoto> photos;
};

// Stores a report, its photos and its "created" history entry; sets report.id. A second report
// with the same submission_id: Errc::conflict.
void insert_report(storage::Transaction& tx, std::int64_t city_id, NewReport& report,
                   std::int64_t now);

// The report of a submission, if any.
std::optional<std::int64_t> report_of_submission(storage::Transaction& tx, std::int64_t city_id,
                                                 std::string_view submission_id);
void set_token_digest(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                      std::string_view token_digest);
// Whether the access token's digest belongs to the report.
bool token_matches(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                   std::string_view token_digest);

// With photos (without bytes) and history when `details`.
std::optional<Report> load_report(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                                  bool details = true);

// Reports of a client since `since_ms` (rate limit).
std::int64_t reports_of_client(storage::Transaction& tx, std::int64_t city_id,
                               std::string_view client_key, std::int64_t since_ms);

struct Box {
  double south, west, north, east;
};

struct PublicFilter {
  std::optional<Box> box;
  std::string category;
  std::optional<bool> open;  // open / closed / both
  std::optional<std::vector<std::int64_t>> ids;
  std::optional<std::int64_t> from_ms, to_ms;  // created_at range
};
// Public reports (published, not rejected), newest first, ids below `before_id`; without
// photos and history unless `details`.
std::vector<Report> list_public(storage::Transaction& tx, std::int64_t city_id,
                                const PublicFilter& filter, std::int64_t before_id,
                                std::size_t limit, bool details = false);

// A compact point of the public map.
struct MapPoint {
  std::int64_t id;
  double lat, lon;
  std::string category;
  Status status;
  std::int64_t created_at;
};
std::vector<MapPoint> map_points(storage::Transaction& tx, std::int64_t city_id, const Box& box,
                                 std::optional<bool> open, std::size_t limit);

// Open reports of a category whose position is in `box` (any moderation state).
std::vector<Report> open_reports_in(storage::Transaction& tx, std::int64_t city_id,
                                    std::string_view category, const Box& box);

struct CaseFilter {
  std::optional<Status> status;
  std::optional<bool> open;
  std::string category, department, district, query;
  std::optional<std::int64_t> created_before_ms;
};
// The inbox: oldest first, ids above `after_id`.
std::vector<Report> list_cases(storage::Transaction& tx, std::int64_t city_id,
                               const CaseFilter& filter, std::int64_t after_id, std::size_t limit);

// Writes the fields staff change (category ... closed_at, published) and updated_at.
void update_report(storage::Transaction& tx, const Report& report);
void add_history(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                 const HistoryEntry& entry);

struct PhotoBytes {
  std::string bytes;
  std::string content_type;
  bool hidden = false;
};
std::optional<PhotoBytes> load_photo(storage::Transaction& tx, std::int64_t city_id,
                                     std::int64_t report_id, int position, bool thumbnail);
// False when there is no such photo.
bool set_photo_hidden(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                      int position, bool hidden);

// Counts the client's support once; returns the report's supporters afterwards.
std::int64_t add_support(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                         std::string_view client_key);

// Clears e-mail, name and client keys of the report (and its supports), drops its queued mail.
void delete_personal_data(storage::Transaction& tx, std::int64_t city_id, std::int64_t report_id,
                          std::int64_t now);
// Clears the personal data of every report closed before `closed_before_ms`; returns how many.
std::size_t apply_retention(storage::Transaction& tx, std::int64_t city_id,
                            std::int64_t closed_before_ms, std::int64_t now);

struct OutgoingMail {
  std::int64_t id = 0;
  std::int64_t city_id = 0;
  std::int64_t report_id = 0;
  std::string to, subject, body;
  int attempts = 0;
};
void queue_mail(storage::Transaction& tx, const OutgoingMail& mail, std::int64_t now);
// Unsent messages due at `now`, oldest first, of every city.
std::vector<OutgoingMail> due_mail(storage::Transaction& tx, std::int64_t now, std::size_t limit);
// Takes a due message for this node until `lease_until_ms` (so two nodes never send it both);
// false when another node took it first.
bool claim_mail(storage::Transaction& tx, std::int64_t id, std::int64_t now,
                std::int64_t lease_until_ms);
void mark_mail_sent(storage::Transaction& tx, std::int64_t id, std::int64_t now);
// Counts the attempt; `next_attempt_ms` empty: give up.
void mark_mail_failed(storage::Transaction& tx, std::int64_t id, std::string_view error,
                      std::optional<std::int64_t> next_attempt_ms);

}  // namespace mosaik::modules::reports
