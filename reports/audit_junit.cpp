// reports/audit_junit.cpp
// JUnit XML as CI systems read it (testsuites > testsuite > testcase with failure / skipped).
#include <fmt/format.h>

#include "reports/audit_report.hpp"
#include "reports/markup_escape.hpp"

namespace fwaudit::reports {

namespace {

std::string details(const AuditFinding& f) {
  std::string d = f.message + "\n";
  if (!f.requirement_id.empty())
    d += "requirement: " + f.requirement_id + " (" + f.requirement_source.file + ":" +
         std::to_string(f.requirement_source.line) + ")\n";
  for (const AuditRule& r : f.rules)
    d += "rule: " + r.location.file + ":" + std::to_string(r.location.line) + ": " +
         (r.is_default ? r.label : r.location.text) + "\n";
  if (f.witness) d += "witness: " + f.witness->to_string() + "\n";
  if (!f.suggestion.empty()) d += "suggestion: " + f.suggestion + "\n";
  for (const std::string& e : f.profile_entries)
    d += "add: " + e + "\n";
  return d;
}

struct Case {
  std::string classname;
  std::string name;
  std::vector<const AuditFinding*> failures;
  const AuditFinding* skipped = nullptr;
};

std::string suite(const std::string& name, const std::vector<Case>& cases) {
  int failures = 0, skipped = 0;
  for (const Case& c : cases) {
    if (!c.failures.empty())
      ++failures;
    else if (c.skipped)
      ++skipped;
  }
  std::string out = fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
      escape_markup(name), cases.size(), failures, skipped);
  for (const Case& c : cases) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", escape_markup(c.classname),
                       escape_markup(c.name));
    if (c.failures.empty() && !c.skipped) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!c.failures.empty()) {
      std::string text;
      for (const AuditFinding* f : c.failures)
        text += details(*f);
      out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                         escape_markup(c.failures.front()->message),
                         escape_markup(c.failures.front()->kind), escape_markup(text));
    } else {
      out += fmt::format("      <skipped message=\"{}\"/>\n",
                         escape_markup(c.skipped->status + ": " + c.skipped->message));
    }
    out += "    </testcase>\n";
  }
  return out + "  </testsuite>\n";
}

}  // namespace

std::string audit_junit(const AuditReport& report) {
  std::vector<Case> requirements, overbroad;
  for (const AuditFinding& f : report.findings) {
    if (f.kind == "overbroad" || f.kind == "overbroad-rule") {
      Case c{"overbroad", f.from + " -> " + f.to + " " + f.service, {}, nullptr};
      if (f.severity == "error" || f.severity == "warning")
        c.failures.push_back(&f);
      else
        c.skipped = &f;
      overbroad.push_back(std::move(c));
      continue;
    }
    if (f.kind != "requirement") {
      // Return path, pinned hostname: part of the instance just listed.
      if (!requirements.empty() && f.severity == "error")
        requirements.back().failures.push_back(&f);
      continue;
    }
    std::string product = f.requirement_id.substr(0, f.requirement_id.find('/'));
    std::string name = f.requirement_id;
    if (!f.from.empty()) name += " " + f.service + " " + f.from + " -> " + f.to;
    Case c{product, name, {}, nullptr};
    if (f.status == "missing" || f.status == "partial") {
      if (f.severity == "error")
        c.failures.push_back(&f);
      else
        c.skipped = &f;  // optional requirement
    } else if (f.status != "satisfied") {
      c.skipped = &f;
    }
    requirements.push_back(std::move(c));
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fwaudit audit\">\n";
  out += suite("requirements", requirements);
  if (!overbroad.empty()) out += suite("overbroad", overbroad);
  return out + "</testsuites>\n";
}

}  // namespace fwaudit::reports
