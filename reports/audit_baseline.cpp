// reports/audit_baseline.cpp
#include "reports/audit_baseline.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "analyzer/diagnostic.hpp"

namespace fwaudit::reports {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw InputError({Severity::error, "bad-baseline", message, {path, 0, 0, {}}, {}});
}

bool parse_date(const std::string& s, std::chrono::year_month_day& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  out = std::chrono::year_month_day{
      std::chrono::year{std::stoi(s.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  return out.ok();
}

std::string format_date(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

}  // namespace

bool valid_date(const std::string& date) {
  std::chrono::year_month_day d;
  return parse_date(date, d);
}

std::string add_days(const std::string& date, int days) {
  std::chrono::year_month_day d;
  if (!parse_date(date, d)) return {};
  return format_date(std::chrono::sys_days{d} + std::chrono::days{days});
}

std::string today_date() {
  if (const char* fixed = std::getenv("FWAUDIT_TODAY"); fixed != nullptr && valid_date(fixed))
    return fixed;
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return format_date(std::chrono::year_month_day{now});
}

Baseline read_baseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(path, "cannot open the baseline file for reading");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    fail(path, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object() || !j.contains("schema_version") || j["schema_version"] != 1)
    fail(path, "/schema_version: expected 1");
  if (!j.contains("accepted") || !j["accepted"].is_array())
    fail(path, "/accepted: expected an array of {\"fingerprint\", \"reason\", \"expires\"}");
  Baseline b;
  for (std::size_t i = 0; i < j["accepted"].size(); ++i) {
    const auto& e = j["accepted"][i];
    std::string where = "/accepted/" + std::to_string(i);
    auto text = [&](const char* key, bool required) -> std::string {
      if (!e.is_object() || !e.contains(key)) {
        if (required) fail(path, where + ": missing \"" + key + "\"");
        return {};
      }
      if (!e[key].is_string()) fail(path, where + "/" + key + ": expected a string");
      return e[key].get<std::string>();
    };
    BaselineEntry entry{text("fingerprint", true), text("id", false), text("reason", true),
                        text("expires", true)};
    if (entry.fingerprint.size() != 16)
      fail(path, where + "/fingerprint: expected the 16 hex digits fwaudit prints");
    if (entry.reason.empty()) fail(path, where + "/reason: say why the finding is accepted");
    if (!valid_date(entry.expires))
      fail(path, where + "/expires: expected a date YYYY-MM-DD, got \"" + entry.expires + "\"");
    b.entries.push_back(std::move(entry));
  }
  return b;
}

void apply_baseline(AuditReport& report, const Baseline& baseline, const std::string& today) {
  for (AuditFinding& f : report.findings) {
    for (const BaselineEntry& e : baseline.entries) {
      if (e.fingerprint != f.fingerprint) continue;
      f.accepted_reason = e.reason;
      f.accepted_until = e.expires;
      f.acceptance_expired = e.expires < today;
    }
  }
}

Json baseline_json(const AuditReport& report, const std::string& today, int days) {
  Json accepted = Json::array();
  for (const AuditFinding& f : report.findings) {
    if (f.severity != "error" && f.severity != "warning") continue;
    // Entries still in force keep their reason and expiry.
    bool kept = f.accepted();
    accepted.push_back({{"fingerprint", f.fingerprint},
                        {"id", f.id},
                        {"finding", f.message},
                        {"reason", kept ? f.accepted_reason : "accepted on " + today + ": say why"},
                        {"expires", kept ? f.accepted_until : add_days(today, days)}});
  }
  return {{"schema_version", 1}, {"accepted", accepted}};
}

}  // namespace fwaudit::reports
