// analyzer/model/ruleset.cpp
#include "analyzer/model/ruleset.hpp"

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

}  // namespace fwaudit
