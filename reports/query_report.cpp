// reports/query_report.cpp
#include "reports/query_report.hpp"

#include <fmt/format.h>

namespace fwaudit::reports {

Json evaluation_json(const Packet& p, const Evaluation& e) {
  Json j;
  j["packet"] = to_json(p);
  j["verdict"] = to_string(e.verdict);
  j["certain"] = e.certain;
  if (e.rule) {
    Json r;
    r["file"] = e.rule->file;
    r["line"] = e.rule->line;
    r["text"] = e.rule->text;
    j["rule"] = std::move(r);
  } else {
    j["rule"] = nullptr;
    if (e.fallthrough_location.known()) j["default_policy"] = to_json(e.fallthrough_location);
  }
  j["decided_by"] = e.decided_by;
  if (!(e.translated == p)) j["translated"] = to_json(e.translated);
  j["unknowns"] = e.unknowns;
  Json trace = Json::array();
  for (const TraceStep& s : e.trace) {
    Json t;
    t["policy"] = s.policy;
    if (s.rule_index >= 0)
      t["rule"] = s.rule_index + 1;
    else
      t["rule"] = nullptr;
    if (s.location.known()) t["location"] = to_json(s.location);
    t["event"] = s.event;
    trace.push_back(std::move(t));
  }
  j["trace"] = std::move(trace);
  return j;
}

Json query_json(const std::vector<Packet>& packets, const std::vector<Evaluation>& results) {
  Json j;
  j["schema_version"] = kSchemaVersion;
  Json list = Json::array();
  for (std::size_t i = 0; i < results.size(); ++i)
    list.push_back(evaluation_json(packets[i], results[i]));
  j["results"] = std::move(list);
  return j;
}

std::string evaluation_text(const Packet& p, const Evaluation& e) {
  std::string out = fmt::format("packet:   {}\n", p.to_string());
  out += fmt::format("verdict:  {}{}\n", to_string(e.verdict), e.certain ? "" : " (uncertain)");
  if (e.rule)
    out += fmt::format("rule:     {}:{}: {}\n", e.rule->file, e.rule->line, e.rule->text);
  else if (e.fallthrough_location.known())
    out += fmt::format("default:  {} ({}:{})\n", e.decided_by, e.fallthrough_location.file,
                       e.fallthrough_location.line);
  else
    out += fmt::format("default:  {}\n", e.decided_by);
  if (!(e.translated == p)) out += fmt::format("leaves as: {}\n", e.translated.to_string());
  for (const std::string& u : e.unknowns)
    out += fmt::format("unknown:  {}\n", u);
  out += "trace:\n";
  std::string last_policy;
  for (const TraceStep& s : e.trace) {
    if (s.policy != last_policy) {
      out += fmt::format("  [{}]\n", s.policy);
      last_policy = s.policy;
    }
    std::string where =
        s.location.known() ? fmt::format("{}:{}", s.location.file, s.location.line) : "";
    std::string rule = s.rule_index >= 0 ? fmt::format("#{}", s.rule_index + 1) : "--";
    out += fmt::format("    {:<4} {:<24} {}\n", rule, where, s.event);
  }
  return out;
}

}  // namespace fwaudit::reports
