// reports/parse_report.cpp
#include "reports/parse_report.hpp"

#include <fmt/format.h>

namespace fwaudit::reports {

namespace {

constexpr std::size_t kCubesShown = 16;

Json match_json(const PacketSet& s, bool& truncated) {
  Json out = Json::array();
  if (s.is_all()) {
    out.push_back("(everything)");
    return out;
  }
  for (const PacketCube& c : s.cubes(kCubesShown, &truncated))
    out.push_back(c.to_string());
  return out;
}

Json rule_json(const Ruleset& rs, const Rule& r) {
  Json j;
  j["location"] = to_json(r.location);
  j["action"] = to_string(r.action);
  if ((r.action == RuleAction::call || r.action == RuleAction::go_to) && r.target != kNoPolicy)
    j["target"] = rs.policy(r.target).name;
  bool truncated = false;
  j["match"] = match_json(r.sure, truncated);
  if (!(r.sure == r.may)) {
    bool may_truncated = false;
    j["may_match"] = match_json(r.may, may_truncated);
    truncated = truncated || may_truncated;
  }
  if (truncated) j["match_truncated"] = true;
  if (!r.unknowns.empty()) j["unknowns"] = r.unknowns;
  if (r.translation) {
    Json t;
    t["description"] = r.translation->description;
    t["rewrite"] = r.translation->rewrite.to_string();
    if (r.translation->exempt) t["exempt"] = true;
    if (!r.translation->unknown_reason.empty()) t["unknown"] = r.translation->unknown_reason;
    j["translation"] = std::move(t);
  }
  if (rs.implicit_state) j["keeps_state"] = r.keeps_state;
  return j;
}

}  // namespace

Json parse_json(const Ruleset& rs) {
  Json j;
  j["schema_version"] = kSchemaVersion;
  j["files"] = rs.files;
  j["vendor"] = rs.vendor;
  if (!rs.dialect.empty()) j["dialect"] = rs.dialect;
  Json stats = Json::object();
  for (const auto& [name, value] : rs.statistics)
    stats[name] = value;
  stats["policies"] = rs.policies.size();
  stats["rules"] = rs.rule_count();
  j["statistics"] = std::move(stats);
  j["counts"] = counts_json(rs.diagnostics);
  j["diagnostics"] = to_json(rs.diagnostics);
  Json interfaces = Json::array();
  for (const Interface& i : rs.interfaces) {
    Json ij;
    ij["name"] = i.name;
    Json addresses = Json::array();
    for (const IpPrefix& a : i.addresses)
      addresses.push_back(a.addr.to_string() + "/" + std::to_string(a.length));
    ij["addresses"] = std::move(addresses);
    if (i.security_level >= 0) ij["security_level"] = i.security_level;
    if (i.location.known()) ij["location"] = to_json(i.location);
    interfaces.push_back(std::move(ij));
  }
  j["interfaces"] = std::move(interfaces);
  j["implicit_state"] = rs.implicit_state;
  Json paths;
  for (int k = 0; k < kPathKindCount; ++k) {
    Json stages = Json::array();
    for (const Stage& s : rs.paths[static_cast<std::size_t>(k)]) {
      Json sj;
      sj["kind"] = s.kind == Stage::Kind::filter ? "filter" : "translate";
      sj["policy"] = rs.policy(s.policy).name;
      stages.push_back(std::move(sj));
    }
    paths[to_string(static_cast<PathKind>(k))] = std::move(stages);
  }
  j["paths"] = std::move(paths);
  Json policies = Json::array();
  for (const Policy& p : rs.policies) {
    Json pj;
    pj["name"] = p.name;
    if (p.location.known()) pj["location"] = to_json(p.location);
    pj["fallthrough"] = to_string(p.fallthrough);
    if (!p.fallthrough_label.empty()) pj["fallthrough_label"] = p.fallthrough_label;
    if (p.fallthrough_location.known())
      pj["fallthrough_location"] = to_json(p.fallthrough_location);
    Json rules = Json::array();
    for (const Rule& r : p.rules)
      rules.push_back(rule_json(rs, r));
    pj["rules"] = std::move(rules);
    policies.push_back(std::move(pj));
  }
  j["policies"] = std::move(policies);
  return j;
}

std::string parse_text(const Ruleset& rs) {
  std::string files;
  for (const auto& f : rs.files)
    files += (files.empty() ? "" : ", ") + f;
  std::string out = fmt::format("{}: {}{}\n", files, rs.vendor,
                                rs.dialect.empty() ? "" : " (" + rs.dialect + ")");
  std::string stats;
  for (const auto& [name, value] : rs.statistics)
    stats += fmt::format("{}{} {}", stats.empty() ? "" : ", ", value, name);
  if (!stats.empty()) out += "  " + stats + "\n";
  out += fmt::format("  {} policies, {} rules in the model\n", rs.policies.size(), rs.rule_count());
  for (int k = 0; k < kPathKindCount; ++k) {
    const auto& stages = rs.paths[static_cast<std::size_t>(k)];
    std::string line;
    for (const Stage& s : stages)
      line += (line.empty() ? "" : " -> ") + rs.policy(s.policy).name +
              (s.kind == Stage::Kind::translate ? " (nat)" : "");
    out += fmt::format("  {} path: {}\n", to_string(static_cast<PathKind>(k)),
                       line.empty() ? "(no rules: everything passes)" : line);
  }
  const Diagnostics& d = rs.diagnostics;
  out += fmt::format("  diagnostics: {} errors, {} warnings, {} unsupported, {} notes\n",
                     d.count(Severity::error), d.count(Severity::warning),
                     d.count(Severity::unsupported), d.count(Severity::note));
  for (const Diagnostic& diag : d.items()) {
    out += diag.to_string() + "\n";
    if (!diag.location.text.empty()) out += "    " + diag.location.text + "\n";
  }
  return out;
}

}  // namespace fwaudit::reports
