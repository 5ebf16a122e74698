// reports/audit_sarif.cpp
// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: tool.driver.rules with
// properties.security-severity, results with ruleId/ruleIndex, level, message, one physical
// location with a region, and partialFingerprints.
#include <map>

#include "reports/audit_report.hpp"

namespace fwaudit::reports {

namespace {

struct SarifRule {
  const char* id;
  const char* name;
  const char* description;
  const char* security_severity;  // 0.1-10: GitHub's low < 4 <= medium < 7 <= high < 9 <= critical
};

constexpr SarifRule kRules[] = {
    {"FWA001", "RequiredFlowMissing",
     "A flow a deployed product requires is blocked by the firewall.", "7.5"},
    {"FWA002", "RequiredFlowPartial",
     "Part of a flow a deployed product requires is blocked by the firewall.", "7.0"},
    {"FWA003", "RequiredFlowUncertain",
     "Whether a required flow passes depends on matches that cannot be evaluated offline.", "4.0"},
    {"FWA004", "RequirementUnverifiable",
     "A requirement cannot be checked: a role is not bound in the site profile.", "3.0"},
    {"FWA005", "ReturnPathBlocked",
     "A required connection is permitted but its replies are blocked.", "7.0"},
    {"FWA006", "PinnedHostname",
     "A hostname the vendor advises not to pin is permitted only to fixed addresses.", "4.0"},
    {"FWA007", "OverbroadPermit",
     "A rule permits traffic to or from the appliance beyond what its requirements need.", "6.0"},
    {"FWA008", "WidePermit",
     "A rule permits a service from any source to any destination, or many ports from the "
     "internet.",
     "8.0"},
    {"FWA009", "ReturnPathUncertain",
     "A required connection is permitted but whether its replies pass depends on matches that "
     "cannot be evaluated offline.",
     "4.0"},
};

int rule_index(const AuditFinding& f) {
  if (f.kind == "return-path") return f.status == "uncertain" ? 8 : 4;
  if (f.kind == "pinned-hostname") return 5;
  if (f.kind == "overbroad") return 6;
  if (f.kind == "overbroad-rule") return 7;
  if (f.status == "missing") return 0;
  if (f.status == "partial") return 1;
  if (f.status == "uncertain") return 2;
  if (f.status == "unverifiable") return 3;
  return -1;
}

const char* level_of(const std::string& severity) {
  if (severity == "error") return "error";
  if (severity == "warning") return "warning";
  return "note";
}

// An artifact URI: the path as given, without a leading "./".
std::string uri_of(const std::string& path) {
  return path.rfind("./", 0) == 0 ? path.substr(2) : path;
}

Json location_of(const AuditFinding& f, const AuditReport& report) {
  Json physical;
  if (!f.rules.empty() && f.rules.front().location.known()) {
    const SourceLocation& l = f.rules.front().location;
    physical["artifactLocation"] = {{"uri", uri_of(l.file)}};
    Json region = {{"startLine", l.line}};
    if (l.column > 0) region["startColumn"] = l.column;
    if (!l.text.empty()) region["snippet"] = {{"text", l.text}};
    physical["region"] = region;
  } else {
    // Nothing in the configuration to point at (unbound role): the site profile.
    physical["artifactLocation"] = {{"uri", uri_of(report.profile)}};
    physical["region"] = {{"startLine", 1}};
  }
  return {{"physicalLocation", physical}};
}

std::string message_of(const AuditFinding& f) {
  std::string m = f.message;
  if (!f.requirement_id.empty())
    m += " [" + f.requirement_id + ", " + f.requirement_source.file + ":" +
         std::to_string(f.requirement_source.line) + "]";
  if (f.witness) m += " Witness: " + f.witness->to_string() + ".";
  if (!f.suggestion.empty()) m += " Suggested rule: " + f.suggestion;
  for (const std::string& e : f.profile_entries)
    m += " Add to the site profile: " + e;
  return m;
}

}  // namespace

Json audit_sarif(const AuditReport& report) {
  Json rules = Json::array();
  for (const SarifRule& r : kRules) {
    rules.push_back(
        {{"id", r.id},
         {"name", r.name},
         {"shortDescription", {{"text", r.description}}},
         {"fullDescription", {{"text", r.description}}},
         {"properties",
          {{"security-severity", r.security_severity}, {"tags", {"security", "firewall"}}}}});
  }
  Json results = Json::array();
  for (const AuditFinding& f : report.findings) {
    int index = rule_index(f);
    if (index < 0 || f.severity == "none") continue;
    Json result;
    result["ruleId"] = kRules[index].id;
    result["ruleIndex"] = index;
    result["level"] = level_of(f.severity);
    result["message"] = {{"text", message_of(f)}};
    result["locations"] = Json::array({location_of(f, report)});
    result["partialFingerprints"] = {{"fwauditFingerprint/v1", f.fingerprint}};
    Json properties = {{"fwaudit_id", f.id}, {"kind", f.kind}, {"status", f.status}};
    if (!f.requirement_id.empty()) properties["requirement"] = f.requirement_id;
    result["properties"] = properties;
    results.push_back(std::move(result));
  }
  Json run;
  run["tool"] = {{"driver",
                  {{"name", "fwaudit"},
                   {"version", report.tool_version.empty() ? "0" : report.tool_version},
                   {"rules", rules}}}};
  run["results"] = results;
  Json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = Json::array({run});
  return out;
}

}  // namespace fwaudit::reports
