// reports/audit_text.cpp
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "reports/audit_report.hpp"

namespace fwaudit::reports {

namespace {

const char* colour_of(const std::string& status) {
  if (status == "satisfied") return "\033[32m";
  if (status == "missing" || status == "partial" || status == "blocked") return "\033[31m";
  if (status == "uncertain" || status == "unverifiable") return "\033[33m";
  return "\033[2m";
}

std::string painted(const std::string& status, std::size_t width, bool colour) {
  std::string cell = fmt::format("{:<{}}", status, width);
  return colour ? colour_of(status) + cell + "\033[0m" : cell;
}

bool needs_action(const AuditFinding& f) {
  return f.severity == "error" || f.severity == "warning" || f.kind == "overbroad" ||
         f.kind == "overbroad-rule";
}

std::string rule_line(const AuditRule& r) {
  std::string where = r.location.known() ? r.location.file + ":" + std::to_string(r.location.line)
                                         : std::string("(no location)");
  std::string text = r.is_default ? r.label : (r.location.text.empty() ? r.label : r.location.text);
  return where + ": " + text + (r.certain ? "" : "  [may match]");
}

}  // namespace

std::string audit_text(const AuditReport& report, bool colour) {
  std::string out;
  std::size_t w_req = 11, w_svc = 7, w_status = 14;
  for (const AuditFinding& f : report.findings) {
    if (f.kind != "requirement") continue;
    w_req = std::max(w_req, f.requirement_id.size());
    w_svc = std::max(w_svc, f.service.size());
  }
  out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", "STATUS", w_status, "REQUIREMENT", w_req,
                     "SERVICE", w_svc, "FLOW");
  for (const AuditFinding& f : report.findings) {
    if (f.kind != "requirement") continue;
    std::string flow = f.from.empty() ? "-" : f.from + " -> " + f.to;
    out += painted(f.status, w_status, colour) +
           fmt::format("  {:<{}}  {:<{}}  {}\n", f.requirement_id, w_req, f.service, w_svc, flow);
  }
  bool header = false;
  for (const AuditFinding& f : report.findings) {
    if (!needs_action(f)) continue;
    if (!header) out += "\nFindings\n";
    header = true;
    std::string status = f.kind == f.status ? "" : " " + f.status;
    if (colour && !status.empty())
      status = std::string(" ") + colour_of(f.status) + f.status + "\033[0m";
    out += fmt::format("\n[{}] {} {}{}: {}\n", f.severity, f.id, f.kind, status, f.message);
    if (!f.requirement_id.empty())
      out += fmt::format("  requirement {} ({}:{})\n", f.requirement_id, f.requirement_source.file,
                         f.requirement_source.line);
    if (!f.from.empty()) out += fmt::format("  flow        {} {} -> {}\n", f.service, f.from, f.to);
    if (!f.nat.empty()) out += "  nat         " + f.nat + "\n";
    for (const AuditRule& r : f.rules)
      out += "  rule        " + rule_line(r) + "\n";
    if (f.witness) out += "  witness     " + f.witness->to_string() + "\n";
    for (const std::string& u : f.unknowns)
      out += "  unknown     " + u + "\n";
    for (const std::string& e : f.profile_entries)
      out += "  add         " + e + "\n";
    if (!f.accepted_reason.empty())
      out += std::string(f.acceptance_expired ? "  EXPIRED     " : "  accepted    ") + "until " +
             f.accepted_until + ": " + f.accepted_reason + "\n";
    if (!f.suggestion.empty()) {
      std::string indented = f.suggestion;
      for (std::size_t at = indented.find('\n'); at != std::string::npos;
           at = indented.find('\n', at + 1))
        indented.insert(at + 1, std::string(14, ' '));
      out += "  suggestion  " + indented + "\n";
    }
  }
  std::map<std::string, int> counts;
  for (const AuditFinding& f : report.findings)
    if (f.kind == "requirement") ++counts[f.status];
  std::string summary;
  for (const char* s :
       {"satisfied", "partial", "missing", "uncertain", "unverifiable", "not_applicable"})
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", counts[s], s);
  int returns = static_cast<int>(
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const AuditFinding& f) { return f.kind == "return-path"; }));
  int overbroad = static_cast<int>(std::count_if(
      report.findings.begin(), report.findings.end(),
      [](const AuditFinding& f) { return f.kind == "overbroad" || f.kind == "overbroad-rule"; }));
  out += fmt::format("\n{} requirement instances: {}; {} return-path finding{}; {} overbroad\n",
                     std::count_if(report.findings.begin(), report.findings.end(),
                                   [](const AuditFinding& f) { return f.kind == "requirement"; }),
                     summary, returns, returns == 1 ? "" : "s", overbroad);
  return out;
}

}  // namespace fwaudit::reports
