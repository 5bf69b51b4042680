// The e-mails of the module: a reporter's notice of a status change and a department's notice
// of a new report, queued in the outbox (report_mail) in the transaction of the change, and the
// job that sends due messages through the SMTP relay and retries failures with a growing delay.
#pragma once

#include "core/config.hpp"
#include "modules/reports/report.hpp"
#include "modules/reports/reports_store.hpp"

namespace mosaik::modules::reports {

// To the reporter, in their language: the new status and the city's public answer.
OutgoingMail status_mail(const tenants::City& city, const ReportsSettings& settings,
                         const Report& report, const std::string& to, std::string_view origin);
// To a department: a new report of its category (without the reporter's personal data).
OutgoingMail department_notice(const tenants::City& city, const ReportsSettings& settings,
                               const Report& report, const std::string& to,
                               std::string_view origin);

// The delay before attempt `attempts + 1` after `attempts` failures: 1, 5, 15, 60 minutes, then
// 4 hours.
std::int64_t retry_delay_ms(int attempts) noexcept;

// Sends the due messages of all cities; returns how many were sent. Without mail.smtp_url
// nothing is sent (the messages wait).
Result<std::size_t> send_due_mail(storage::Store& store, const MailConfig& mail, std::int64_t now);

}  // namespace mosaik::modules::reports
