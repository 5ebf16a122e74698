// reports/audit_markdown.cpp
#include <map>

#include <fmt/format.h>

#include "reports/audit_report.hpp"

namespace fwaudit::reports {

namespace {

// A table cell: pipes escaped, line breaks as <br>.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

// Code in a table cell: one code span per line (a <br> inside a code span is shown as text).
std::string code(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    out += (out.empty() ? "`" : "<br>`") + cell(s.substr(start, end - start)) + "`";
    start = end + 1;
  }
  return out;
}

bool needs_action(const AuditFinding& f) {
  return !f.accepted() && (f.severity == "error" || f.severity == "warning");
}

}  // namespace

std::string audit_markdown(const AuditReport& report) {
  std::map<std::string, int> severities, statuses;
  for (const AuditFinding& f : report.findings) {
    if (needs_action(f)) ++severities[f.severity];
    if (f.kind == "requirement") ++statuses[f.status];
  }
  std::string out = fmt::format("## fwaudit audit: {} error{}, {} warning{}\n\n",
                                severities["error"], severities["error"] == 1 ? "" : "s",
                                severities["warning"], severities["warning"] == 1 ? "" : "s");
  std::string configs;
  for (const std::string& c : report.configs)
    configs += (configs.empty() ? "" : ", ") + code(c);
  out += "Configuration " + configs + ", site profile " + code(report.profile) + ".\n\n";
  out += "| satisfied | partial | missing | uncertain | unverifiable | not applicable |\n";
  out += "|---|---|---|---|---|---|\n";
  out += fmt::format("| {} | {} | {} | {} | {} | {} |\n\n", statuses["satisfied"],
                     statuses["partial"], statuses["missing"], statuses["uncertain"],
                     statuses["unverifiable"], statuses["not_applicable"]);
  if (severities["error"] + severities["warning"] > 0) {
    out += "| severity | finding | requirement | what | rule | fix |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const AuditFinding& f : report.findings) {
      if (!needs_action(f)) continue;
      std::string rule;
      if (!f.rules.empty()) {
        const AuditRule& r = f.rules.front();
        rule = code(r.location.file + ":" + std::to_string(r.location.line)) + " " +
               cell(r.is_default ? r.label : r.location.text);
      }
      std::string fix = !f.suggestion.empty() ? code(f.suggestion) : std::string();
      for (const std::string& e : f.profile_entries)
        fix += (fix.empty() ? "" : "<br>") + code(e);
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", f.severity, f.title(),
                         code(f.requirement_id), cell(f.message), rule, fix);
    }
    out += "\n";
  }
  out += "<details><summary>All requirement instances</summary>\n\n";
  out += "| status | requirement | service | flow |\n|---|---|---|---|\n";
  for (const AuditFinding& f : report.findings) {
    if (f.kind != "requirement") continue;
    out += fmt::format("| {} | {} | {} | {} |\n", f.status, code(f.requirement_id), cell(f.service),
                       f.from.empty() ? "" : cell(f.from + " → " + f.to));
  }
  return out + "\n</details>\n";
}

}  // namespace fwaudit::reports
