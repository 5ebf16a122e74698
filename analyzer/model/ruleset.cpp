// analyzer/model/ruleset.cpp
#include "analyzer/model/ruleset.hpp"

#include <algorithm>

namespace fwaudit {

const char* to_string(PathKind k) {
  switch (k) {
    case PathKind::input:
      return "input";
    case PathKind::output:
      return "output";
    case PathKind::forward:
      return "forward";
  }
  return "forward";
}

PathKind path_of(const Packet& p) {
  if (p.out_if.empty()) return PathKind::input;
  if (p.in_if.empty()) return PathKind::output;
  return PathKind::forward;
}

PolicyId Ruleset::add_policy(Policy p) {
  policies.push_back(std::move(p));
  return static_cast<PolicyId>(policies.size() - 1);
}

PolicyId Ruleset::find_policy(std::string_view name) const {
  for (std::size_t i = 0; i < policies.size(); ++i)
    if (policies[i].name == name) return static_cast<PolicyId>(i);
  return kNoPolicy;
}

std::size_t Ruleset::rule_count() const {
  std::size_t n = 0;
  for (const auto& p : policies)
    n += p.rules.size();
  return n;
}

bool Ruleset::covers(PathKind k, Family f) const {
  const auto& stages = path(k);
  return stages.empty() ||
         std::any_of(stages.begin(), stages.end(), [f](const Stage& s) { return s.applies_to(f); });
}

namespace {

// The families a configuration's stages are limited to; nullopt when some stage takes every one.
std::optional<std::vector<Family>> families_of(const Ruleset& rs) {
  std::vector<Family> out;
  for (const auto& stages : rs.paths)
    for (const Stage& s : stages) {
      if (!s.family) return std::nullopt;
      if (std::find(out.begin(), out.end(), *s.family) == out.end()) out.push_back(*s.family);
    }
  return out;
}

[[noreturn]] void cannot_combine(const Ruleset& a, const Ruleset& b, const std::string& why) {
  throw InputError(
      {Severity::error,
       "cannot-combine",
       "cannot treat " + a.files.front() + " and " + b.files.front() + " as one firewall: " + why,
       {b.files.front(), 0, 0, {}},
       {}});
}

}  // namespace

Ruleset combine_families(std::vector<Ruleset> parts) {
  Ruleset out = std::move(parts.at(0));
  for (std::size_t i = 1; i < parts.size(); ++i) {
    Ruleset& part = parts[i];
    if (part.vendor != out.vendor) cannot_combine(out, part, "they are of different vendors");
    auto mine = families_of(out), theirs = families_of(part);
    if (!mine || !theirs) cannot_combine(out, part, "their rules are not limited to one family");
    for (Family f : *theirs)
      if (std::find(mine->begin(), mine->end(), f) != mine->end())
        cannot_combine(out, part, "both filter the same address family");
    const PolicyId offset = static_cast<PolicyId>(out.policies.size());
    for (Policy& p : part.policies) {
      for (Rule& r : p.rules)
        if (r.target != kNoPolicy) r.target += offset;
      out.policies.push_back(std::move(p));
    }
    for (int k = 0; k < kPathKindCount; ++k)
      for (Stage s : part.paths[static_cast<std::size_t>(k)]) {
        s.policy += offset;
        out.paths[static_cast<std::size_t>(k)].push_back(s);
      }
    out.dialect += "+" + part.dialect;
    out.files.insert(out.files.end(), part.files.begin(), part.files.end());
    for (const Diagnostic& d : part.diagnostics.items())
      out.diagnostics.add(d);
    for (Interface& itf : part.interfaces) {
      bool known = std::any_of(out.interfaces.begin(), out.interfaces.end(),
                               [&](const Interface& o) { return o.name == itf.name; });
      if (!known) out.interfaces.push_back(std::move(itf));
    }
    for (const auto& [name, count] : part.statistics) {
      auto it = std::find_if(out.statistics.begin(), out.statistics.end(),
                             [&](const auto& s) { return s.first == name; });
      if (it == out.statistics.end())
        out.statistics.emplace_back(name, count);
      else
        it->second += count;
    }
  }
  return out;
}

}  // namespace fwaudit
