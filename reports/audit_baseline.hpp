// reports/audit_baseline.hpp
#pragma once

#include <string>
#include <vector>

#include "reports/audit_report.hpp"

namespace fwaudit::reports {

// Accepted findings (docs/audit.md, "Baseline"): by fingerprint, each with a reason and an expiry
// date (YYYY-MM-DD, inclusive). Expired entries no longer accept their finding.
struct BaselineEntry {
  std::string fingerprint;
  std::string id;  // informative
  std::string reason;
  std::string expires;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// Reads a baseline file; throws InputError naming the file and JSON pointer on any problem.
Baseline read_baseline(const std::string& path);
// Marks the findings the baseline accepts (or accepted until an expiry before `today`).
void apply_baseline(AuditReport& report, const Baseline& baseline, const std::string& today);
// A baseline accepting every finding of severity warning or error, expiring `days` after `today`.
Json baseline_json(const AuditReport& report, const std::string& today, int days);

// Today as YYYY-MM-DD (UTC), or $FWAUDIT_TODAY when set (tests, reproducible runs).
std::string today_date();
// `date` plus `days`, both YYYY-MM-DD; "" when `date` is malformed.
std::string add_days(const std::string& date, int days);
bool valid_date(const std::string& date);

}  // namespace fwaudit::reports
