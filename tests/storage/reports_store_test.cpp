// The reports tables on both backends (--backend=sqlite / postgres): a report round-trips with its
// photos and history; a submission is stored once; public lists leave out unpublished and
// rejected reports; the retention rule clears exactly the personal data of reports closed long
// enough ago; a support counts once per client; the e-mail outbox is claimed by one sender, retried
// and given up.
#include "modules/reports/reports_store.hpp"

#include <gtest/gtest.h>

#include "app/assembly.hpp"
#include "modules/reports/report_mail.hpp"
#include "modules/reports/reports_module.hpp"
#include "platform/tenants/city_directory.hpp"
#include "platform/tenants/city_store.hpp"
#include "storage/migrations.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

namespace mosaik::modules::reports {
namespace {

constexpr std::int64_t kDay = 24 * 3'600'000;

class ReportsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.open({});
    auto migrated = storage::migrate(*store_, app::all_migrations(catalog_));
    ASSERT_TRUE(migrated.ok()) << migrated.error().detail();
    tenants::City city;
    city.slug = "teststadt";
    city.name = "Teststadt";
    city.center = {51.5, 7.45};
    city.bounds = {{51.4, 7.3}, {51.6, 7.6}};
    city.modules["reports"] = {true, validate_reports_settings({{"retention_days", 30}}).value()};
    auto created = tenants::CityStore(*store_, catalog_).create(city);
    ASSERT_TRUE(created.ok()) << created.error().detail();
    city_id_ = created->id;
  }
  template <class F>
  auto write(F&& work) {
    auto r = store_->write(std::forward<F>(work));
    EXPECT_TRUE(r.ok()) << r.error().detail();
    if constexpr (!std::is_void_v<decltype(work(std::declval<storage::Transaction&>()))>)
      return std::move(r).value();
  }
  template <class F>
  auto read(F&& work) {
    return store_->read(std::forward<F>(work)).value();
  }
  std::int64_t add(std::string submission, std::optional<std::string> email, bool published,
                   std::int64_t now = 1'000'000, std::vector<StoredPhoto> photos = {},
                   std::string description = "Loch", std::string address = {}) {
    NewReport n;
    n.report.category = "schlagloch";
    n.report.department = "tiefbau";
    n.report.position = Position{51.5, 7.4};
    n.report.description = std::move(description);
    n.report.address = std::move(address);
    n.report.attributes = json::object{{"lage", "gehweg"}};
    n.report.published = published;
    n.report.email = std::move(email);
    n.submission_id = std::move(submission);
    n.token_digest = "digest";
    n.client_key = "client-1";
    n.photos = std::move(photos);
    write([&](storage::Transaction& tx) { insert_report(tx, city_id_, n, now); });
    return n.report.id;
  }
  void close(std::int64_t id, std::int64_t at, Status status = Status::done) {
    write([&](storage::Transaction& tx) {
      auto r = *load_report(tx, city_id_, id);
      r.status = status;
      r.closed_at = at;
      update_report(tx, r);
    });
  }

  modules::ModuleCatalog catalog_ = app::make_module_catalog();
  testing::TestDatabase db_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t city_id_ = 0;
};

TEST_F(ReportsStore, AReportRoundTripsWithPhotosAndHistory) {
  StoredPhoto photo;
  photo.photo = Photo{1, 640, 480, false, "image/jpeg"};
  photo.image = std::string("\xFF\xD8jpeg", 6);
  photo.thumbnail = "thumb";
  photo.thumbnail_type = "image/jpeg";
  auto id = add("submission-0000000001", "a@example.org", true, 1'000'000, {photo});
  auto r = read([&](storage::Transaction& tx) { return load_report(tx, city_id_, id); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->category, "schlagloch");
  EXPECT_EQ(r->attributes, (json::object{{"lage", "gehweg"}}));
  EXPECT_EQ(r->email, "a@example.org");
  ASSERT_TRUE(r->position);
  EXPECT_DOUBLE_EQ(r->position->lat, 51.5);
  ASSERT_EQ(r->photos.size(), 1u);
  EXPECT_EQ(r->photos[0].width, 640);
  ASSERT_EQ(r->history.size(), 1u);
  EXPECT_EQ(r->history[0].kind, "created");
  auto bytes =
      read([&](storage::Transaction& tx) { return load_photo(tx, city_id_, id, 1, false); });
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->bytes, photo.image);
  EXPECT_EQ(read([&](storage::Transaction& tx) {
              return report_of_submission(tx, city_id_, "submission-0000000001");
            }),
            id);
  // A second report of the same submission is a conflict, and nothing of it stays.
  NewReport again;
  again.report.category = "schlagloch";
  again.submission_id = "submission-0000000001";
  auto second =
      store_->write([&](storage::Transaction& tx) { insert_report(tx, city_id_, again, 2); });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), Errc::conflict);
}

TEST_F(ReportsStore, PublicListsLeaveOutUnpublishedAndRejectedReports) {
  auto shown = add("submission-0000000002", std::nullopt, true);
  add("submission-0000000003", std::nullopt, false);
  auto rejected = add("submission-0000000004", std::nullopt, true);
  close(rejected, 2'000'000, Status::rejected);
  auto list = read([&](storage::Transaction& tx) {
    return list_public(tx, city_id_, {}, std::numeric_limits<std::int64_t>::max(), 100);
  });
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, shown);
  auto points = read([&](storage::Transaction& tx) {
    return map_points(tx, city_id_, {51, 7, 52, 8}, std::nullopt, 100);
  });
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].id, shown);
  // A wide box reads the newest reports instead of the position index: the same answer.
  auto wide = read([&](storage::Transaction& tx) {
    return map_points(tx, city_id_, {51, 7, 52, 8}, std::nullopt, 100, /*wide=*/true);
  });
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_EQ(wide[0].id, shown);
  EXPECT_TRUE(read([&](storage::Transaction& tx) {
                return map_points(tx, city_id_, {52, 7, 53, 8}, std::nullopt, 100, true);
              }).empty());
  auto nothing = read([&](storage::Transaction& tx) {
    return map_points(tx, city_id_, {52, 7, 53, 8}, std::nullopt, 100);
  });
  EXPECT_TRUE(nothing.empty());
}

TEST_F(ReportsStore, RetentionClearsThePersonalDataOfReportsClosedLongEnoughAgo) {
  auto now = 400 * kDay;
  auto old_closed = add("submission-0000000005", "old@example.org", true);
  auto recent_closed = add("submission-0000000006", "recent@example.org", true);
  auto open = add("submission-0000000007", "open@example.org", true);
  close(old_closed, now - 100 * kDay);
  close(recent_closed, now - 10 * kDay);
  write([&](storage::Transaction& tx) {
    queue_mail(tx, {0, city_id_, old_closed, "old@example.org", "Betreff", "Text", 0}, now);
  });
  auto cleared = write([&](storage::Transaction& tx) {
    return apply_retention(tx, city_id_, now - 90 * kDay, now);
  });
  EXPECT_EQ(cleared, 1u);
  auto email_of = [&](std::int64_t id) {
    return read([&](storage::Transaction& tx) { return load_report(tx, city_id_, id)->email; });
  };
  EXPECT_EQ(email_of(old_closed), std::nullopt);
  EXPECT_EQ(email_of(recent_closed), "recent@example.org");
  EXPECT_EQ(email_of(open), "open@example.org");
  EXPECT_TRUE(read([&](storage::Transaction& tx) { return due_mail(tx, now, 10); }).empty());
  // Once cleared, the rule finds nothing more to do.
  EXPECT_EQ(write([&](storage::Transaction& tx) {
              return apply_retention(tx, city_id_, now - 90 * kDay, now);
            }),
            0u);
  EXPECT_TRUE(read([&](storage::Transaction& tx) {
    return load_report(tx, city_id_, old_closed)->personal_data_deleted;
  }));
}

TEST_F(ReportsStore, TheInboxTextSearchFoldsGermanAlikeOnBothBackends) {
  auto muller = add("submission-0000000010", std::nullopt, true, 1'000'000, {},
                    "Schlagloch vor der Bäckerei", "Müllerstraße 3");
  auto strasse = add("submission-0000000011", std::nullopt, true, 1'000'000, {},
                     "GROSSE Pfütze AN DER STRASSE");
  add("submission-0000000012", std::nullopt, true, 1'000'000, {}, "Laterne dunkel", "Am Markt");
  auto search = [&](std::string query, std::int64_t after = 0, std::size_t limit = 50) {
    CaseFilter filter;
    filter.query = std::move(query);
    std::vector<std::int64_t> ids;
    for (const auto& r : read([&](storage::Transaction& tx) {
           return list_cases(tx, city_id_, filter, after, limit);
         }))
      ids.push_back(r.id);
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(search("mueller"), Ids{muller});
  EXPECT_EQ(search("MÜLLERSTR"), Ids{muller});
  EXPECT_EQ(search("baeckerei"), Ids{muller});
  EXPECT_EQ(search("pfuetze"), Ids{strasse});
  EXPECT_EQ(search("straße"), (Ids{muller, strasse}));
  EXPECT_EQ(search("100%"), Ids{});
  // Paging through matches: the next page starts after the last one shown.
  EXPECT_EQ(search("strasse", 0, 1), Ids{muller});
  EXPECT_EQ(search("strasse", muller, 1), Ids{strasse});
}

TEST_F(ReportsStore, ASupportCountsOncePerClient) {
  auto id = add("submission-0000000008", std::nullopt, true);
  auto support = [&](std::string client) {
    return write([&](storage::Transaction& tx) { return add_support(tx, city_id_, id, client); });
  };
  EXPECT_EQ(support("k1"), 1);
  EXPECT_EQ(support("k1"), 1);
  EXPECT_EQ(support("k2"), 2);
}

TEST_F(ReportsStore, TheOutboxIsClaimedOnceRetriedAndGivenUp) {
  auto id = add("submission-0000000009", "a@example.org", true);
  write([&](storage::Transaction& tx) {
    queue_mail(tx, {0, city_id_, id, "a@example.org", "Betreff", "Text", 0}, 1000);
  });
  auto due = read([&](storage::Transaction& tx) { return due_mail(tx, 1000, 10); });
  ASSERT_EQ(due.size(), 1u);
  auto mail = due[0].id;
  EXPECT_TRUE(write([&](storage::Transaction& tx) { return claim_mail(tx, mail, 1000, 61'000); }));
  EXPECT_FALSE(write([&](storage::Transaction& tx) { return claim_mail(tx, mail, 1000, 61'000); }));
  write([&](storage::Transaction& tx) { mark_mail_failed(tx, mail, "refused", 5000); });
  EXPECT_TRUE(read([&](storage::Transaction& tx) { return due_mail(tx, 4999, 10); }).empty());
  due = read([&](storage::Transaction& tx) { return due_mail(tx, 5000, 10); });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 1);
  write([&](storage::Transaction& tx) { mark_mail_failed(tx, mail, "refused", std::nullopt); });
  EXPECT_TRUE(read([&](storage::Transaction& tx) { return due_mail(tx, 1'000'000, 10); }).empty());
}

TEST_F(ReportsStore, TheRetentionJobUsesEachCitysRetentionDays) {
  auto now = 400 * kDay;
  auto closed_31_days_ago = add("submission-0000000010", "a@example.org", true);
  auto closed_29_days_ago = add("submission-0000000011", "b@example.org", true);
  close(closed_31_days_ago, now - 31 * kDay);
  close(closed_29_days_ago, now - 29 * kDay);
  tenants::CityStore cities(*store_, catalog_);
  tenants::PublicLinks links("");
  tenants::CityDirectory directory(cities, catalog_, links);
  ASSERT_TRUE(directory.reload().ok());
  auto cleared = run_retention(*store_, directory, now);
  ASSERT_TRUE(cleared.ok()) << cleared.error().detail();
  EXPECT_EQ(*cleared, 1u);
  auto email_of = [&](std::int64_t id) {
    return read([&](storage::Transaction& tx) { return load_report(tx, city_id_, id)->email; });
  };
  EXPECT_EQ(email_of(closed_31_days_ago), std::nullopt);
  EXPECT_EQ(email_of(closed_29_days_ago), "b@example.org");
}

TEST_F(ReportsStore, AMailTheRelayRefusesIsSentAgainLater) {
  testing::SmtpSink sink;
  MailConfig mail;
  mail.smtp_url = sink.url();
  mail.max_attempts = 3;
  auto id = add("submission-0000000012", "a@example.org", true);
  write([&](storage::Transaction& tx) {
    queue_mail(tx, {0, city_id_, id, "a@example.org", "Ihre Meldung", "Erledigt", 0}, 1000);
  });
  sink.set_refuse(true);
  EXPECT_EQ(send_due_mail(*store_, mail, 1000).value(), 0u);
  // Not due again before the first delay has passed.
  EXPECT_EQ(send_due_mail(*store_, mail, 1000 + retry_delay_ms(0) - 1).value(), 0u);
  sink.set_refuse(false);
  EXPECT_TRUE(sink.messages().empty());
  EXPECT_EQ(send_due_mail(*store_, mail, 1000 + retry_delay_ms(0)).value(), 1u);
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(sink.messages()[0].recipients, std::vector<std::string>{"a@example.org"});
  // Sent once: nothing is due any more.
  EXPECT_EQ(send_due_mail(*store_, mail, 10 * kDay).value(), 0u);
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(ReportsStore, AMailIsGivenUpAfterMaxAttempts) {
  testing::SmtpSink sink;
  sink.set_refuse(true);
  MailConfig mail;
  mail.smtp_url = sink.url();
  mail.max_attempts = 2;
  auto id = add("submission-0000000013", "a@example.org", true);
  write([&](storage::Transaction& tx) {
    queue_mail(tx, {0, city_id_, id, "a@example.org", "Ihre Meldung", "Erledigt", 0}, 1000);
  });
  EXPECT_EQ(send_due_mail(*store_, mail, 1000).value(), 0u);
  EXPECT_EQ(send_due_mail(*store_, mail, 1000 + retry_delay_ms(0)).value(), 0u);
  EXPECT_TRUE(read([&](storage::Transaction& tx) { return due_mail(tx, 100 * kDay, 10); }).empty());
}

}  // namespace
}  // namespace mosaik::modules::reports
