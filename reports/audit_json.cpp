// reports/audit_json.cpp
#include <cstdint>
#include <map>

#include "reports/audit_report.hpp"

namespace fwaudit::reports {

std::string fingerprint_of(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[static_cast<std::size_t>(i)] = digits[h & 0xf];
  return out;
}

namespace {

Json rule_json(const AuditRule& r) {
  Json j = to_json(r.location);
  j["policy"] = r.policy;
  j["label"] = r.label;
  j["verdict"] = r.verdict;
  j["default_policy"] = r.is_default;
  j["certain"] = r.certain;
  return j;
}

Json finding_json(const AuditFinding& f) {
  Json j;
  j["id"] = f.id;
  j["fingerprint"] = f.fingerprint;
  j["kind"] = f.kind;
  j["status"] = f.status;
  j["severity"] = f.severity;
  j["message"] = f.message;
  j["location"] = f.rules.empty() ? Json(nullptr) : to_json(f.rules.front().location);
  Json related = Json::array();
  for (std::size_t i = 1; i < f.rules.size(); ++i)
    related.push_back(to_json(f.rules[i].location));
  j["related"] = related;
  if (f.witness) j["witness"] = to_json(*f.witness);
  if (f.requirement_id.empty())
    j["requirement"] = nullptr;
  else
    j["requirement"] = {
        {"id", f.requirement_id},
        {"summary", f.requirement_summary},
        {"necessity", f.necessity},
        {"source", {{"file", f.requirement_source.file}, {"line", f.requirement_source.line}}}};
  j["flow"] = {{"direction", f.direction},
               {"service", f.service},
               {"path", f.path},
               {"from", f.from},
               {"to", f.to}};
  Json rules = Json::array();
  for (const AuditRule& r : f.rules)
    rules.push_back(rule_json(r));
  j["rules"] = rules;
  j["unknowns"] = f.unknowns;
  j["profile_entries"] = f.profile_entries;
  if (!f.nat.empty()) j["nat"] = f.nat;
  if (!f.suggestion.empty()) j["suggestion"] = f.suggestion;
  if (!f.accepted_reason.empty())
    j["baseline"] = {{"reason", f.accepted_reason},
                     {"expires", f.accepted_until},
                     {"expired", f.acceptance_expired}};
  return j;
}

Json matrix_json(const ZoneMatrix& m) {
  Json cells = Json::array();
  for (const ZoneMatrixCell& c : m.cells) {
    Json rules = Json::array();
    for (const AuditRule& r : c.rules)
      rules.push_back(rule_json(r));
    cells.push_back({{"from", c.from},
                     {"to", c.to},
                     {"path", c.path},
                     {"services", c.services},
                     {"uncertain", c.uncertain},
                     {"rules", rules}});
  }
  return {{"config", m.config}, {"zones", m.zones}, {"cells", cells}};
}

}  // namespace

Json audit_json(const AuditReport& report) {
  Json j;
  j["schema_version"] = kSchemaVersion;
  j["configs"] = report.configs;
  j["profile"] = report.profile;
  j["vendor"] = report.vendor;
  std::map<std::string, int> statuses;
  std::map<std::string, int> severities;
  Json findings = Json::array();
  for (const AuditFinding& f : report.findings) {
    if (f.kind == "requirement") ++statuses[f.status];
    ++severities[f.severity];
    findings.push_back(finding_json(f));
  }
  Json counts;
  for (const char* s :
       {"satisfied", "partial", "missing", "uncertain", "unverifiable", "not_applicable"})
    counts[s] = statuses[s];
  Json by_severity;
  for (const char* s : {"error", "warning", "note", "none"})
    by_severity[s] = severities[s];
  j["summary"] = {{"requirements", counts}, {"severities", by_severity}};
  j["findings"] = findings;
  Json matrices = Json::array();
  for (const ZoneMatrix& m : report.zone_matrices)
    matrices.push_back(matrix_json(m));
  j["zone_matrix"] = matrices;
  return j;
}

}  // namespace fwaudit::reports
